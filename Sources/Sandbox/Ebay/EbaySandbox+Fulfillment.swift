import Foundation
import Vapor

// Fulfillment API v1: orders (filter, paging), shipping fulfillments.
extension EbaySandbox {
    static let fulfillment: [PathComponent] = ["sell", "fulfillment", "v1"]

    func bootFulfillment(_ routes: any RoutesBuilder) {
        let base = routes.grouped(Self.fulfillment)
        base.get("order", use: guarded(getOrders))
        base.get("order", ":orderId", use: guarded(getOrder))
        base.post("order", ":orderId", "shipping_fulfillment", use: guarded(createShippingFulfillment))
        base.get("order", ":orderId", "shipping_fulfillment", use: guarded(getShippingFulfillments))
        base.post("order", ":orderId", "issue_refund", use: guarded(issueRefund))
    }

    @Sendable func issueRefund(_ call: Call) async throws -> Response {
        let id = call.request.parameters.get("orderId") ?? ""
        let op = call.operation
        guard let body = call.body, body["reasonForRefund"]?.string != nil else {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(op, status: 400, id: op?.errorIDs["400"]?.keys.min() ?? 34900)])
        }
        let lines = body["refundItems"]?.array ?? []
        let amount = body["orderLevelRefundAmount"]?["value"]?.string.flatMap { Decimal(string: $0) }
            ?? lines.compactMap { $0["refundAmount"]?["value"]?.string.flatMap { Decimal(string: $0) } }.reduce(0, +)
        guard let refundID = state.refund(orderID: id, amount: amount) else {
            return EbaySandboxErrors.response(.notFound, [EbaySandboxErrors.detail(op, status: 404, id: op?.errorIDs["404"]?.keys.min() ?? 34901, ["orderId": id])])
        }
        return EbaySandboxErrors.json(.object(["refundId": .string(refundID), "refundStatus": .string("PENDING")]))
    }

    static func date(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// The parsed `filter`: `lastmodifieddate:[a..b]` or `creationdate:[a..b]`, and
    /// `orderfulfillmentstatus:{A|B}`. An error id from the contract when malformed.
    struct OrderFilter {
        var field: KeyPath<EbaySandboxState.Order, Date>?
        var from: Date?
        var to: Date?
        var statuses: Set<String>?
    }

    static func parseFilter(_ raw: String?) -> EbayOutcome<OrderFilter, (Int, [String: String])> {
        var filter = OrderFilter()
        guard let raw, !raw.isEmpty else { return .success(filter) }
        // Commas separate filters; the date range itself contains none.
        for part in raw.split(separator: ",") {
            let pieces = part.split(separator: ":", maxSplits: 1)
            guard pieces.count == 2 else { return .failure((30700, ["fieldname": String(part)])) }
            let name = String(pieces[0]), value = String(pieces[1])
            switch name {
            case "lastmodifieddate", "creationdate":
                guard value.hasPrefix("["), value.hasSuffix("]") else { return .failure((30800, ["fieldvalue": value, "fieldname": name])) }
                let bounds = value.dropFirst().dropLast().components(separatedBy: "..")
                guard bounds.count == 2 else { return .failure((30800, ["fieldvalue": value, "fieldname": name])) }
                guard !bounds[0].isEmpty else { return .failure((30820, [:])) }
                guard let from = parseDate(bounds[0]) else { return .failure((30810, [:])) }
                var to: Date?
                if !bounds[1].isEmpty {
                    guard let parsed = parseDate(bounds[1]) else { return .failure((30810, [:])) }
                    guard from <= parsed else { return .failure((30840, [:])) }
                    to = parsed
                }
                filter.field = name == "creationdate" ? \.created : \.lastModified
                filter.from = from
                filter.to = to
            case "orderfulfillmentstatus":
                guard value.hasPrefix("{"), value.hasSuffix("}") else { return .failure((30800, ["fieldvalue": value, "fieldname": name])) }
                let statuses = Set(value.dropFirst().dropLast().split(separator: "|").map(String.init))
                guard statuses.isSubset(of: ["NOT_STARTED", "IN_PROGRESS", "FULFILLED"]) else {
                    return .failure((30800, ["fieldvalue": value, "fieldname": name]))
                }
                filter.statuses = statuses
            default:
                return .failure((30700, ["fieldname": name]))
            }
        }
        return .success(filter)
    }

    /// Money as eBay writes it: two decimals.
    static func money(_ value: Decimal) -> String {
        var rounded = Decimal()
        var input = value
        NSDecimalRound(&rounded, &input, 2, .plain)
        let text = NSDecimalString(&rounded, Locale(identifier: "en_US_POSIX"))
        guard let dot = text.firstIndex(of: ".") else { return text + ".00" }
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        return decimals >= 2 ? text : text + String(repeating: "0", count: 2 - decimals)
    }

    /// An order as eBay returns it (`Order`).
    static func record(_ order: EbaySandboxState.Order) -> EbayJSON {
        let currency = order.lines.first?.currency ?? "USD"
        let subtotal = order.subtotal
        func amount(_ value: Decimal) -> EbayJSON { .object(["value": .string(EbaySandbox.money(value)), "currency": .string(currency)]) }
        let shipTo: EbayJSON = .object([
            "fullName": .string(order.shipTo.fullName), "email": .string(order.shipTo.email),
            "contactAddress": .object([
                "addressLine1": .string(order.shipTo.addressLine1), "city": .string(order.shipTo.city),
                "stateOrProvince": .string(order.shipTo.stateOrProvince), "postalCode": .string(order.shipTo.postalCode), "countryCode": .string("US"),
            ]),
            "primaryPhone": .object(["phoneNumber": .string(order.shipTo.phone)]),
        ])
        let shipped = Dictionary(order.fulfillments.flatMap(\.lines), uniquingKeysWith: +)
        var object: [String: EbayJSON] = [
            "orderId": .string(order.id),
            "creationDate": .string(date(order.created)),
            "lastModifiedDate": .string(date(order.lastModified)),
            "orderFulfillmentStatus": .string(order.fulfillmentStatus),
            "orderPaymentStatus": .string("PAID"),
            "sellerId": .string("shoppyshop_sandbox_seller"),
            "buyer": .object(["username": .string(order.buyer), "buyerRegistrationAddress": .object([
                "fullName": .string(order.shipTo.fullName), "email": .string(order.shipTo.email)])]),
            "fulfillmentStartInstructions": .array([.object([
                "fulfillmentInstructionsType": .string("SHIP_TO"),
                "shippingStep": .object(["shippingCarrierCode": .string("USPS"), "shippingServiceCode": .string("USPSPriority"), "shipTo": shipTo]),
            ])]),
            "cancelStatus": .object(order.cancelled
                ? ["cancelState": .string("CANCELED"), "cancelledDate": .string(date(order.lastModified))]
                : ["cancelState": .string("NONE_REQUESTED"), "cancelRequests": .array([])]),
            "pricingSummary": .object(["priceSubtotal": amount(subtotal), "deliveryCost": amount(order.deliveryCost),
                                       "tax": amount(order.totalTax), "total": amount(order.total)]),
            "lineItems": .array(order.lines.map { line in
                let done = shipped[line.lineItemID] ?? 0
                return .object([
                    "lineItemId": .string(line.lineItemID), "legacyItemId": .string(line.listingID), "sku": .string(line.sku),
                    "title": .string(line.title), "quantity": .int(line.quantity),
                    "lineItemCost": amount(line.unitPrice * Decimal(line.quantity)),
                    "deliveryCost": .object(["shippingCost": amount(order.deliveryCost / Decimal(order.lines.count))]),
                    "total": amount(line.unitPrice * Decimal(line.quantity) + order.deliveryCost / Decimal(order.lines.count) + order.tax(line)),
                    "ebayCollectAndRemitTaxes": .array(order.taxRate > 0 ? [.object([
                        "taxType": .string("STATE_SALES_TAX"), "amount": amount(order.tax(line)), "collectionMethod": .string("NET"),
                    ])] : []),
                    "lineItemFulfillmentStatus": .string(done == 0 ? "NOT_STARTED" : done >= line.quantity ? "FULFILLED" : "IN_PROGRESS"),
                    "soldFormat": .string("FIXED_PRICE"),
                ])
            }),
        ]
        if !order.fulfillments.isEmpty {
            object["fulfillmentHrefs"] = .strings(order.fulfillments.map { "/sell/fulfillment/v1/order/\(order.id)/shipping_fulfillment/\($0.id)" })
        }
        return .object(object)
    }

    @Sendable func getOrders(_ call: Call) async throws -> Response {
        let op = call.operation
        let limit = call.request.query[Int.self, at: "limit"] ?? 50
        let offset = call.request.query[Int.self, at: "offset"] ?? 0
        // `limit`: "Maximum: 200"; "Minimum: 1".
        guard (1...200).contains(limit), offset >= 0 else {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(op, status: 400, id: 30800, ["fieldvalue": "\(limit)", "fieldname": "limit"])])
        }
        let filter: OrderFilter
        switch Self.parseFilter(call.request.query[String.self, at: "filter"]) {
        case .success(let parsed): filter = parsed
        case .failure(let (id, values)):
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(op, status: 400, id: id, values)])
        }
        let matching = state.orders.filter { order in
            if let field = filter.field {
                let value = order[keyPath: field]
                if let from = filter.from, value < from { return false }
                if let to = filter.to, value > to { return false }
            }
            if let statuses = filter.statuses, !statuses.contains(order.fulfillmentStatus) { return false }
            return true
        }
        // Newest first by creation date, as eBay sorts; stable by id.
        .sorted { ($0.created, $0.id) > ($1.created, $1.id) }
        let page = matching.dropFirst(offset).prefix(limit)
        let query = call.request.url.query.map { "?\($0)" } ?? ""
        var object: [String: EbayJSON] = [
            "href": .string(call.request.url.path + query), "limit": .int(limit), "offset": .int(offset),
            "total": .int(matching.count), "orders": .array(page.map(Self.record)),
        ]
        if offset + limit < matching.count {
            object["next"] = .string(call.request.url.path + query.replacingOccurrences(of: "offset=\(offset)", with: "offset=\(offset + limit)"))
        }
        return EbaySandboxErrors.json(.object(object))
    }

    @Sendable func getOrder(_ call: Call) async throws -> Response {
        let id = call.request.parameters.get("orderId") ?? ""
        guard let order = state.orders.first(where: { $0.id == id }) else {
            return EbaySandboxErrors.response(.notFound, [EbaySandboxErrors.detail(call.operation, status: 404, id: 32100, ["orderId": id])])
        }
        return EbaySandboxErrors.json(Self.record(order))
    }

    @Sendable func createShippingFulfillment(_ call: Call) async throws -> Response {
        let id = call.request.parameters.get("orderId") ?? ""
        let op = call.operation
        guard let body = call.body, let lines = body["lineItems"]?.array, !lines.isEmpty else {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(op, status: 400, id: 32600)])
        }
        if (body["trackingNumber"] == nil) != (body["shippingCarrierCode"] == nil) {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(op, status: 400, id: 32300)])
        }
        if let shipped = body["shippedDate"]?.string, Self.parseDate(shipped) == nil {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(op, status: 400, id: 32500)])
        }
        let outcome: EbayOutcome<String, EbayJSON> = state.box.withLock { store in
            guard let index = store.orders.firstIndex(where: { $0.id == id }) else {
                return .failure(EbaySandboxErrors.detail(op, status: 400, id: 32100, ["orderId": id]))
            }
            let order = store.orders[index]
            var references: [(String, Int)] = []
            for line in lines {
                let lineID = line["lineItemId"]?.string ?? ""
                guard let ordered = order.lines.first(where: { $0.lineItemID == lineID }) else {
                    return .failure(EbaySandboxErrors.detail(op, status: 400, id: 32200, ["lineItemId": lineID]))
                }
                if references.contains(where: { $0.0 == lineID }) { return .failure(EbaySandboxErrors.detail(op, status: 400, id: 32210)) }
                let quantity = line["quantity"]?.int ?? ordered.quantity
                guard quantity >= 1, quantity <= ordered.quantity else {
                    return .failure(EbaySandboxErrors.detail(op, status: 400, id: 32600))
                }
                references.append((lineID, quantity))
            }
            let fulfillmentID = body["trackingNumber"]?.string ?? "\(store.nextID)"
            store.nextID += 1
            store.orders[index].fulfillments.append(.init(
                id: fulfillmentID, lines: references, trackingNumber: body["trackingNumber"]?.string,
                carrier: body["shippingCarrierCode"]?.string, shippedDate: body["shippedDate"]?.string))
            store.orders[index].lastModified = Date().addingTimeInterval(store.clockOffset)
            return .success(fulfillmentID)
        }
        switch outcome {
        case .success(let fulfillmentID):
            return EbaySandboxErrors.empty(.created, headers: [("Location", "\(call.request.url.path)/\(fulfillmentID)")])
        case .failure(let error):
            return EbaySandboxErrors.response(.badRequest, [error])
        }
    }

    @Sendable func getShippingFulfillments(_ call: Call) async throws -> Response {
        let id = call.request.parameters.get("orderId") ?? ""
        guard let order = state.orders.first(where: { $0.id == id }) else {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(call.operation, status: 400, id: 32100, ["orderId": id])])
        }
        let fulfillments: [EbayJSON] = order.fulfillments.map { fulfillment in
            var object: [String: EbayJSON] = [
                "fulfillmentId": .string(fulfillment.id),
                "lineItems": .array(fulfillment.lines.map { .object(["lineItemId": .string($0.0), "quantity": .int($0.1)]) }),
            ]
            if let tracking = fulfillment.trackingNumber { object["shipmentTrackingNumber"] = .string(tracking) }
            if let carrier = fulfillment.carrier { object["shippingCarrierCode"] = .string(carrier) }
            if let shipped = fulfillment.shippedDate { object["shippedDate"] = .string(shipped) }
            return .object(object)
        }
        return EbaySandboxErrors.json(.object(["fulfillments": .array(fulfillments), "total": .int(fulfillments.count)]))
    }
}
