import Fluent
import Foundation
import MetaAPI
import Sandbox
import ShoppyShopCore
import Testing
import TestSupport
import Vapor

/// The insights sync end to end: real client, Meta stand-in over HTTP, real database
/// (SQLite, or PostgreSQL when DATABASE_URL is set).
@Suite("Meta insights sync")
struct MetaInsightsSyncTests {
    static let today = Date(timeIntervalSince1970: 1_748_649_600) // 2025-05-31

    struct Harness {
        var app: Application
        var host: SandboxHost
        var controls: MetaSandboxControls

        func sync() throws -> MetaInsightsSync {
            let client = MetaClient(
                configuration: .init(baseURL: try #require(host.baseURL), accessToken: MetaSandbox.demoAccessToken, accountID: MetaSandbox.demoAccountID),
                retryPolicy: .never)
            return MetaInsightsSync(client: client, database: app.db, now: { MetaInsightsSyncTests.today })
        }
    }

    static func withHarness(_ body: (Harness) async throws -> Void) async throws {
        try await TestDatabase.withApp { app in
            let controls = MetaSandboxControls()
            controls.today = today
            var services = SandboxServices()
            services.register(.meta, faultResponse: MetaSandbox.faultResponse) { MetaSandbox(context: $0, controls: controls) }
            try await SandboxHost.withRunning(.init(products: 12), services: services) { host in
                try await seedMirror(host.store, on: app.db)
                try await body(Harness(app: app, host: host, controls: controls))
            }
        }
    }

    /// The Shopify mirror as a catalog sync would leave it: products and variants by SKU.
    static func seedMirror(_ store: DemoStore, on db: any Database) async throws {
        for product in store.products {
            let row = ShopifyProduct(shopifyID: product.id, title: product.title, price: product.variants[0].price, currency: "USD", inventoryQuantity: 0)
            try await row.create(on: db)
            for variant in product.variants {
                try await ShopifyVariant(productID: try row.requireID(), shopifyID: variant.id, sku: variant.sku, title: variant.title,
                                         price: variant.price, inventoryItemID: nil, inventoryQuantity: 0, position: variant.position).create(on: db)
            }
        }
    }

    @Test func restatedDays_areUpsertedNotDuplicated() async throws {
        try await Self.withHarness { harness in
            let first = try await harness.sync().run(days: 30)
            let before = try await MetaInsightDay.query(on: harness.app.db).all()
            harness.controls.restate()

            let second = try await harness.sync().run()

            let after = try await MetaInsightDay.query(on: harness.app.db).all()
            #expect(first.daysInserted == 120 && first.daysUpdated == 0)
            #expect(second.range.dayCount == 3, "resumes at the last synced day, re-reading the restated ones")
            #expect(second.daysInserted == 0 && second.daysUpdated == 12)
            #expect(after.count == 120)
            let old = Dictionary(uniqueKeysWithValues: before.map { ("\($0.campaignID)|\($0.date)", $0.spend.value) })
            let changed = after.filter { old["\($0.campaignID)|\($0.date)"] != $0.spend.value }
            #expect(changed.count == 12)
            #expect(changed.allSatisfy { $0.date >= "2025-05-29" })
            #expect(changed.allSatisfy { $0.spend.value - old["\($0.campaignID)|\($0.date)"]! == Decimal(string: "0.23")! })

            let totals = try await MetaCampaignInsight.query(on: harness.app.db).all()
            #expect(totals.count == 4)
            for total in totals {
                let days = after.filter { $0.campaignID == total.campaignID }
                #expect(total.spend.value == days.reduce(Decimal(0)) { $0 + $1.spend.value })
                #expect(total.conversions == days.reduce(0) { $0 + $1.conversions })
                #expect(total.name != total.campaignID)
            }
        }
    }

    @Test func fullDemoSync_makesZeroNonGETRequests_andFillsCatalogRows() async throws {
        try await Self.withHarness { harness in
            let report = try await harness.sync().run(days: 30)

            let meta = await harness.host.status().requests(for: .meta)
            #expect(meta.total > 0)
            #expect(Set(meta.byMethod.keys) == ["GET"])
            #expect(harness.controls.refusedWrites == 0)
            let rows = try await MetaProductCatalog.query(on: harness.app.db).all()
            #expect(report.catalogProductsRead > 0)
            #expect(rows.count == report.catalogRowsUpserted)
            #expect(report.catalogProductsUnmatched == 0)
            #expect(rows.contains { $0.insights.impressions > 0 })
            #expect(report.requests == meta.total)
            #expect(try await MetaSyncStatus.lastSyncedDay(on: harness.app.db) == "2025-05-31")
        }
    }

    @Test func catalogItemWithoutShopifyProduct_isCountedUnmatched() async throws {
        try await Self.withHarness { harness in
            let variant = try #require(try await ShopifyVariant.query(on: harness.app.db).first())
            try await variant.delete(on: harness.app.db)

            let report = try await harness.sync().run(days: 1)

            #expect(report.catalogProductsUnmatched == 1)
        }
    }

    @Test func expiredToken_recordsStateAndStopsWithoutRetry() async throws {
        try await Self.withHarness { harness in
            harness.controls.tokenState = .expired

            await #expect(throws: PermanentJobError.self) {
                _ = try await MetaInsightsSyncJob.sync(try harness.sync(), days: nil)
            }

            #expect(harness.controls.servedRequests == 1)
            let problem = try await MetaSyncStatus.tokenProblem(on: harness.app.db)
            #expect(problem?.contains("expired or revoked") == true)

            harness.controls.tokenState = .valid
            _ = try await MetaInsightsSyncJob.sync(try harness.sync(), days: 1)
            #expect(try await MetaSyncStatus.tokenProblem(on: harness.app.db) == nil)
        }
    }
}
