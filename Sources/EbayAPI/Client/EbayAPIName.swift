/// The eBay APIs ShoppyShop calls, with their base paths (the `servers[].variables.basePath`
/// of each contract) and eBay's default daily call quotas.
public enum EbayAPIName: String, Sendable, CaseIterable, Hashable {
    case inventory
    case fulfillment
    case account
    case taxonomy
    case notification
    case identity

    public var basePath: String {
        switch self {
        case .inventory: "/sell/inventory/v1"
        case .fulfillment: "/sell/fulfillment/v1"
        case .account: "/sell/account/v1"
        case .taxonomy: "/commerce/taxonomy/v1"
        case .notification: "/commerce/notification/v1"
        case .identity: "/identity/v1/oauth2"
        }
    }

    /// eBay's default application call limits per day (issue 5; eBay's "API call limits"
    /// page): Inventory 2,000,000, Fulfillment 100,000, Account 25,000, Taxonomy 5,000.
    /// Notification and the token endpoint have no quota we plan around.
    public var defaultDailyQuota: Int? {
        switch self {
        case .inventory: 2_000_000
        case .fulfillment: 100_000
        case .account: 25_000
        case .taxonomy: 5_000
        case .notification, .identity: nil
        }
    }

    /// The API a request path belongs to, by base path.
    public static func of(path: String) -> EbayAPIName? {
        allCases.first { path.hasPrefix($0.basePath + "/") || path == $0.basePath }
    }
}

/// eBay allows 250 revisions per listing per day (issue 5; eBay's listing revision limit).
public enum EbayLimits {
    public static let revisionsPerListingPerDay = 250
    /// Items per bulk Inventory call: "Up to 25" in every bulk request schema of the contract.
    public static let bulkItems = 25
    /// `getOrders` `limit`: "Maximum: 200" (Fulfillment contract).
    public static let ordersPageLimit = 200
    /// "Max Length: 50" on `sku`.
    public static let skuMaxLength = 50
    /// "Max Length: 80" on `product.title`.
    public static let titleMaxLength = 80
}
