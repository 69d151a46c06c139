/// Every field and edge the client reads, by Graph node type. Names come from the v25.0
/// specs (contracts/meta/api_specs/specs/<NodeType>.json); `MetaRequestedFieldsTests` checks
/// each against the vendored copies, and the sandbox answers an unknown one with code 100.
public enum MetaRequestedFields {
    /// One read: `GET /{node}` (edge nil) or `GET /{node}/{edge}`, returning `returns` nodes.
    public struct Read: Sendable, Hashable {
        public var node: String
        public var edge: String?
        public var returns: String
        public var fields: [String]
        /// Query parameters (besides fields, paging and the token) that the edge must accept.
        public var parameters: [String]
    }

    /// Daily campaign rows. `account_currency` because spend is in the account's currency.
    public static let campaignInsights = [
        "campaign_id", "campaign_name", "account_currency", "spend", "impressions", "clicks",
        "actions", "action_values", "date_start", "date_stop",
    ]
    /// With `breakdowns=product_id`. Meta leaves offsite (pixel) actions without the
    /// breakdown value (Insights API Breakdowns, "Type 2"), so only on-Meta engagement.
    public static let productInsights = ["impressions", "clicks", "spend", "date_start", "date_stop"]
    /// `business` is the owning Business, whose catalogs we list when no catalog is set.
    public static let adAccount = ["id", "account_id", "name", "currency", "business"]
    public static let catalogSummary = ["id", "name", "product_count"]
    public static let catalog = ["id", "name", "product_count", "feed_count"]
    public static let productItems = ["id", "retailer_id", "name", "availability", "review_status", "errors"]
    public static let diagnostics = ["type", "severity", "title", "number_of_affected_items"]

    public static let insightsParameters = ["level", "time_increment", "time_range", "limit"]
    public static let productInsightsParameters = ["level", "breakdowns", "time_range", "limit"]

    public static let all: [Read] = [
        Read(node: "AdAccount", edge: nil, returns: "AdAccount", fields: adAccount, parameters: []),
        Read(node: "AdAccount", edge: "insights", returns: "AdsInsights", fields: campaignInsights, parameters: insightsParameters),
        Read(node: "AdAccount", edge: "insights", returns: "AdsInsights", fields: productInsights, parameters: productInsightsParameters),
        Read(node: "Business", edge: "owned_product_catalogs", returns: "ProductCatalog", fields: catalogSummary, parameters: []),
        Read(node: "ProductCatalog", edge: nil, returns: "ProductCatalog", fields: catalog, parameters: []),
        Read(node: "ProductCatalog", edge: "products", returns: "ProductItem", fields: productItems, parameters: []),
        Read(node: "ProductCatalog", edge: "diagnostics", returns: "ProductCatalogDiagnosticGroup", fields: diagnostics, parameters: []),
    ]

    /// Enum values the client sends, by the enum's name in the specs' enum_types.json.
    public static let enumValues: [String: [String]] = [
        "adaccountinsights_level_enum_param": ["campaign", "account"],
        "adaccountinsights_breakdowns_enum_param": ["product_id"],
    ]
}
