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
        /// Of `seconds` (full import): waiting for Shopify to build its two bulk exports, and
        /// reading them (download, parse, write), which is the part that is ours.
        public var exportSeconds = 0.0
        public var readSeconds = 0.0
        /// Products whose rows changed (the listing planner looks at these).
        public var changed: [Int64] = []

        public var description: String {
            var text = "\(mode): \(products) products, \(variants) variants"
            if mode == "full import" { text += ", \(levels) stock levels, \(deleted) marked deleted" }
            return text + String(format: " in %.1f s", seconds)
        }

        enum CodingKeys: String, CodingKey { case mode, products, variants, levels, deleted, seconds, exportSeconds, readSeconds }
    }

    /// A full import when the mirror has never been imported (or `full`), else a delta.
    public func run(full: Bool = false, progress: (@Sendable (Int) -> Void)? = nil) async throws -> Report {
        let cursor = try await SyncCursor.query(on: database).filter(\.$stream == Self.cursorStream).first()
        if full || cursor == nil {
            await ShopProfile.refresh(from: shopify, on: database)
            return try await fullImport(progress: progress)
        }
        let since = cursor.flatMap { ISO8601DateFormatter().date(from: $0.value) } ?? Date(timeIntervalSince1970: 0)
        return try await delta(since: since, progress: progress)
    }

    public func fullImport(progress: (@Sendable (Int) -> Void)? = nil) async throws -> Report {
        let started = now()
        // Shopify's timestamps have whole seconds: a webhook or poll for a change made in the
        // second the import began must still win over what the import read.
        let asOf = ShopifyInventoryLevel.wholeSecond(started)
        let clock = ContinuousClock.now
        let currency = try await shopify.shopCurrency()
        let writer = CatalogWriter(database: database, currency: currency, now: now)
        var report = Report(mode: "full import")
        var batch: [ProductRecord] = []
        batch.reserveCapacity(batchSize)
        let reader = ShopifyBulkJSONLReader()
        var phase = ContinuousClock.now
        if let url = try await shopify.runBulk(.bulkProducts) {
            report.exportSeconds += Self.seconds(since: phase)
            phase = .now
            // One batch is written while the next is parsed: the two share the cores instead of
            // taking turns. At most two batches are in memory.
            var writing: Task<[Int64], any Error>?
            defer { writing?.cancel() }
            func handOver() async throws {
                let records = batch
                batch.removeAll(keepingCapacity: true)
                // Batches are written in order, one at a time.
                if let previous = writing { report.changed += try await previous.value }
                writing = records.isEmpty ? nil : Task { try await writer.write(records) }
                report.products += records.count
                report.variants += records.reduce(0) { $0 + $1.variants.count }
                progress?(report.products)
            }
            try await reader.streamProducts(from: url) { product in
                batch.append(ProductRecord(product))
                if batch.count >= batchSize { try await handOver() }
            }
            try await handOver()
            if let last = writing { report.changed += try await last.value; writing = nil }
            report.readSeconds += Self.seconds(since: phase)
        }

        var levels: [ShopifyInventoryLevel] = []
        phase = .now
        let levelsURL = try await shopify.runBulk(.bulkInventoryLevels)
        report.exportSeconds += Self.seconds(since: phase)
        phase = .now
        if let levelsURL {
            var writing: Task<Void, any Error>?
            defer { writing?.cancel() }
            func handOver() async throws {
                let chunk = levels
                levels.removeAll(keepingCapacity: true)
                try await writing?.value
                writing = chunk.isEmpty ? nil : Task { try await writer.writeLevels(chunk) }
                report.levels += chunk.count
            }
            try await reader.streamInventoryLevels(from: levelsURL) { item in
                guard let itemID = item.number else { return }
                for level in item.inventoryLevels.nodes {
                    guard let location = level.location.number, let available = level.quantity("available") else { continue }
                    levels.append(ShopifyInventoryLevel(inventoryItemID: itemID, locationID: location, available: available, changedAt: asOf))
                }
                if levels.count >= 1_000 { try await handOver() }
            }
            try await handOver()
            try await writing?.value
            writing = nil
        }
        report.readSeconds += Self.seconds(since: phase)

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
