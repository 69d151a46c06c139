import FluentKit
import Foundation
import SQLKit

/// Writes products into the mirror in batches: one multi-row upsert for the products, one
/// for their variants, one delete for variants that are gone. SQLKit's builders speak both
/// dialects (`INSERT … ON CONFLICT … DO UPDATE`), so the import runs the same statements on
/// SQLite and PostgreSQL. A row whose Shopify `updatedAt` is newer than the record's (a
/// webhook that overtook an export) is not overwritten.
public struct CatalogWriter: Sendable {
    public let database: any Database
    public let currency: String
    public let now: @Sendable () -> Date

    public init(database: any Database, currency: String, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.currency = currency
        self.now = now
    }

    /// Upserts `records`; returns the ids of the products whose rows now hold the record (not
    /// those a newer row kept).
    @discardableResult
    public func write(_ records: [ProductRecord]) async throws -> [Int64] {
        guard !records.isEmpty else { return [] }
        guard database is any SQLDatabase else { throw CatalogError.notSQL }
        return try await database.writeTransaction { db in
            let sql = db as! any SQLDatabase
            let time = now()
            // Records carrying collections and metafields (API reads) and those without (webhooks) differ in what they set.
            for (carries, group) in Dictionary(grouping: records, by: { $0.collections != nil }) {
                try await upsertProducts(group, carriesExtras: carries, at: time, on: sql)
            }
            let ids = records.map(\.shopifyID)
            // Three columns, not whole models: decoding 500 full rows (JSON columns and all) per
            // batch was a third of a large import's time.
            let rows = try await sql.select().columns("id", "shopify_id", "shopify_updated_at").from(ShopifyProduct.schema)
                .where("shopify_id", .in, ids).all()
            var byShopifyID: [Int64: (id: UUID, updatedAt: Date?)] = [:]
            for row in rows {
                byShopifyID[try row.decode(column: "shopify_id", as: Int64.self)] =
                    (try row.decode(column: "id", as: UUID.self), try row.decode(column: "shopify_updated_at", as: Date?.self))
            }
            var current: [(ProductRecord, UUID)] = []
            for record in records {
                guard let row = byShopifyID[record.shopifyID] else { continue }
                // Kept by the guard: the row is newer than this record.
                if let rowTime = row.updatedAt, let recordTime = record.updatedAt, rowTime > recordTime { continue }
                current.append((record, row.id))
            }
            // Seen, even when a newer row kept its content: a full import must not think it deleted.
            try await ShopifyProduct.query(on: db).filter(\.$shopifyID ~~ ids).set(\.$lastSynced, to: time).update()
            try await upsertVariants(current, on: db)
            return current.map(\.0.shopifyID)
        }
    }

    private func upsertProducts(_ records: [ProductRecord], carriesExtras: Bool, at time: Date, on sql: any SQLDatabase) async throws {
        var columns = ["id", "shopify_id", "title", "description", "price", "currency", "inventory_quantity", "variants", "status",
                       "last_synced", "handle", "product_type", "vendor", "tags", "images", "option_names", "shopify_updated_at"]
        if carriesExtras { columns += ["collections", "metafields"] }
        let updated = columns.filter { $0 != "id" && $0 != "shopify_id" }
        for chunk in records.batches(of: 400) {
            var insert = sql.insert(into: ShopifyProduct.schema).columns(columns)
            for record in chunk {
                let snapshots = record.variants.map {
                    VariantSnapshot(id: $0.shopifyID, sku: $0.sku, title: $0.title, price: $0.price, inventoryItemID: $0.inventoryItemID, inventoryQuantity: $0.inventoryQuantity)
                }
                var values: [any Encodable & Sendable] = [
                    UUID(), record.shopifyID, record.title, record.descriptionHTML, StoredDecimal(record.variants.first?.price ?? 0), currency,
                    record.variants.reduce(0) { $0 + $1.inventoryQuantity }, JSONList(snapshots), record.status, time,
                    record.handle, record.productType, record.vendor, JSONList(record.tags), JSONList(record.images), JSONList(record.optionNames),
                    record.updatedAt,
                ]
                if carriesExtras { values += [JSONList(record.collections ?? []), JSONList(record.metafields ?? [])] }
                insert = insert.values(values)
            }
            try await insert.onConflict(with: ["shopify_id"]) { update in
                var update = update
                for column in updated { update = update.set(excludedValueOf: column) }
                // Older news never overwrites newer: keep a row Shopify updated after this record.
                return update
                    .where(SQLColumn("shopify_updated_at", table: ShopifyProduct.schema), .is, SQLLiteral.null)
                    .orWhere(SQLExcludedColumn("shopify_updated_at"), .is, SQLLiteral.null)
                    .orWhere(SQLExcludedColumn("shopify_updated_at"), .greaterThanOrEqual, SQLColumn("shopify_updated_at", table: ShopifyProduct.schema))
            }.run()
        }
    }

    private func upsertVariants(_ products: [(ProductRecord, UUID)], on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let columns = ["id", "product_id", "shopify_id", "sku", "title", "price", "inventory_item_id", "inventory_quantity", "position", "selected_options", "barcode"]
        let rows = products.flatMap { record, productID in record.variants.map { (productID, $0) } }
        for chunk in rows.batches(of: 400) {
            var insert = sql.insert(into: ShopifyVariant.schema).columns(columns)
            for (productID, variant) in chunk {
                insert = insert.values([
                    UUID(), productID, variant.shopifyID, variant.sku, variant.title, StoredDecimal(variant.price), variant.inventoryItemID,
                    variant.inventoryQuantity, variant.position, JSONList(variant.options), variant.barcode,
                ] as [any Encodable & Sendable])
            }
            try await insert.onConflict(with: ["shopify_id"]) { update in
                var update = update
                for column in columns where column != "id" && column != "shopify_id" { update = update.set(excludedValueOf: column) }
                return update
            }.run()
        }
        // Variants no longer in Shopify.
        for chunk in products.batches(of: 200) {
            let productIDs = chunk.map(\.1)
            let keep = chunk.flatMap { $0.0.variants.map(\.shopifyID) }
            var query = ShopifyVariant.query(on: db).filter(\.$product.$id ~~ productIDs)
            if !keep.isEmpty { query = query.filter(\.$shopifyID !~ keep) }
            try await query.delete()
        }
    }

    /// Stock per location: upserts levels, keeping a level Shopify changed later than this news.
    public func writeLevels(_ levels: [ShopifyInventoryLevel]) async throws {
        guard !levels.isEmpty else { return }
        guard let sql = database as? any SQLDatabase else { throw CatalogError.notSQL }
        for chunk in levels.batches(of: 500) {
            var insert = sql.insert(into: ShopifyInventoryLevel.schema).columns("id", "inventory_item_id", "location_id", "available", "changed_at", "seen_at")
            let seen = now()
            for level in chunk {
                insert = insert.values([UUID(), level.inventoryItemID, level.locationID, level.available, level.changedAt, seen] as [any Encodable & Sendable])
            }
            try await insert.onConflict(with: ["inventory_item_id", "location_id"]) { update in
                update.set(excludedValueOf: "available").set(excludedValueOf: "changed_at").set(excludedValueOf: "seen_at")
                    .where(SQLColumn("changed_at", table: ShopifyInventoryLevel.schema), .is, SQLLiteral.null)
                    .orWhere(SQLExcludedColumn("changed_at"), .is, SQLLiteral.null)
                    .orWhere(SQLExcludedColumn("changed_at"), .greaterThanOrEqual, SQLColumn("changed_at", table: ShopifyInventoryLevel.schema))
            }.run()
        }
    }

    public enum CatalogError: Error, CustomStringConvertible {
        case notSQL
        public var description: String { "the catalog mirror needs an SQL database (SQLite or PostgreSQL)" }
    }
}
