import Foundation

/// What `getCatalogStats` found: the catalog, its products and their engagement.
public struct MetaCatalogStats: Sendable {
    public var catalogID: String
    public var name: String?
    public var productCount: Int?
    public var feedCount: Int?
    /// How the catalog was found: configured (META_CATALOG_ID) or the business's first.
    public var discovered: Bool
    public var products: [MetaCatalogProduct]
    public var diagnostics: [MetaCatalogDiagnostic]
    /// Keyed by the Meta product item id. Empty when the account runs no catalog ads.
    public var productEngagement: [String: MetaProductEngagement]
    /// False when Meta refused the `product_id` breakdown (no catalog ads on the account).
    public var productEngagementAvailable: Bool
}

/// A `ProductItem` as read from the catalog's `products` edge.
public struct MetaCatalogProduct: Sendable, Equatable, Decodable {
    public var id: String
    /// The merchant's id for the item: our Shopify SKU.
    public var retailerID: String?
    public var name: String?
    /// `ProductItem_availability`: "in stock", "out of stock", …
    public var availability: String?
    /// `ProductItem_review_status`: "approved", "pending", "rejected", "outdated" or "".
    public var reviewStatus: String?
    public var errors: [ProductError]

    public struct ProductError: Sendable, Equatable, Decodable {
        public var title: String?
        public var description: String?
        public var errorType: String?
        public var errorPriority: String?

        enum CodingKeys: String, CodingKey {
            case title, description, errorType = "error_type", errorPriority = "error_priority"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, retailerID = "retailer_id", name, availability, reviewStatus = "review_status", errors
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        retailerID = try container.decodeIfPresent(String.self, forKey: .retailerID)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        availability = try container.decodeIfPresent(String.self, forKey: .availability)
        reviewStatus = try container.decodeIfPresent(String.self, forKey: .reviewStatus)
        errors = try container.decodeIfPresent([ProductError].self, forKey: .errors) ?? []
    }
}

/// A `ProductCatalogDiagnosticGroup` from the catalog's `diagnostics` edge.
public struct MetaCatalogDiagnostic: Sendable, Equatable, Decodable {
    public var type: String?
    public var severity: String?
    public var title: String?
    public var affectedItems: Int?

    enum CodingKeys: String, CodingKey {
        case type, severity, title, affectedItems = "number_of_affected_items"
    }
}

/// On-Meta engagement with one catalog product over the synced range.
public struct MetaProductEngagement: Sendable, Equatable {
    public var impressions: Int64 = 0
    public var clicks: Int64 = 0
    public var spend: Decimal = 0

    public init(impressions: Int64 = 0, clicks: Int64 = 0, spend: Decimal = 0) {
        self.impressions = impressions
        self.clicks = clicks
        self.spend = spend
    }
}

struct MetaAdAccountNode: Decodable, Sendable {
    var id: String
    var name: String?
    var currency: String?
    var business: Reference?

    struct Reference: Decodable, Sendable {
        var id: String
        var name: String?
    }
}

struct MetaCatalogNode: Decodable, Sendable {
    var id: String
    var name: String?
    var productCount: Int?
    var feedCount: Int?

    enum CodingKeys: String, CodingKey {
        case id, name, productCount = "product_count", feedCount = "feed_count"
    }
}
