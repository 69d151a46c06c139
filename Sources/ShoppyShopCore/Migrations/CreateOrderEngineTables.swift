import FluentKit
import SQLKit

// The orders engine's schema (issue 13). Added columns are nullable: rows written before
// them stay valid.

struct UpdateEbayOrdersAddDetail: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EbayOrder.schema).field("detail", .json).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EbayOrder.schema).deleteField("detail").update()
    }
}

struct UpdateOrderLinksAddImportFields: AsyncMigration {
    static let columns: [(String, DatabaseSchema.DataType)] = [
        ("hold_reason", .string), ("shopify_order_name", .string), ("attempts", .int), ("cancel_state", .string), ("refund_state", .string),
        ("imported_at", .datetime),
    ]

    func prepare(on database: any Database) async throws {
        for (name, type) in Self.columns {
            try await database.schema(OrderLink.schema).field(.definition(name: .key(.string(name)), dataType: type, constraints: [])).update()
        }
    }

    func revert(on database: any Database) async throws {
        for (name, _) in Self.columns.reversed() {
            try await database.schema(OrderLink.schema).deleteField(.string(name)).update()
        }
    }
}

struct CreateEbayShipments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EbayShipment.schema)
            .id()
            .field("ebay_order_id", .string, .required)
            .field("shopify_order_id", .int64, .required)
            .field("shopify_fulfillment_id", .int64, .required)
            .field("tracking_number", .string)
            .field("carrier", .string)
            .field("ebay_carrier_code", .string)
            .field("lines", .json, .required)
            .field("state", .string, .required)
            .field("ebay_fulfillment_id", .string)
            .field("last_error", .string)
            .field("shipped_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "shopify_fulfillment_id")
            .create()
        try await (database as! any SQLDatabase).create(index: "ebay_shipments_state").on(EbayShipment.schema).column("state").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EbayShipment.schema).delete()
    }
}

struct CreateServiceHealth: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ServiceHealth.schema)
            .id()
            .field("service", .string, .required)
            .field("state", .string, .required)
            .field("message", .string)
            .field("token_fingerprint", .string)
            .field("token_expires_at", .datetime)
            .field("changed_at", .datetime, .required)
            .unique(on: "service")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ServiceHealth.schema).delete()
    }
}
