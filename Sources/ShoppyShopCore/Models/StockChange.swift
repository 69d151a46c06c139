import FluentKit
import Foundation

/// One stock change and its timeline: Shopify changed it (`changedAt`) → ShoppyShop saw it
/// (`seenAt`) → eBay accepted the new quantity (`acceptedAt`). Pending rows are the SKUs
/// the next stock push covers; finished rows are the latency record.
public final class StockChange: Model, @unchecked Sendable {
    public static let schema = "stock_changes"

    public enum State: String, Codable, Sendable, CaseIterable {
        case pending
        /// eBay accepted the quantity this change led to.
        case accepted
        /// The eBay quantity it leads to is what eBay already has (an echo, or a change
        /// the buffer or cap absorbs): nothing sent.
        case unchanged
        /// Not listed on eBay (yet): nothing to push.
        case skipped
        /// Held back to stay within eBay's 250 revisions per listing per day; a later push covers it.
        case deferred
        /// eBay refused it; `detail` holds eBay's words.
        case failed
    }

    public enum Reason: String, Codable, Sendable {
        case webhook
        case poll
        case listing
        case reconcile
        case order
        case rules
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "sku") public var sku: String
    @Field(key: "reason") public var reason: Reason
    @OptionalField(key: "shopify_available") public var shopifyAvailable: Int?
    @OptionalField(key: "changed_at") public var changedAt: Date?
    @Field(key: "seen_at") public var seenAt: Date
    @Field(key: "state") public var state: State
    @OptionalField(key: "pushed_quantity") public var pushedQuantity: Int?
    @OptionalField(key: "accepted_at") public var acceptedAt: Date?
    @OptionalField(key: "detail") public var detail: String?

    public init() {}

    public init(sku: String, reason: Reason, shopifyAvailable: Int?, changedAt: Date?, seenAt: Date) {
        self.sku = sku
        self.reason = reason
        self.shopifyAvailable = shopifyAvailable
        self.changedAt = changedAt
        self.seenAt = seenAt
        self.state = .pending
    }
}
