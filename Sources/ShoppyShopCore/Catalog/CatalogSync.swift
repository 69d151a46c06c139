import FluentKit
import Foundation
import Logging
import ShopifyAPI

/// Keeps the mirror of the Shopify catalog: a full import through bulk operations (streamed,
/// so memory stays flat whatever the store's size), then deltas by `updated_at`. Products
/// missing from a full import were deleted in Shopify; they are marked DELETED, which the
/// listing planner turns into ended listings.
public struct CatalogSync: Sendable {
    public let shopify: ShopifyClient
    public let database: any Database
    public let logger: Logger
    public let now: @Sendable () -> Date
    /// Products per database batch.
    public var batchSize = 500
    /// Re-read this much before the cursor: Shopify's `updated_at` filter has whole seconds,
    /// and clocks differ.
    public static let overlap: TimeInterval = 120
    public static let cursorStream = "shopify.products.updated_at"

    public init(shopify: ShopifyClient, database: any Database, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.shopify = shopify
        self.database = database
        self.logger = logger
        self.now = now
    }

    public struct Report: Sendable, Codable, Hashable, CustomStringConvertible {
        public var mode: String
        public var products = 0
        public var variants = 0
        public var levels = 0
        public var deleted = 0
        public var seconds = 0.0
        /// Products whose rows changed (the listing planner looks at these).
        public var changed: [Int64] = []

        public var description: String {
            var text = "\(mode): \(products) products, \(variants) variants"
            if mode == "full import" { text += ", \(levels) stock levels, \(deleted) marked deleted" }
            return text + String(format: " in %.1f s", seconds)
        }

        enum CodingKeys: String, CodingKey { case mode, products, variants, levels, deleted, seconds }
    }

    /// A full import when the mirror has never been imported (or `full`), else a delta.
    public func run(full: Bool = false, progress: (@Sendable (Int) -> Void)? = nil) async throws -> Report {
        let cursor = try await SyncCursor.query(on: database).filter(\.$stream == Self.cursorStream).first()
        if full || cursor == nil { return try await fullImport(progress: progress) }
        let since = cursor.flatMap { ISO8601DateFormatter().date(from: $0.value) } ?? Date(timeIntervalSince1970: 0)
        return try await delta(since: since, progress: progress)
    }

    public func fullImport(progress: (@Sendable (Int) -> Void)? = nil) async throws -> Report {
        let started = now()
        let clock = ContinuousClock.now
        let currency = try await shopify.shopCurrency()
        let writer = CatalogWriter(database: database, currency: currency, now: now)
        var report = Report(mode: "full import")
        var batch: [ProductRecord] = []
        batch.reserveCapacity(batchSize)
        try await shopify.streamBulkProducts { product in
            batch.append(ProductRecord(product))
            if batch.count >= batchSize {
                try await flush(&batch, writer: writer, report: &report, progress: progress)
            }
        }
        try await flush(&batch, writer: writer, report: &report, progress: progress)

        var levels: [ShopifyInventoryLevel] = []
        try await shopify.streamBulkInventoryLevels { item in
            guard let itemID = item.number else { return }
            for level in item.inventoryLevels.nodes {
                guard let location = level.location.number, let available = level.quantity("available") else { continue }
                levels.append(ShopifyInventoryLevel(inventoryItemID: itemID, locationID: location, available: available, changedAt: started))
            }
            if levels.count >= 1_000 {
                try await writer.writeLevels(levels)
                report.levels += levels.count
                levels.removeAll(keepingCapacity: true)
            }
        }
        try await writer.writeLevels(levels)
        report.levels += levels.count

        // Not seen in the export: deleted in Shopify.
        let gone = ShopifyProduct.query(on: database).filter(\.$lastSynced < started).filter(\.$status != "DELETED")
        let goneIDs = try await gone.all(\.$shopifyID)
        if !goneIDs.isEmpty {
            try await ShopifyProduct.query(on: database).filter(\.$shopifyID ~~ goneIDs).set(\.$status, to: "DELETED").update()
            report.changed += goneIDs
        }
        report.deleted = goneIDs.count
        try await saveCursor(started)
        report.seconds = Self.seconds(since: clock)
        logger.info("catalog \(report)")
        return report
    }

    public func delta(since: Date, progress: (@Sendable (Int) -> Void)? = nil) async throws -> Report {
        let started = now()
        let clock = ContinuousClock.now
        let currency = try await shopify.shopCurrency()
        let writer = CatalogWriter(database: database, currency: currency, now: now)
        var report = Report(mode: "changes since \(ISO8601DateFormatter().string(from: since))")
        var cursor: String?
        repeat {
            let page = try await shopify.productsPage(after: cursor, updatedSince: since.addingTimeInterval(-Self.overlap))
            var batch = page.products.map(ProductRecord.init)
            try await flush(&batch, writer: writer, report: &report, progress: progress)
            cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : nil
        } while cursor != nil
        try await saveCursor(started)
        report.seconds = Self.seconds(since: clock)
        if report.products > 0 { logger.info("catalog \(report)") }
        return report
    }

    private func flush(_ batch: inout [ProductRecord], writer: CatalogWriter, report: inout Report, progress: (@Sendable (Int) -> Void)?) async throws {
        guard !batch.isEmpty else { return }
        let written = try await writer.write(batch)
        report.products += batch.count
        report.variants += batch.reduce(0) { $0 + $1.variants.count }
        report.changed += written
        batch.removeAll(keepingCapacity: true)
        progress?(report.products)
    }

    private func saveCursor(_ time: Date) async throws {
        let value = ISO8601DateFormatter().string(from: time)
        if let row = try await SyncCursor.query(on: database).filter(\.$stream == Self.cursorStream).first() {
            row.value = value
            try await row.save(on: database)
        } else {
            try await SyncCursor(stream: Self.cursorStream, value: value).create(on: database)
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = (ContinuousClock.now - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}
