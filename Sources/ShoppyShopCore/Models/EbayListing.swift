import FluentKit
import Foundation

/// An eBay listing derived from a Shopify product (deleted with its product).
public final class EbayListing: Model, @unchecked Sendable {
    public static let schema = "ebay_listings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "ebay_id") public var ebayID: String
    @Parent(key: "product_id") public var product: ShopifyProduct
    @Field(key: "title") public var title: String
    @Field(key: "price") public var price: StoredDecimal
    @Field(key: "currency") public var currency: String
    @Field(key: "quantity") public var quantity: Int
    @Field(key: "status") public var status: String
    @OptionalField(key: "sku") public var sku: String?
    @OptionalField(key: "offer_id") public var offerID: String?
    @Field(key: "last_updated") public var lastUpdated: Date

    public init() {}

    public init(
        ebayID: String, productID: UUID, title: String, price: Decimal, currency: String,
        quantity: Int, status: String, sku: String? = nil, offerID: String? = nil, lastUpdated: Date
    ) {
        self.ebayID = ebayID
        self.$product.id = productID
        self.title = title
        self.price = StoredDecimal(price)
        self.currency = currency
        self.quantity = quantity
        self.status = status
        self.sku = sku
        self.offerID = offerID
        self.lastUpdated = lastUpdated
    }
}
