import Foundation

// Fulfillment API v1 (contracts/ebay/sell_fulfillment_v1_oas3.json).
extension EbayClient {
    /// The `filter` of `getOrders`: `lastmodifieddate:[from..to]` (ISO 8601 UTC; eBay
    /// filters on last-modified *or* creation date, not both) and `orderfulfillmentstatus`.
    public struct OrderFilter: Sendable, Hashable {
        public var modifiedFrom: Date?
        public var modifiedTo: Date?
        /// e.g. `["NOT_STARTED", "IN_PROGRESS"]`, sent as `orderfulfillmentstatus:{NOT_STARTED|IN_PROGRESS}`.
        public var fulfillmentStatuses: [String]

        public init(modifiedFrom: Date? = nil, modifiedTo: Date? = nil, fulfillmentStatuses: [String] = []) {
            self.modifiedFrom = modifiedFrom
            self.modifiedTo = modifiedTo
            self.fulfillmentStatuses = fulfillmentStatuses
        }

        public var queryValue: String? {
            var parts: [String] = []
            if modifiedFrom != nil || modifiedTo != nil {
                // eBay's dates have milliseconds; the end is rounded up to the next one, so an
                // order modified within the last millisecond before `modifiedTo` is inside.
                parts.append("lastmodifieddate:[\(modifiedFrom.map(EbayDate.format) ?? "")..\(modifiedTo.map { EbayDate.format($0.addingTimeInterval(0.001)) } ?? "")]")
            }
            if !fulfillmentStatuses.isEmpty {
                parts.append("orderfulfillmentstatus:{\(fulfillmentStatuses.joined(separator: "|"))}")
            }
            return parts.isEmpty ? nil : parts.joined(separator: ",")
        }
    }

    /// `GET /order?filter=&limit=&offset=` (limit 1…200).
    public func getOrders(filter: OrderFilter = OrderFilter(), limit: Int = EbayLimits.ordersPageLimit, offset: Int = 0) async throws -> EbayOrdersPage {
        var query: [(String, String)] = []
        if let value = filter.queryValue { query.append(("filter", value)) }
        query.append(("limit", "\(min(max(limit, 1), EbayLimits.ordersPageLimit))"))
        query.append(("offset", "\(offset)"))
        return try await send(Call(api: .fulfillment, method: .get, path: "/order", query: query, operation: "getOrders"))
    }

    /// Every order matching `filter`, following `offset` until `total`.
    public func allOrders(filter: OrderFilter, pageSize: Int = EbayLimits.ordersPageLimit) async throws -> [EbayOrderDTO] {
        var orders: [EbayOrderDTO] = []
        var offset = 0
        while true {
            let page = try await getOrders(filter: filter, limit: pageSize, offset: offset)
            let batch = page.orders ?? []
            orders += batch
            offset += batch.count
            if batch.isEmpty || offset >= (page.total ?? 0) { return orders }
        }
    }

    /// `GET /order/{orderId}`.
    public func getOrder(id: String) async throws -> EbayOrderDTO {
        try await send(Call(api: .fulfillment, method: .get, path: "/order/\(Self.encodePath(id))", operation: "getOrder"))
    }

    /// `POST /order/{orderId}/shipping_fulfillment` (201, id in `Location`). Returns the fulfillment id.
    @discardableResult
    public func createShippingFulfillment(orderID: String, _ details: EbayShippingFulfillmentDetails) async throws -> String? {
        let response = try await sendRaw(Call(
            api: .fulfillment, method: .post, path: "/order/\(Self.encodePath(orderID))/shipping_fulfillment",
            operation: "createShippingFulfillment", body: try Self.body(details)
        ))
        return response.headers["Location"].flatMap { $0.split(separator: "/").last.map(String.init) }
    }

    /// `GET /order/{orderId}/shipping_fulfillment`.
    public func getShippingFulfillments(orderID: String) async throws -> EbayShippingFulfillmentsPage {
        try await send(Call(api: .fulfillment, method: .get, path: "/order/\(Self.encodePath(orderID))/shipping_fulfillment",
                            operation: "getShippingFulfillments"))
    }
}

/// eBay's timestamp form: ISO 8601 UTC with milliseconds, `2015-08-04T19:09:02.768Z`.
extension EbayClient {
    /// `POST /order/{order_id}/issue_refund`: refunds the buyer (a Shopify refund or a
    /// cancellation of an eBay order carried to eBay). Not retried on a timeout.
    public func issueRefund(orderID: String, _ request: EbayIssueRefundRequest) async throws -> EbayRefund {
        try await send(Call(api: .fulfillment, method: .post, path: "/order/\(Self.encodePath(orderID))/issue_refund",
                            operation: "issueRefund", body: try Self.body(request)))
    }
}

public enum EbayDate {
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
