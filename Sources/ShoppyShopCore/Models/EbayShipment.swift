import FluentKit
import Foundation

/// A Shopify fulfillment of an eBay order, to be sent to eBay as a shipping fulfillment
/// exactly once: unique per Shopify fulfillment, with eBay's fulfillment id once accepted.
public final class EbayShipment: Model, @unchecked Sendable {
    public static let schema = "ebay_shipments"

    public enum State: String, Codable, Sendable {
        case pending
        /// eBay has it (`ebayFulfillmentID`).
        case pushed
        /// Not sent: no tracking number (never marked shipped blind), or lines that match no
        /// eBay line. `lastError` says which.
        case held
        case failed
    }

    public struct Line: Codable, Sendable, Hashable {
        public var sku: String?
        public var quantity: Int
        public init(sku: String?, quantity: Int) {
            self.sku = sku
            self.quantity = quantity
        }
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "ebay_order_id") public var ebayOrderID: String
    @Field(key: "shopify_order_id") public var shopifyOrderID: Int64
    @Field(key: "shopify_fulfillment_id") public var shopifyFulfillmentID: Int64
    @OptionalField(key: "tracking_number") public var trackingNumber: String?
    @OptionalField(key: "carrier") public var carrier: String?
    @OptionalField(key: "ebay_carrier_code") public var ebayCarrierCode: String?
    @Field(key: "lines") public var lines: JSONList<Line>
    @Field(key: "state") public var state: State
    @OptionalField(key: "ebay_fulfillment_id") public var ebayFulfillmentID: String?
    @OptionalField(key: "last_error") public var lastError: String?
    @OptionalField(key: "shipped_at") public var shippedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(ebayOrderID: String, shopifyOrderID: Int64, shopifyFulfillmentID: Int64, trackingNumber: String?, carrier: String?,
                lines: [Line], shippedAt: Date?) {
        self.ebayOrderID = ebayOrderID
        self.shopifyOrderID = shopifyOrderID
        self.shopifyFulfillmentID = shopifyFulfillmentID
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.lines = JSONList(lines)
        self.state = .pending
        self.shippedAt = shippedAt
    }
}

/// A vendor's connection as the app last saw it: a token that eBay, Shopify or Meta
/// refused stops the jobs that need it until it is replaced; an expiry known ahead warns.
public final class ServiceHealth: Model, @unchecked Sendable {
    public static let schema = "service_health"

    public enum State: String, Codable, Sendable {
        case ok
        /// The vendor refused the credentials (revoked, expired): jobs for it stop until fixed.
        case unauthorized
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "service") public var service: String
    @Field(key: "state") public var state: State
    @OptionalField(key: "message") public var message: String?
    /// SHA-256 of the token that was refused (never the token): a new token clears the state.
    @OptionalField(key: "token_fingerprint") public var tokenFingerprint: String?
    @OptionalField(key: "token_expires_at") public var tokenExpiresAt: Date?
    @Field(key: "changed_at") public var changedAt: Date

    public init() {}
}
