import FluentKit
import Foundation

/// The eBay order ↔ Shopify order link. Unique by eBay order id: the row is written before
/// the Shopify order is created, so a crash in between resumes instead of duplicating.
public final class OrderLink: Model, @unchecked Sendable {
    public static let schema = "order_links"

    public enum State: String, Codable, Sendable {
        /// Reserved: creation in Shopify may or may not have happened; look it up by tag first.
        case pending
        case created
        case fulfilled
        case cancelled
        case failed
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "ebay_order_id") public var ebayOrderID: String
    @OptionalField(key: "shopify_order_id") public var shopifyOrderID: Int64?
    @Field(key: "state") public var state: State
    @OptionalField(key: "last_error") public var lastError: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(ebayOrderID: String, shopifyOrderID: Int64? = nil, state: State = .pending) {
        self.ebayOrderID = ebayOrderID
        self.shopifyOrderID = shopifyOrderID
        self.state = state
    }
}
