import FluentKit
import Foundation

/// A Meta catalog product matched to a Shopify product (deleted with its product).
/// `catalog_id` is the seed's name for Meta's id of the catalog entry.
public final class MetaProductCatalog: Model, @unchecked Sendable {
    public static let schema = "meta_product_catalogs"

    @ID(key: .id) public var id: UUID?
    @Field(key: "catalog_id") public var catalogID: String
    @Parent(key: "product_id") public var product: ShopifyProduct
    @OptionalField(key: "retailer_id") public var retailerID: String?
    @Field(key: "status") public var status: String
    @Field(key: "insights") public var insights: CatalogInsights
    @OptionalField(key: "last_synced") public var lastSynced: Date?

    public init() {}

    public init(
        catalogID: String, productID: UUID, retailerID: String?, status: String,
        insights: CatalogInsights, lastSynced: Date? = nil
    ) {
        self.catalogID = catalogID
        self.$product.id = productID
        self.retailerID = retailerID
        self.status = status
        self.insights = insights
        self.lastSynced = lastSynced
    }
}
