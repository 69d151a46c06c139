import FluentKit
import SQLKit

// The listings + stock engine's schema. SQLite adds one column per ALTER TABLE, so each
// added column is its own `update()`; added columns are nullable or carry a default so
// rows written before them stay valid.

struct UpdateShopifyProductsAddCatalogFields: AsyncMigration {
    static let columns: [(String, DatabaseSchema.DataType)] = [
        ("handle", .string), ("product_type", .string), ("vendor", .string),
        ("tags", .json), ("collections", .json), ("metafields", .json), ("images", .json), ("option_names", .json),
        ("shopify_updated_at", .datetime),
    ]

    func prepare(on database: any Database) async throws {
        for (name, type) in Self.columns {
            try await database.schema(ShopifyProduct.schema).field(.definition(name: .key(.string(name)), dataType: type, constraints: [])).update()
        }
    }

    func revert(on database: any Database) async throws {
        for (name, _) in Self.columns.reversed() {
            try await database.schema(ShopifyProduct.schema).deleteField(.string(name)).update()
        }
    }
}

struct UpdateShopifyVariantsAddOptions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ShopifyVariant.schema).field("selected_options", .json).update()
        try await database.schema(ShopifyVariant.schema).field("barcode", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ShopifyVariant.schema).deleteField("barcode").update()
        try await database.schema(ShopifyVariant.schema).deleteField("selected_options").update()
    }
}

struct CreateShopifyInventoryLevels: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ShopifyInventoryLevel.schema)
            .id()
            .field("inventory_item_id", .int64, .required)
            .field("location_id", .int64, .required)
            .field("available", .int, .required)
            .field("changed_at", .datetime)
            .field("seen_at", .datetime)
            .unique(on: "inventory_item_id", "location_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ShopifyInventoryLevel.schema).delete()
    }
}

struct CreateListingRules: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ListingRule.schema)
            .id()
            .field("name", .string, .required)
            .field("scope", .string, .required)
            .field("scope_value", .string)
            .field("settings", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ListingRule.schema).delete()
    }
}

struct CreateEbayCategories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EbayCategory.schema)
            .id()
            .field("product_type", .string, .required)
            .field("category_id", .string)
            .field("category_name", .string)
            .field("tree_id", .string)
            .field("required_aspects", .json, .required)
            .field("variation_aspects", .json, .required)
            .field("fetched_at", .datetime, .required)
            .unique(on: "product_type")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EbayCategory.schema).delete()
    }
}

struct CreateEbayItems: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EbayItem.schema)
            .id()
            .field("sku", .string, .required)
            .field("product_shopify_id", .int64, .required)
            .field("variant_shopify_id", .int64)
            .field("group_key", .string)
            .field("item_hash", .string)
            .field("offer_id", .string)
            .field("offer_hash", .string)
            .field("listing_id", .string)
            .field("status", .string, .required)
            .field("price", StoredDecimal.columnType(on: database), .required)
            .field("currency", .string, .required)
            .field("quantity", .int)
            .field("pushed_at", .datetime)
            .field("price_checked_at", .datetime)
            .field("last_error", .string)
            .field("last_error_id", .int)
            .field("last_step", .string)
            .field("updated_at", .datetime)
            .unique(on: "sku")
            .create()
        try await (database as! any SQLDatabase).create(index: "ebay_items_product")
            .on(EbayItem.schema).column("product_shopify_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EbayItem.schema).delete()
    }
}

struct CreateEbayItemGroups: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EbayItemGroup.schema)
            .id()
            .field("group_key", .string, .required)
            .field("product_shopify_id", .int64, .required)
            .field("group_hash", .string)
            .field("listing_id", .string)
            .field("status", .string, .required)
            .field("last_error", .string)
            .field("updated_at", .datetime)
            .unique(on: "group_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EbayItemGroup.schema).delete()
    }
}

struct CreateStockChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StockChange.schema)
            .id()
            .field("sku", .string, .required)
            .field("reason", .string, .required)
            .field("shopify_available", .int)
            .field("changed_at", .datetime)
            .field("seen_at", .datetime, .required)
            .field("state", .string, .required)
            .field("pushed_quantity", .int)
            .field("accepted_at", .datetime)
            .field("detail", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "stock_changes_state").on(StockChange.schema).column("state").column("seen_at").run()
        try await sql.create(index: "stock_changes_sku").on(StockChange.schema).column("sku").column("seen_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StockChange.schema).delete()
    }
}

struct CreateSyncRuns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SyncRun.schema)
            .id()
            .field("flow", .string, .required)
            .field("trigger", .string, .required)
            .field("state", .string, .required)
            .field("summary", .string)
            .field("report", .string)
            .field("started_at", .datetime, .required)
            .field("finished_at", .datetime)
            .create()
        try await (database as! any SQLDatabase).create(index: "sync_runs_flow").on(SyncRun.schema).column("flow").column("started_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SyncRun.schema).delete()
    }
}

struct UpdateJobsAddRerun: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(JobRecord.schema).field("rerun", .bool, .required, .custom(SQLColumnConstraintAlgorithm.default(SQLLiteral.boolean(false)))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(JobRecord.schema).deleteField("rerun").update()
    }
}

struct UpdateAuditLogAddRequestID: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).field("request_id", .string).update()
        try await (database as! any SQLDatabase).create(index: "audit_log_created").on(AuditEntry.schema).column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).deleteField("request_id").update()
    }
}
