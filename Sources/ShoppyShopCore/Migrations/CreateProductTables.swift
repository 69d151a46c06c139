import FluentKit
import SQLKit

// Tables the product needs beyond the seed; docs/data-model.md says why each exists.

struct CreateShopifyVariants: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ShopifyVariant.schema)
            .id()
            .field("product_id", .uuid, .required, .references(ShopifyProduct.schema, "id", onDelete: .cascade))
            .field("shopify_id", .int64, .required)
            .field("sku", .string)
            .field("title", .string, .required)
            .field("price", StoredDecimal.columnType(on: database, precision: 10), .required)
            .field("inventory_item_id", .int64)
            .field("inventory_quantity", .int, .required)
            .field("position", .int, .required)
            .unique(on: "shopify_id")
            .create()
        try await (database as! any SQLDatabase).create(index: "shopify_variants_sku")
            .on(ShopifyVariant.schema).column("sku").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ShopifyVariant.schema).delete()
    }
}

struct CreateMetaInsightDays: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MetaInsightDay.schema)
            .id()
            .field("campaign_id", .string, .required)
            .field("date", .string, .required)
            .field("spend", StoredDecimal.columnType(on: database), .required)
            .field("currency", .string, .required)
            .field("impressions", .int64, .required)
            .field("clicks", .int64, .required)
            .field("conversions", .int64, .required)
            .field("conversion_value", StoredDecimal.columnType(on: database), .required)
            .field("last_synced", .datetime, .required)
            .unique(on: "campaign_id", "date")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MetaInsightDay.schema).delete()
    }
}

struct CreateOrderLinks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OrderLink.schema)
            .id()
            .field("ebay_order_id", .string, .required)
            .field("shopify_order_id", .int64)
            .field("state", .string, .required)
            .field("last_error", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "ebay_order_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrderLink.schema).delete()
    }
}

struct CreateSyncCursors: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SyncCursor.schema)
            .id()
            .field("stream", .string, .required)
            .field("value", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "stream")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SyncCursor.schema).delete()
    }
}

struct CreateJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(JobRecord.schema)
            .id()
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("unique_key", .string)
            .field("state", .string, .required)
            .field("priority", .int, .required)
            .field("run_after", .datetime, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("locked_until", .datetime)
            .field("locked_by", .string)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("finished_at", .datetime)
            .unique(on: "unique_key")
            .create()
        // The claim query scans by state and due time.
        try await (database as! any SQLDatabase).create(index: "jobs_state_run_after")
            .on(JobRecord.schema).column("state").column("run_after").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(JobRecord.schema).delete()
    }
}

struct CreateAuditLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema)
            .id()
            .field("service", .string, .required)
            .field("operation", .string, .required)
            .field("target", .string, .required)
            .field("outcome", .string, .required)
            .field("status_code", .int)
            .field("error", .string)
            .field("request_summary", .string)
            .field("job_id", .uuid)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).delete()
    }
}

struct CreateWebhookDeliveries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WebhookDelivery.schema)
            .id()
            .field("provider", .string, .required)
            .field("event_id", .string, .required)
            .field("topic", .string, .required)
            .field("webhook_id", .string)
            .field("triggered_at", .datetime)
            .field("payload", .string, .required)
            .field("state", .string, .required)
            .field("error", .string)
            .field("received_at", .datetime)
            .field("processed_at", .datetime)
            .unique(on: "provider", "event_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WebhookDelivery.schema).delete()
    }
}
