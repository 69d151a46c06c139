import FluentKit
import Foundation

/// Available stock of one inventory item at one Shopify location. Shopify reports stock per
/// location (`inventory_levels/update`), and the eBay quantity counts only the locations
/// the merchant chose (`SHOPIFY_LOCATIONS`), so the mirror keeps each level.
public final class ShopifyInventoryLevel: Model, @unchecked Sendable {
    public static let schema = "shopify_inventory_levels"

    @ID(key: .id) public var id: UUID?
    @Field(key: "inventory_item_id") public var inventoryItemID: Int64
    @Field(key: "location_id") public var locationID: Int64
    @Field(key: "available") public var available: Int
    /// When Shopify says the level changed (payload `updated_at`), to ignore older news.
    @OptionalField(key: "changed_at") public var changedAt: Date?
    /// When the mirror last wrote this level (our clock): an order created in Shopify is
    /// reflected here once a write follows its creation.
    @OptionalField(key: "seen_at") public var seenAt: Date?

    public init() {}

    public init(inventoryItemID: Int64, locationID: Int64, available: Int, changedAt: Date?) {
        self.inventoryItemID = inventoryItemID
        self.locationID = locationID
        self.available = available
        self.changedAt = changedAt
    }

    /// `date` cut to its whole second: our reads must not outrank Shopify's second-resolution
    /// `updated_at` of a change made within the same second.
    public static func wholeSecond(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
