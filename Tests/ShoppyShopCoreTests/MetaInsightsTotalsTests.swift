import FluentKit
import Foundation
import MetaAPI
@testable import ShoppyShopCore
import Testing
import TestSupport

/// Campaign totals recomputed from stored days (SQLite, or PostgreSQL when DATABASE_URL is set).
@Suite("Meta campaign totals")
struct MetaInsightsTotalsTests {
    static let today = MetaDay("2025-05-31")!
    static let now = Date(timeIntervalSince1970: 1_748_649_600)

    /// Never sends a request: `recomputeTotals` reads and writes the database only.
    static func sync(on db: any Database) -> MetaInsightsSync {
        let client = MetaClient(configuration: .init(baseURL: URL(string: "http://127.0.0.1:9")!, accessToken: "unused-token", accountID: "1"))
        return MetaInsightsSync(client: client, database: db, now: { now })
    }

    @Test func campaignWithNoDaysInWindow_isZeroed() async throws {
        try await TestDatabase.withDatabase { db in
            let sync = Self.sync(on: db)
            let inWindow = Self.today.adding(days: -2).description
            let beforeWindow = Self.today.adding(days: -45).description
            try await MetaInsightDay(campaignID: "active", date: inWindow, spend: Decimal(string: "12.50")!, currency: "EUR",
                                     impressions: 1_000, clicks: 40, conversions: 3, conversionValue: 90, lastSynced: Self.now).create(on: db)
            try await MetaInsightDay(campaignID: "paused", date: beforeWindow, spend: 70, currency: "EUR",
                                     impressions: 5_000, clicks: 200, conversions: 9, conversionValue: 400, lastSynced: Self.now).create(on: db)
            // Totals a run from back when "paused" was still spending left behind.
            try await MetaCampaignInsight(campaignID: "paused", name: "Spring sale", spend: 70, currency: "EUR", impressions: 5_000,
                                          clicks: 200, conversions: 9, conversionValue: 400, lastSynced: Self.now.addingTimeInterval(-86_400 * 40)).create(on: db)

            var report = MetaSyncReport(range: MetaDayRange(last: 3, until: Self.today))
            try await sync.recomputeTotals(today: Self.today, report: &report, at: Self.now)

            let totals = Dictionary(uniqueKeysWithValues: try await MetaCampaignInsight.query(on: db).all().map { ($0.campaignID, $0) })
            #expect(totals.count == 2)
            let paused = try #require(totals["paused"])
            #expect(paused.spend.value == 0)
            #expect(paused.impressions == 0 && paused.clicks == 0 && paused.conversions == 0)
            #expect(paused.conversionValue.value == 0)
            #expect(paused.name == "Spring sale", "the name is kept")
            #expect(paused.currency == "EUR")
            #expect(paused.lastSynced == Self.now)

            let active = try #require(totals["active"])
            #expect(active.spend.value == Decimal(string: "12.50")!)
            #expect(active.impressions == 1_000 && active.clicks == 40 && active.conversions == 3)
            #expect(report.campaignsUpserted == 1)
            #expect(report.campaignsZeroed == 1)

            // Recomputing again keeps it at zero rather than resurrecting anything.
            try await sync.recomputeTotals(today: Self.today, report: &report, at: Self.now)
            let again = try #require(try await MetaCampaignInsight.query(on: db).filter(\.$campaignID == "paused").first())
            #expect(again.spend.value == 0 && again.impressions == 0)
        }
    }
}
