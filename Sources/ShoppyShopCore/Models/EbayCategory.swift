import FluentKit
import Foundation

/// eBay's category for a Shopify product type, asked of the Taxonomy API once per type and
/// kept (with the category's required item specifics) so planning makes no call.
public final class EbayCategory: Model, @unchecked Sendable {
    public static let schema = "ebay_categories"

    @ID(key: .id) public var id: UUID?
    @Field(key: "product_type") public var productType: String
    /// Nil: Taxonomy suggested nothing for this type.
    @OptionalField(key: "category_id") public var categoryID: String?
    @OptionalField(key: "category_name") public var categoryName: String?
    @OptionalField(key: "tree_id") public var treeID: String?
    @Field(key: "required_aspects") public var requiredAspects: JSONList<String>
    /// Aspects eBay lets vary between the variants of one listing.
    @Field(key: "variation_aspects") public var variationAspects: JSONList<String>
    @Field(key: "fetched_at") public var fetchedAt: Date

    public init() {}

    public init(productType: String, info: CategoryInfo?, treeID: String?, fetchedAt: Date) {
        self.productType = productType
        self.categoryID = info?.id
        self.categoryName = info?.name
        self.treeID = treeID
        self.requiredAspects = JSONList(info?.requiredAspects ?? [])
        self.variationAspects = JSONList(info?.variationAspects ?? [])
        self.fetchedAt = fetchedAt
    }

    public var info: CategoryInfo? {
        categoryID.map { CategoryInfo(id: $0, name: categoryName ?? $0, requiredAspects: requiredAspects.elements, variationAspects: variationAspects.elements) }
    }
}
