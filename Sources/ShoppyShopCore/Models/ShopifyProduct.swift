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

    @Children(for: \.$product) public var listings: [EbayListing]
    @Children(for: \.$product) public var variantRows: [ShopifyVariant]

    public init() {}

    public var variants: [VariantSnapshot] {
        get { variantList.elements }
        set { variantList = JSONList(newValue) }
    }

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
