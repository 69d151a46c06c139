import FluentKit
import Foundation

/// What ShoppyShop knows of one SKU on eBay: the payloads eBay last accepted (as hashes, so
/// an unchanged item is never re-sent), its offer and listing, and the price and absolute
/// quantity last pushed. Written right after each eBay answer, so a crash loses nothing
/// that eBay holds.
public final class EbayItem: Model, @unchecked Sendable {
    public static let schema = "ebay_items"

    public enum Status: String, Codable, Sendable {
        /// The inventory item (and maybe an unpublished offer) exists; not live.
        case draft
        case live
        /// Was live; the offer was withdrawn (product archived, out of stock, variant removed).
        case withdrawn
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "sku") public var sku: String
    @Field(key: "product_shopify_id") public var productShopifyID: Int64
    @OptionalField(key: "variant_shopify_id") public var variantShopifyID: Int64?
    @OptionalField(key: "group_key") public var groupKey: String?
    @OptionalField(key: "item_hash") public var itemHash: String?
    @OptionalField(key: "offer_id") public var offerID: String?
    @OptionalField(key: "offer_hash") public var offerHash: String?
    @OptionalField(key: "listing_id") public var listingID: String?
    @Field(key: "status") public var status: Status
    @Field(key: "price") public var price: StoredDecimal
    @Field(key: "currency") public var currency: String
    /// The absolute quantity eBay last accepted from us.
    @OptionalField(key: "quantity") public var quantity: Int?
    @OptionalField(key: "pushed_at") public var pushedAt: Date?
    /// When reconcile last compared eBay's price with ours (prices are read per SKU, a slice per run).
    @OptionalField(key: "price_checked_at") public var priceCheckedAt: Date?
    /// eBay's own words the last time it refused this SKU.
    @OptionalField(key: "last_error") public var lastError: String?
    @OptionalField(key: "last_error_id") public var lastErrorID: Int?
    @OptionalField(key: "last_step") public var lastStep: String?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(sku: String, productShopifyID: Int64, variantShopifyID: Int64?, groupKey: String?, currency: String) {
        self.sku = sku
        self.productShopifyID = productShopifyID
        self.variantShopifyID = variantShopifyID
        self.groupKey = groupKey
        self.status = .draft
        self.price = 0
        self.currency = currency
    }

    /// The planner's view of this row.
    public var known: KnownSKU {
        KnownSKU(
            sku: sku, productShopifyID: productShopifyID, groupKey: groupKey, itemHash: itemHash, offerID: offerID,
            offerHash: offerHash, listingID: listingID, status: status, price: offerID == nil ? nil : price.value,
            quantity: quantity)
    }
}

/// An inventory item group (one multi-variation listing) and what eBay last accepted of it.
public final class EbayItemGroup: Model, @unchecked Sendable {
    public static let schema = "ebay_item_groups"

    @ID(key: .id) public var id: UUID?
    @Field(key: "group_key") public var groupKey: String
    @Field(key: "product_shopify_id") public var productShopifyID: Int64
    @OptionalField(key: "group_hash") public var groupHash: String?
    @OptionalField(key: "listing_id") public var listingID: String?
    @Field(key: "status") public var status: EbayItem.Status
    @OptionalField(key: "last_error") public var lastError: String?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(groupKey: String, productShopifyID: Int64) {
        self.groupKey = groupKey
        self.productShopifyID = productShopifyID
        self.status = .draft
    }

    public var known: KnownGroup {
        KnownGroup(groupKey: groupKey, groupHash: groupHash, listingID: listingID, status: status)
    }
}
