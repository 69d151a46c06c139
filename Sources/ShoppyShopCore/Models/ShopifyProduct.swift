import FluentKit
import Foundation

/// The local mirror of a Shopify product (the seed's table, field for field, plus currency
/// and status).
public final class ShopifyProduct: Model, @unchecked Sendable {
    public static let schema = "shopify_products"

    @ID(key: .id) public var id: UUID?
    @Field(key: "shopify_id") public var shopifyID: Int64
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Field(key: "price") public var price: StoredDecimal
    @Field(key: "currency") public var currency: String
    @Field(key: "inventory_quantity") public var inventoryQuantity: Int
    @Field(key: "variants") public var variantList: JSONList<VariantSnapshot>
    @Field(key: "status") public var status: String
    @OptionalField(key: "last_synced") public var lastSynced: Date?
    // Catalog fields the listing planner and the rules read (added with the sync engine).
    @OptionalField(key: "handle") public var handle: String?
    @OptionalField(key: "product_type") public var productType: String?
    @OptionalField(key: "vendor") public var vendor: String?
    @OptionalField(key: "tags") public var tagList: JSONList<String>?
    /// Collection handles and titles the product belongs to.
    @OptionalField(key: "collections") public var collectionList: JSONList<CollectionRef>?
    @OptionalField(key: "metafields") public var metafieldList: JSONList<MetafieldValue>?
    /// Image URLs, in Shopify's media order.
    @OptionalField(key: "images") public var imageList: JSONList<String>?
    @OptionalField(key: "option_names") public var optionNameList: JSONList<String>?
    /// Shopify's own `updatedAt`: an older webhook or page never overwrites a newer row.
    @OptionalField(key: "shopify_updated_at") public var shopifyUpdatedAt: Date?

    @Children(for: \.$product) public var listings: [EbayListing]
    @Children(for: \.$product) public var variantRows: [ShopifyVariant]

    public init() {}

    public var variants: [VariantSnapshot] {
        get { variantList.elements }
        set { variantList = JSONList(newValue) }
    }

    public var tags: [String] { tagList?.elements ?? [] }
    public var collections: [CollectionRef] { collectionList?.elements ?? [] }
    public var metafields: [MetafieldValue] { metafieldList?.elements ?? [] }
    public var images: [String] { imageList?.elements ?? [] }
    public var optionNames: [String] { optionNameList?.elements ?? [] }

    /// Listing is possible only for active products; archived, draft and deleted ones end.
    public var isActive: Bool { status == "ACTIVE" }

    public init(
        shopifyID: Int64, title: String, description: String = "", price: Decimal, currency: String,
        inventoryQuantity: Int, variants: [VariantSnapshot] = [], status: String = "ACTIVE", lastSynced: Date? = nil
    ) {
        self.shopifyID = shopifyID
        self.title = title
        self.description = description
        self.price = StoredDecimal(price)
        self.currency = currency
        self.inventoryQuantity = inventoryQuantity
        self.variantList = JSONList(variants)
        self.status = status
        self.lastSynced = lastSynced
    }
}
