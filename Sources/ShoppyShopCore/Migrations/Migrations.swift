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
        // The listings + stock engine.
        UpdateShopifyProductsAddCatalogFields(),
        UpdateShopifyVariantsAddOptions(),
        CreateShopifyInventoryLevels(),
        CreateListingRules(),
        CreateEbayCategories(),
        CreateEbayItems(),
        CreateEbayItemGroups(),
        CreateStockChanges(),
        CreateSyncRuns(),
        UpdateJobsAddRerun(),
        UpdateAuditLogAddRequestID(),
        // The orders engine.
        UpdateEbayOrdersAddDetail(),
        UpdateOrderLinksAddImportFields(),
        CreateEbayShipments(),
        CreateServiceHealth(),
        // The dashboard.
        CreateAdminUsers(),
        CreateAdminSessions(),
        // The JSON API.
        CreateAPITokens(),
        CreateProductTitleIndex(),
    ]
}
