import FluentKit

/// Every schema change, in order: the changelog of the database. Append only.
public enum Migrations {
    public static let all: [any Migration] = [
        CreateServiceTokens(),
        CreateShopifyProducts(),
        CreateShopifyVariants(),
        CreateShopifyOrders(),
        CreateEbayListings(),
        CreateEbayOrders(),
        CreateMetaCampaignInsights(),
        CreateMetaInsightDays(),
        CreateMetaProductCatalogs(),
        CreateOrderLinks(),
        CreateSyncCursors(),
        CreateJobs(),
        CreateAuditLog(),
        CreateWebhookDeliveries(),
    ]
}
