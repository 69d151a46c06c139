import FluentKit
import Foundation

/// One Shopify variant: eBay inventory items are per SKU, and stock moves per inventory item.
public final class ShopifyVariant: Model, @unchecked Sendable {
    public static let schema = "shopify_variants"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "product_id") public var product: ShopifyProduct
    @Field(key: "shopify_id") public var shopifyID: Int64
    @OptionalField(key: "sku") public var sku: String?
    @Field(key: "title") public var title: String
    @Field(key: "price") public var price: StoredDecimal
    @OptionalField(key: "inventory_item_id") public var inventoryItemID: Int64?
    @Field(key: "inventory_quantity") public var inventoryQuantity: Int
    @Field(key: "position") public var position: Int
    @OptionalField(key: "selected_options") public var selectedOptionList: JSONList<SelectedOptionValue>?
    @OptionalField(key: "barcode") public var barcode: String?

    public var selectedOptions: [SelectedOptionValue] { selectedOptionList?.elements ?? [] }

    public init() {}

    public init(
        productID: UUID, shopifyID: Int64, sku: String?, title: String, price: Decimal,
        inventoryItemID: Int64?, inventoryQuantity: Int, position: Int
    ) {
        self.$product.id = productID
        self.shopifyID = shopifyID
        self.sku = sku
        self.title = title
        self.price = StoredDecimal(price)
        self.inventoryItemID = inventoryItemID
        self.inventoryQuantity = inventoryQuantity
        self.position = position
    }
}
