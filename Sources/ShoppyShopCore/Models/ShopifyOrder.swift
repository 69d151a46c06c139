import FluentKit
import Foundation

/// The local mirror of a Shopify order (the seed's table, plus currency).
public final class ShopifyOrder: Model, @unchecked Sendable {
    public static let schema = "shopify_orders"

    @ID(key: .id) public var id: UUID?
    @Field(key: "shopify_id") public var shopifyID: Int64
    @Field(key: "order_number") public var orderNumber: String
    @Field(key: "total_price") public var totalPrice: StoredDecimal
    @Field(key: "currency") public var currency: String
    @OptionalField(key: "fulfillment_status") public var fulfillmentStatus: String?
    @Field(key: "items") public var itemList: JSONList<OrderItem>
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public var items: [OrderItem] {
        get { itemList.elements }
        set { itemList = JSONList(newValue) }
    }

    public init(
        shopifyID: Int64, orderNumber: String, totalPrice: Decimal, currency: String,
        fulfillmentStatus: String? = nil, items: [OrderItem], createdAt: Date
    ) {
        self.shopifyID = shopifyID
        self.orderNumber = orderNumber
        self.totalPrice = StoredDecimal(totalPrice)
        self.currency = currency
        self.fulfillmentStatus = fulfillmentStatus
        self.itemList = JSONList(items)
        self.createdAt = createdAt
    }
}
