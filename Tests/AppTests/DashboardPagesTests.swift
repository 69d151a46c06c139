@testable import App
import Fluent
import Foundation
import Sandbox
@testable import ShoppyShopCore
import Testing
import TestSupport
import Vapor
import VaporTesting

/// Every dashboard page against the sandbox's demo store, signed in through the real form.
@Suite("Dashboard pages", .serialized)
struct DashboardPagesTests {
    @Test func everyPage_showsTheDemoStoresData() async throws {
        try await EngineHarness.run(products: 16) { h in
            try await h.listEverything()
            let live = Set(h.ebay.liveListings.map(\.sku))
            let owner = try #require(h.store.products.first { $0.variants.contains { live.contains($0.sku) && $0.inventoryQuantity >= 2 } })
            let variant = try #require(owner.variants.first { live.contains($0.sku) && $0.inventoryQuantity >= 2 })
            let orderID = try h.ebay.placeOrder(sku: variant.sku, quantity: 1)
            _ = try await h.engine.processOrders(trigger: "test")
            let session = try await WebSession.signIn(h.app)

            let overview = try await session.get("/")
            #expect(overview.status == .ok)
            // Times in the shop's zone, read from Shopify at the full import.
            #expect(try await ShopProfile.timeZone(on: h.app.db)?.identifier == h.store.shop.timeZone)
            #expect(!overview.body.string.contains(" UTC</time>"))
            #expect(overview.body.string.contains("<svg class=\"chart\""))
            #expect(overview.body.string.contains("Listings on eBay"))

            let product = try #require(try await ShopifyProduct.query(on: h.app.db).sort(\.$title).first())
            let products = try await session.get("/products")
            #expect(products.status == .ok)
            #expect(products.body.string.contains("/products/\(product.shopifyID)"))
            #expect(products.body.string.contains("\(try await ShopifyProduct.query(on: h.app.db).count()) in all"))

            let detail = try await session.get("/products/\(owner.id)")
            #expect(detail.status == .ok)
            #expect(detail.body.string.contains(variant.sku))
            #expect(detail.body.string.contains("badge-live"))

            let plan = try await session.get("/listings")
            #expect(plan.status == .ok)
            #expect(plan.body.string.contains("action=\"/listings/apply\""))
            #expect(plan.body.string.contains("Last apply"))

            let orders = try await session.get("/orders")
            let link = try #require(try await OrderLink.query(on: h.app.db).filter(\.$ebayOrderID == orderID).first())
            #expect(orders.status == .ok)
            #expect(orders.body.string.contains(orderID))
            #expect(orders.body.string.contains(try #require(link.shopifyOrderName)))

            let audit = try await session.get("/audit?service=ebay")
            let writes = try await AuditEntry.query(on: h.app.db).filter(\.$service == "ebay").count()
            #expect(audit.status == .ok)
            #expect(audit.body.string.contains("\(writes) in all"))

            for path in ["/insights", "/jobs", "/settings", "/jobs?state=dead"] {
                #expect(try await session.get(path).status == .ok, "\(path)")
            }
            #expect(try await session.get("/products/999999").status == .notFound)
        }
    }

    @Test func productSearchAndStateFilter_matchTheMirror() async throws {
        try await EngineHarness.run(products: 16) { h in
            try await h.listEverything()
            let session = try await WebSession.signIn(h.app)
            let owner = try #require(h.store.products.first)
            let variant = try #require(owner.variants.first)
            let bySKU = try await session.get("/products?q=\(variant.sku.lowercased())")
            #expect(bySKU.body.string.contains("/products/\(owner.id)"))
            #expect(bySKU.body.string.contains("1 in all"))

            let liveProducts = Set(try await EbayItem.query(on: h.app.db).filter(\.$status == .live).all().map(\.productShopifyID))
            let listed = try await session.get("/products?state=live")
            #expect(listed.body.string.contains("\(liveProducts.count) in all"))
            let all = try await ShopifyProduct.query(on: h.app.db).count()
            let unlisted = Set(try await EbayItem.query(on: h.app.db).all().map(\.productShopifyID))
            #expect(try await session.get("/products?state=not-listed").body.string.contains("\(all - unlisted.count) in all"))
        }
    }

    @Test func applyButton_queuesTheListingJob_onlyWithItsCSRFToken() async throws {
        try await EngineHarness.run(products: 8) { h in
            let session = try await WebSession.signIn(h.app)
            func listingJobs() async throws -> Int { try await JobRecord.query(on: h.app.db).filter(\.$kind == ListingsSyncJob.kind).filter(\.$state == .pending).count() }
            let before = try await listingJobs()
            #expect(try await session.post("/listings/apply", csrf: false).status == .forbidden)
            #expect(try await listingJobs() == before)
            let applied = try await session.post("/listings/apply")
            #expect(applied.status == .seeOther)
            #expect(try await listingJobs() >= 1)
            #expect(try await session.get("/listings").body.string.contains("id=\"applying\""))
        }
    }

    /// LISTING_MODE=manual (live's default): the scheduler only plans, but Apply on the page applies.
    @Test func applyButton_appliesEvenInManualListingMode() async throws {
        try await EngineHarness.run(products: 8, config: ["LISTING_MODE": "manual"]) { h in
            _ = try await h.engine.syncCatalog(full: true, trigger: "test")
            let session = try await WebSession.signIn(h.app)
            #expect(try await session.post("/listings/apply").status == .seeOther)
            await h.startWorkers()
            #expect(try await h.eventually(30) { try await SyncRuns.latest("listings", on: h.app.db)?.state == .succeeded })
            let run = try #require(try await SyncRuns.latest("listings", on: h.app.db))
            #expect(run.trigger == "dashboard:\(WebSession.email)")
            #expect(!h.ebay.liveListings.isEmpty)
        }
    }

    @Test func ruleForm_savesNothingWhenAnyFieldIsWrong_andNamesEachField() async throws {
        try await withConfiguredApp { app in
            let session = try await WebSession.signIn(app)
            let bad = try await session.post("/settings/rules", [
                "name": "apparel", "scope": "product_type", "scope_value": "Apparel",
                "price_percent": "ten", "stock_buffer": "-1", "category_id": "abc",
            ])
            #expect(bad.status == .unprocessableEntity)
            let html = bad.body.string
            #expect(html.contains("id=\"f-price_percent-error\""))
            #expect(html.contains("id=\"f-stock_buffer-error\""))
            #expect(html.contains("id=\"f-category_id-error\""))
            #expect(html.contains("value=\"ten\""), "what was typed stays in the form")
            #expect(try await ListingRule.query(on: app.db).count() == 0)

            let good = try await session.post("/settings/rules", [
                "name": "apparel", "scope": "product_type", "scope_value": "Apparel", "price_percent": "10", "rounding": "99", "stock_buffer": "2",
            ])
            #expect(good.status == .seeOther)
            let rule = try #require(try await RuleStore.all(on: app.db).first)
            #expect(rule.scope == RuleScope(kind: .productType, value: "Apparel"))
            #expect(rule.settings.pricePercent == 10)
            #expect(rule.settings.stockBuffer == 2)
            #expect(rule.settings.rounding == .ninetyNine)

            // Saving the form again with a field emptied clears that setting.
            _ = try await session.post("/settings/rules", ["name": "apparel", "scope": "product_type", "scope_value": "Apparel", "price_percent": "10"])
            #expect(try await RuleStore.all(on: app.db).first?.settings.stockBuffer == nil)
            #expect(try await session.post("/settings/rules/apparel/remove").status == .seeOther)
            #expect(try await ListingRule.query(on: app.db).count() == 0)
        }
    }

    @Test func jobButtons_cancelAndRetry() async throws {
        try await withConfiguredApp { app in
            let session = try await WebSession.signIn(app)
            let jobID = try await app.jobQueue.enqueue(JobSpec(kind: "catalog.sync", runAfter: Date().addingTimeInterval(3600))).id
            #expect(try await session.post("/jobs/\(jobID)/cancel").status == .seeOther)
            #expect(try await JobRecord.find(jobID, on: app.db)?.state == .cancelled)
            #expect(try await session.post("/jobs/\(jobID)/retry").status == .seeOther)
            #expect(try await JobRecord.find(jobID, on: app.db)?.state == .pending)
        }
    }

    @Test func insightsCSV_sumsToTheStoredSpend() async throws {
        try await withConfiguredApp { app in
            let today = SpendVersusRevenue.dayString(Date())
            for (campaign, spend) in [("c1", "12.34"), ("c2", "0.66")] {
                let day = MetaInsightDay()
                day.campaignID = campaign; day.date = today; day.spend = StoredDecimal(Decimal(string: spend)!); day.currency = "USD"
                day.impressions = 100; day.clicks = 5; day.conversions = 1; day.conversionValue = 20; day.lastSynced = Date()
                try await day.save(on: app.db)
            }
            let session = try await WebSession.signIn(app)
            let csv = try await session.get("/insights.csv?days=7")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            let row = try #require(csv.body.string.components(separatedBy: "\r\n").first { $0.hasPrefix(today) })
            #expect(row.split(separator: ",")[3] == "13")
            let page = try await session.get("/insights?days=7")
            #expect(page.body.string.contains("13.00 USD"))
        }
    }
}
