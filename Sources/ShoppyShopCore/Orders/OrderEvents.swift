import FluentKit
import Foundation
import ShopifyAPI

/// What Shopify's order webhooks mean for eBay orders: a fulfillment becomes a shipment to
/// send to eBay; a cancellation or a refund made in Shopify becomes a refund to carry to eBay
/// (unless ShoppyShop itself cancelled the order because eBay did).
public enum OrderEvents {
    /// The eBay order a Shopify order was created for.
    static func link(shopifyOrderID: Int64, on db: any Database) async throws -> OrderLink? {
        try await OrderLink.query(on: db).filter(\.$shopifyOrderID == shopifyOrderID).first()
    }

    /// fulfillments/create and fulfillments/update: records the shipment (held without a
    /// tracking number: an eBay order is never marked shipped blind). Returns whether an eBay
    /// order is concerned.
    public static func fulfillment(_ payload: ShopifyWebhook.Fulfillment, on db: any Database) async throws -> Bool {
        guard payload.status != "cancelled" && payload.status != "error" && payload.status != "failure" else { return false }
        return try await record(shipment: payload.id, order: payload.orderID, tracking: payload.tracking, carrier: payload.trackingCompany,
                                lines: payload.lineItems.map { EbayShipment.Line(sku: $0.sku, quantity: $0.quantity) },
                                shippedAt: payload.createdAt.flatMap(ShopifyDates.parse), on: db)
    }

    /// A Shopify fulfillment of an eBay order, from a webhook or the poll. Returns whether an eBay order is concerned.
    public static func record(shipment id: Int64, order orderID: Int64, tracking: String?, carrier: String?, lines: [EbayShipment.Line],
                              shippedAt: Date?, on db: any Database) async throws -> Bool {
        do {
            return try await recordOnce(shipment: id, order: orderID, tracking: tracking, carrier: carrier, lines: lines, shippedAt: shippedAt, on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The webhook and the poll saw the same fulfillment at once and the other inserted
            // it first: the row exists now, so this is an update of it.
            return try await recordOnce(shipment: id, order: orderID, tracking: tracking, carrier: carrier, lines: lines, shippedAt: shippedAt, on: db)
        }
    }

    static func recordOnce(shipment id: Int64, order orderID: Int64, tracking: String?, carrier: String?, lines: [EbayShipment.Line],
                           shippedAt: Date?, on db: any Database) async throws -> Bool {
        guard let link = try await link(shopifyOrderID: orderID, on: db) else { return false }
        let row = try await EbayShipment.query(on: db).filter(\.$shopifyFulfillmentID == id).first()
            ?? EbayShipment(ebayOrderID: link.ebayOrderID, shopifyOrderID: orderID, shopifyFulfillmentID: id,
                            trackingNumber: nil, carrier: nil, lines: lines, shippedAt: shippedAt)
        guard row.state != .pushed else { return false } // eBay has it; a later edit of tracking is not re-sent
        let tracking = tracking.flatMap { $0.isEmpty ? nil : $0 }
        if row.id != nil, row.trackingNumber == tracking, row.carrier == carrier, row.state != .failed { return false }
        row.trackingNumber = tracking
        row.carrier = carrier
        row.lines = JSONList(lines)
        if row.trackingNumber == nil {
            row.state = .held
            row.lastError = "no tracking number: add one to the fulfillment in Shopify and it is sent to eBay"
        } else {
            row.state = .pending
            row.lastError = nil
        }
        try await row.save(on: db)
        return true
    }

    /// orders/cancelled of an eBay order: carried to eBay as a refund, unless the
    /// cancellation came from eBay (then it is our own echo).
    public static func cancelled(_ payload: ShopifyWebhook.Order, on db: any Database) async throws -> Bool {
        guard payload.cancelledAt != nil else { return false }
        return try await cancelled(shopifyOrderID: payload.id, on: db)
    }

    public static func cancelled(shopifyOrderID: Int64, on db: any Database) async throws -> Bool {
        guard let link = try await link(shopifyOrderID: shopifyOrderID, on: db), link.state != .cancelled else { return false }
        if link.cancelState == CancelState.fromEbay || link.cancelState == CancelState.carriedToShopify || link.cancelState == CancelState.refundedOnEbay {
            return false
        }
        link.cancelState = CancelState.fromShopify
        try await link.save(on: db)
        return true
    }

    /// refunds/create of an eBay order: the refunded lines, carried to eBay.
    public static func refund(_ payload: ShopifyWebhook.Refund, on db: any Database) async throws -> Bool {
        guard let link = try await link(shopifyOrderID: payload.orderID, on: db) else { return false }
        var refunds = RefundLedger(link.refundState)
        guard refunds.entries[payload.id] == nil else { return true }
        let lines = payload.lines.compactMap { line -> RefundLedger.Line? in
            guard let amount = line.subtotal?.value, amount > 0 else { return nil }
            return RefundLedger.Line(sku: line.lineItem?.sku, quantity: line.quantity, amount: StoredDecimal(amount))
        }
        guard !lines.isEmpty else { return false }
        refunds.entries[payload.id] = RefundLedger.Entry(lines: lines, state: .pending, ebayRefundID: nil, askedAt: nil)
        link.refundState = try refunds.encoded()
        try await link.save(on: db)
        return true
    }

    public enum CancelState {
        /// eBay cancelled; Shopify's order is to be cancelled.
        public static let fromEbay = "cancelled_on_ebay"
        public static let carriedToShopify = "carried_to_shopify"
        /// Cancelled in Shopify; eBay's buyer is to be refunded.
        public static let fromShopify = "cancelled_in_shopify"
        public static let refundedOnEbay = "refunded_on_ebay"
    }
}

/// Shopify refunds of an eBay order and what became of each on eBay, kept in
/// `order_links.refund_state` (JSON): the intent is written before eBay is asked, so a crash
/// never refunds twice.
public struct RefundLedger: Codable, Sendable {
    public struct Line: Codable, Sendable, Hashable {
        public var sku: String?
        public var quantity: Int
        public var amount: StoredDecimal
    }

    public enum State: String, Codable, Sendable { case pending, asked, refunded, failed }

    public struct Entry: Codable, Sendable {
        public var lines: [Line]
        public var state: State
        public var ebayRefundID: String?
        /// When eBay was asked (state `asked` until its answer is stored).
        public var askedAt: Date?
        public var error: String?
    }

    /// By Shopify refund id.
    public var entries: [Int64: Entry] = [:]

    public init(_ json: String?) {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        if let json, let decoded = try? decoder.decode(RefundLedger.self, from: Data(json.utf8)) { self = decoded }
    }

    public func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    enum CodingKeys: String, CodingKey { case entries }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try c.decodeIfPresent([String: Entry].self, forKey: .entries) ?? [:]
        entries = Dictionary(uniqueKeysWithValues: raw.compactMap { key, value in Int64(key).map { ($0, value) } })
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Dictionary(uniqueKeysWithValues: entries.map { (String($0.key), $0.value) }), forKey: .entries)
    }
}
