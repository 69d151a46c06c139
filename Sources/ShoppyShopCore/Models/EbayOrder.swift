import FluentKit
import Foundation

/// The local mirror of an eBay order (the seed's table, plus currency and eBay's
/// last-modified time, which is the polling cursor).
public final class EbayOrder: Model, @unchecked Sendable {
    public static let schema = "ebay_orders"

    @ID(key: .id) public var id: UUID?
    @Field(key: "ebay_id") public var ebayID: String
    @Field(key: "buyer_username") public var buyerUsername: String
    @Field(key: "order_total") public var orderTotal: StoredDecimal
    @Field(key: "currency") public var currency: String
    @Field(key: "status") public var status: String
    @Field(key: "items") public var itemList: JSONList<OrderItem>
    @OptionalField(key: "shipping_details") public var shippingDetails: ShippingDetails?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "last_modified") public var lastModified: Date?
    /// What creating the order in Shopify needs beyond the seed's columns (buyer email,
    /// shipping cost and service, taxes, eBay's line ids). Erased with the shipping details
    /// on an account deletion.
    @OptionalField(key: "detail") public var detail: EbayOrderDetail?

    public init() {}

    public var items: [OrderItem] {
        get { itemList.elements }
        set { itemList = JSONList(newValue) }
    }

    public init(
        ebayID: String, buyerUsername: String, orderTotal: Decimal, currency: String, status: String,
        items: [OrderItem], shippingDetails: ShippingDetails?, createdAt: Date, lastModified: Date? = nil
    ) {
        self.ebayID = ebayID
        self.buyerUsername = buyerUsername
        self.orderTotal = StoredDecimal(orderTotal)
        self.currency = currency
        self.status = status
        self.itemList = JSONList(items)
        self.shippingDetails = shippingDetails
        self.createdAt = createdAt
        self.lastModified = lastModified
    }
}
