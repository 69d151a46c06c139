import FluentKit
import Foundation
import MetaAPI

/// Pulls campaign insights and catalog statistics from Meta and stores them: daily rows
/// upserted by (campaign, date), campaign totals recomputed from the stored days, and one
/// catalog row per Meta product matched to a Shopify product by SKU (= retailer_id).
/// The job and `shoppyshop sync insights` both run this.
public struct MetaInsightsSync: Sendable {
    public struct Settings: Sendable {
        /// Days read on the first run (nothing stored yet).
        public var backfillDays: Int
        /// Meta restates recent days (late conversions, invalid-click credits): every run
        /// re-reads at least this many days back from today.
        public var restatedDays: Int
        /// Campaign totals cover the stored days of this trailing window.
        public var totalsWindowDays: Int

        public init(backfillDays: Int = 30, restatedDays: Int = 3, totalsWindowDays: Int = 30) {
            self.backfillDays = backfillDays
            self.restatedDays = restatedDays
            self.totalsWindowDays = totalsWindowDays
        }
    }

    public let client: MetaClient
    public let database: any Database
    public let settings: Settings
    public let now: @Sendable () -> Date

    public init(client: MetaClient, database: any Database, settings: Settings = Settings(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.database = database
        self.settings = settings
        self.now = now
    }

    /// Runs one sync. `days` forces the window (the last `days` days); otherwise the window
    /// starts at the last synced day minus the restated days, or backfills on a first run.
    public func run(days: Int? = nil) async throws -> MetaSyncReport {
        let started = now()
        let today = MetaDay(started)
        let range = try await window(days: days, today: today)
        var report = MetaSyncReport(range: range)
        // The limiter may be shared with earlier runs (one per application): report this run's share.
        let usageBefore = await client.limiter.snapshot

        let campaignDays = try await client.getCampaignInsights(range)
        report.campaignDaysRead = campaignDays.count
        report.campaignNames = Dictionary(campaignDays.map { ($0.campaignID, $0.campaignName) }) { _, newer in newer }
        try await storeDays(campaignDays, report: &report, at: started)
        try await recomputeTotals(today: today, report: &report, at: started)

        // Per-product engagement always covers the totals window, not just the days re-read.
        if let stats = try await client.getCatalogStats(MetaDayRange(last: settings.totalsWindowDays, until: today)) {
            report.catalogID = stats.catalogID
            report.catalogProductsRead = stats.products.count
            report.productEngagementAvailable = stats.productEngagementAvailable
            try await storeCatalog(stats, report: &report, at: started)
        }
        try await MetaSyncStatus.recordSuccess(lastDay: range.until.description, on: database)

        let usage = await client.limiter.snapshot
        report.requests = usage.requests - usageBefore.requests
        // A run that did not beat an earlier run's high reports the last usage Meta sent.
        report.highestUsagePercent = usage.highestUsagePercent != usageBefore.highestUsagePercent ? usage.highestUsagePercent : usage.lastUsagePercent
        report.throttlingErrors = usage.throttlingErrors - usageBefore.throttlingErrors
        report.pausedFor = usage.pausedFor - usageBefore.pausedFor
        return report
    }

    func window(days: Int?, today: MetaDay) async throws -> MetaDayRange {
        if let days { return MetaDayRange(last: days, until: today) }
        guard let last = try await MetaSyncStatus.lastSyncedDay(on: database).flatMap(MetaDay.init) else {
            return MetaDayRange(last: settings.backfillDays, until: today)
        }
        let since = min(last.adding(days: 1), today.adding(days: -(settings.restatedDays - 1)))
        return MetaDayRange(since: max(since, today.adding(days: -(settings.backfillDays - 1))), until: today)
    }

    func storeDays(_ days: [MetaCampaignDay], report: inout MetaSyncReport, at now: Date) async throws {
        guard let first = days.map(\.day).min(), let last = days.map(\.day).max() else { return }
        let currency = days.lazy.compactMap(\.currency).first ?? "USD"
        let counts = try await database.writeTransaction { db -> (Int, Int) in
            let stored = try await MetaInsightDay.query(on: db)
                .filter(\.$date >= first.description).filter(\.$date <= last.description).all()
            var byKey = Dictionary(stored.map { (MetaInsightsMapping.DayKey(campaignID: $0.campaignID, date: $0.date), $0) }) { a, _ in a }
            var inserted = 0
            var updated = 0
            for day in days {
                let key = MetaInsightsMapping.key(day)
                let row = byKey[key] ?? MetaInsightDay()
                if row.id == nil { inserted += 1 } else { updated += 1 }
                MetaInsightsMapping.apply(day, currency: currency, to: row, at: now)
                try await row.save(on: db)
                byKey[key] = row
            }
            return (inserted, updated)
        }
        report.daysInserted += counts.0
        report.daysUpdated += counts.1
    }

    func recomputeTotals(today: MetaDay, report: inout MetaSyncReport, at now: Date) async throws {
        let since = today.adding(days: -(settings.totalsWindowDays - 1)).description
        let days = try await MetaInsightDay.query(on: database).filter(\.$date >= since).all()
        let totals = MetaInsightsMapping.totals(days)
        let stored = try await MetaCampaignInsight.query(on: database).all()
        let byID = Dictionary(stored.map { ($0.campaignID, $0) }) { a, _ in a }
        let names = report.campaignNames
        let (upserted, zeroed) = try await database.writeTransaction { db -> (Int, Int) in
            var count = 0
            var zeroed = 0
            for (campaignID, total) in totals.sorted(by: { $0.key < $1.key }) {
                let row = byID[campaignID] ?? MetaCampaignInsight()
                row.campaignID = campaignID
                // Names come with insights rows; a campaign not in this window keeps its old one.
                if let name = names[campaignID] { row.name = name } else if row.id == nil { row.name = campaignID }
                row.spend = StoredDecimal(total.spend)
                row.currency = total.currency ?? "USD"
                row.impressions = total.impressions
                row.clicks = total.clicks
                row.conversions = total.conversions
                row.conversionValue = StoredDecimal(total.conversionValue)
                row.lastSynced = now
                try await row.save(on: db)
                count += 1
            }
            // A campaign with no stored day in the window spent nothing in it: its old total
            // would otherwise be shown as current spend. Name and currency stay as they were.
            for row in stored where totals[row.campaignID] == nil {
                row.spend = StoredDecimal(0)
                row.impressions = 0
                row.clicks = 0
                row.conversions = 0
                row.conversionValue = StoredDecimal(0)
                row.lastSynced = now
                try await row.save(on: db)
                zeroed += 1
            }
            return (count, zeroed)
        }
        report.campaignsUpserted = upserted
        report.campaignsZeroed = zeroed
    }

    /// SQLite allows 32,766 bound values per statement; stay far below it.
    static let chunkSize = 500

    func storeCatalog(_ stats: MetaCatalogStats, report: inout MetaSyncReport, at now: Date) async throws {
        let skus = Array(Set(stats.products.compactMap(\.retailerID)))
        var productBySKU: [String: UUID] = [:]
        for chunk in skus.chunked(Self.chunkSize) {
            for variant in try await ShopifyVariant.query(on: database).filter(\.$sku ~~ chunk.map(Optional.some)).all() {
                if let sku = variant.sku { productBySKU[sku] = variant.$product.id }
            }
        }
        let ids = stats.products.map(\.id)
        var existing: [String: MetaProductCatalog] = [:]
        for chunk in ids.chunked(Self.chunkSize) {
            for row in try await MetaProductCatalog.query(on: database).filter(\.$catalogID ~~ Array(chunk)).all() {
                existing[row.catalogID] = row
            }
        }
        let (productBySKUSnapshot, existingSnapshot) = (productBySKU, existing)
        let (upserted, unmatched) = try await database.writeTransaction { db -> (Int, Int) in
            let productBySKU = productBySKUSnapshot
            let existing = existingSnapshot
            var upserted = 0
            var unmatched = 0
            for product in stats.products {
                // Only a Meta item whose retailer_id is one of our SKUs belongs to the shop.
                guard let sku = product.retailerID, let productID = productBySKU[sku] else {
                    unmatched += 1
                    continue
                }
                let row = existing[product.id] ?? MetaProductCatalog()
                row.catalogID = product.id
                row.$product.id = productID
                row.retailerID = sku
                row.status = MetaInsightsMapping.status(of: product)
                row.insights = MetaInsightsMapping.insights(stats.productEngagement[product.id])
                row.lastSynced = now
                try await row.save(on: db)
                upserted += 1
            }
            return (upserted, unmatched)
        }
        report.catalogRowsUpserted = upserted
        report.catalogProductsUnmatched = unmatched
    }
}

/// What one sync did, for the command's output, logs and tests.
public struct MetaSyncReport: Sendable, CustomStringConvertible {
    public var range: MetaDayRange
    public var campaignDaysRead = 0
    public var daysInserted = 0
    public var daysUpdated = 0
    public var campaignsUpserted = 0
    /// Stored campaigns with no day in the totals window, their totals set to zero.
    public var campaignsZeroed = 0
    public var campaignNames: [String: String] = [:]
    public var catalogID: String?
    public var catalogProductsRead = 0
    public var catalogRowsUpserted = 0
    public var catalogProductsUnmatched = 0
    public var productEngagementAvailable = false
    /// HTTP requests sent to Meta (retries included).
    public var requests = 0
    public var highestUsagePercent: Double?
    public var throttlingErrors = 0
    public var pausedFor: Duration = .zero

    public var description: String {
        var lines = [
            "Meta insights \(range) (\(range.dayCount) days)",
            "  campaign days read \(campaignDaysRead): \(daysInserted) inserted, \(daysUpdated) updated; \(campaignsUpserted) campaign totals, \(campaignsZeroed) zeroed (no days in the window)",
        ]
        if let catalogID {
            lines.append("  catalog \(catalogID): \(catalogProductsRead) products read, \(catalogRowsUpserted) matched and stored, \(catalogProductsUnmatched) unmatched; per-product engagement \(productEngagementAvailable ? "available" : "not available")")
        } else {
            lines.append("  no catalog found (set META_CATALOG_ID, or give the ad account's business a catalog)")
        }
        let usage = highestUsagePercent.map { "\(Int($0.rounded())) %" } ?? "not reported"
        lines.append("  \(requests) GET requests; highest usage \(usage); \(throttlingErrors) throttling errors; paused \(pausedFor)")
        return lines.joined(separator: "\n")
    }
}

extension Array {
    fileprivate func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
