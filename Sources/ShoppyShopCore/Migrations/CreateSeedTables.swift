import FluentKit

// The seed's seven tables, field for field (plus a currency next to every amount).

struct CreateServiceTokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ServiceToken.schema)
            .id()
            .field("service", .string, .required)
            .field("token", .string, .required)
            .field("is_active", .bool, .required)
            .field("last_used", .datetime)
            .field("expires_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ServiceToken.schema).delete()
    }
}

struct CreateShopifyProducts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ShopifyProduct.schema)
            .id()
            .field("shopify_id", .int64, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("price", StoredDecimal.columnType(on: database, precision: 10), .required)
            .field("currency", .string, .required)
            .field("inventory_quantity", .int, .required)
            .field("variants", .json, .required)
            .field("status", .string, .required)
            .field("last_synced", .datetime)
            .unique(on: "shopify_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ShopifyProduct.schema).delete()
    }
}

struct CreateShopifyOrders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ShopifyOrder.schema)
            .id()
            .field("shopify_id", .int64, .required)
            .field("order_number", .string, .required)
            .field("total_price", StoredDecimal.columnType(on: database), .required)
            .field("currency", .string, .required)
            .field("fulfillment_status", .string)
            .field("items", .json, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "shopify_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ShopifyOrder.schema).delete()
    }
}

struct CreateEbayListings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EbayListing.schema)
            .id()
            .field("ebay_id", .string, .required)
            .field("product_id", .uuid, .required, .references(ShopifyProduct.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("price", StoredDecimal.columnType(on: database), .required)
            .field("currency", .string, .required)
            .field("quantity", .int, .required)
            .field("status", .string, .required)
            .field("sku", .string)
            .field("offer_id", .string)
            .field("last_updated", .datetime, .required)
            .unique(on: "ebay_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EbayListing.schema).delete()
    }
}

struct CreateEbayOrders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EbayOrder.schema)
            .id()
            .field("ebay_id", .string, .required)
            .field("buyer_username", .string, .required)
            .field("order_total", StoredDecimal.columnType(on: database), .required)
            .field("currency", .string, .required)
            .field("status", .string, .required)
            .field("items", .json, .required)
            .field("shipping_details", .json)
            .field("created_at", .datetime, .required)
            .field("last_modified", .datetime)
            .unique(on: "ebay_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EbayOrder.schema).delete()
    }
}

struct CreateMetaCampaignInsights: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MetaCampaignInsight.schema)
            .id()
            .field("campaign_id", .string, .required)
            .field("name", .string, .required)
            .field("spend", StoredDecimal.columnType(on: database), .required)
            .field("currency", .string, .required)
            .field("impressions", .int64, .required)
            .field("clicks", .int64, .required)
            .field("conversions", .int64, .required)
            .field("conversion_value", StoredDecimal.columnType(on: database), .required)
            .field("last_synced", .datetime)
            .unique(on: "campaign_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MetaCampaignInsight.schema).delete()
    }
}

struct CreateMetaProductCatalogs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MetaProductCatalog.schema)
            .id()
            .field("catalog_id", .string, .required)
            .field("product_id", .uuid, .required, .references(ShopifyProduct.schema, "id", onDelete: .cascade))
            .field("retailer_id", .string)
            .field("status", .string, .required)
            .field("insights", .json, .required)
            .field("last_synced", .datetime)
            .unique(on: "catalog_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MetaProductCatalog.schema).delete()
    }
}
