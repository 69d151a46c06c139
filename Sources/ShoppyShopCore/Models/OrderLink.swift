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
        /// Cannot be created as it is (a SKU not in the catalog, no address): `holdReason`
        /// says why; `shoppyshop orders retry` tries again once fixed.
        case held
        /// Another app already put it in Shopify (found by its eBay id): linked, not created.
        case foundExisting = "found_existing"
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "ebay_order_id") public var ebayOrderID: String
    @OptionalField(key: "shopify_order_id") public var shopifyOrderID: Int64?
    @Field(key: "state") public var state: State
    @OptionalField(key: "last_error") public var lastError: String?
    @OptionalField(key: "hold_reason") public var holdReason: String?
    @OptionalField(key: "shopify_order_name") public var shopifyOrderName: String?
    @OptionalField(key: "attempts") public var attempts: Int?
    /// `cancelled_on_ebay` → carried to Shopify; `cancelled_in_shopify` → carried to eBay.
    @OptionalField(key: "cancel_state") public var cancelState: String?
    @OptionalField(key: "refund_state") public var refundState: String?
    /// When Shopify was asked to create the order (our clock): until the mirror writes a stock
    /// level of its items after this, its units still count as not yet in Shopify's stock.
    @OptionalField(key: "imported_at") public var importedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(ebayOrderID: String, shopifyOrderID: Int64? = nil, state: State = .pending) {
        self.ebayOrderID = ebayOrderID
        self.shopifyOrderID = shopifyOrderID
        self.state = state
    }
}
