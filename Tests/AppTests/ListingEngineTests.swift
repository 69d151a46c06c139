@testable import App
import EbayAPI
import Fluent
import Foundation
import Sandbox
@testable import ShoppyShopCore
import Testing
import TestSupport
import Vapor

/// The listings + stock engine end to end: real clients, the sandbox over HTTP, the test
/// database (SQLite, and PostgreSQL in CI).
@Suite("Listings and stock engine", .serialized)
struct ListingEngineTests {
    @Test func catalogImport_mirrorsTheStore_streamedFromBulkJSONL() async throws {
        try await EngineHarness.run(products: 24) { h in
            let report = try await h.engine.syncCatalog(full: true, trigger: "test")

            #expect(report.products == h.store.products.count)
            #expect(report.variants == h.store.variantCount)
            #expect(try await ShopifyProduct.query(on: h.app.db).count() == h.store.products.count)
            #expect(try await ShopifyVariant.query(on: h.app.db).count() == h.store.variantCount)
            let levels = h.store.products.flatMap(\.variants).reduce(0) { $0 + $1.inventoryLevels.count }
            #expect(try await ShopifyInventoryLevel.query(on: h.app.db).count() == levels)
            // Media, collections and metafields came through the bulk export.
            let first = try #require(h.store.products.first)
            let row = try #require(try await ShopifyProduct.query(on: h.app.db).filter(\.$shopifyID == first.id).first())
            #expect(row.images == first.images.map(\.url))
            #expect(row.collections.map(\.handle) == first.collections.map(\.handle))
            #expect(row.metafields.map(\.fullKey).sorted() == first.metafields.map { "\($0.namespace).\($0.key)" }.sorted())
            #expect(row.productType == first.productType)
        }
    }

    @Test func dryRun_sendsNothing_apply_listsThePlan_secondApply_writesNothing() async throws {
        try await EngineHarness.run(products: 30) { h in
            _ = try await h.engine.syncCatalog(full: true, trigger: "test")
            let writesBefore = h.ebayWrites

            let plan = try await h.engine.listProducts(scope: .all, dryRun: true, trigger: "test")

            #expect(h.ebayWrites == writesBefore)
            #expect(h.ebay.inventoryItemCount == 0)
            #expect(try await AuditEntry.query(on: h.app.db).count() == 0)
            #expect(plan.summary.create > 0)
            #expect(plan.summary.blocked > 0) // the demo's Home products lack "Type"
            let planned = Set(plan.products.filter { $0.plan.action == .create }.flatMap { $0.plan.skus.map(\.sku) })

            let applied = try await h.engine.listProducts(scope: .all, dryRun: false, trigger: "test")

            #expect(applied.failed == 0)
            let live = Set(h.ebay.liveListings.map(\.sku))
            #expect(live == planned)
            #expect(applied.calls == applied.minimumCalls)
            let audit = try await AuditEntry.query(on: h.app.db).all()
            #expect(!audit.isEmpty)
            #expect(audit.allSatisfy { $0.requestID != nil && $0.outcome == .succeeded && $0.service == "ebay" })
            #expect(Set(audit.filter { $0.operation == "bulkCreateOffer" }.map(\.target)) == planned)

            let writesAfterFirst = h.ebayWrites
            let again = try await h.engine.listProducts(scope: .all, dryRun: false, trigger: "test")

            #expect(h.ebayWrites == writesAfterFirst)
            #expect(again.calls == 0)
            #expect(again.summary.create == 0 && again.summary.update == 0)
            #expect(again.summary.unchanged == plan.summary.create)
        }
    }

    @Test func blockedProduct_namesTheAspect_aRuleUnblocksIt_andOnlyItIsSent() async throws {
        try await EngineHarness.run(products: 30) { h in
            try await h.listEverything()
            let blocked = try await h.engine.listProducts(scope: .all, dryRun: true, trigger: "test").products.filter { $0.plan.action == .blocked }
            let home = try #require(blocked.first { $0.plan.problems.contains { $0.field == "aspect Type" } })
            #expect(home.plan.problems.first?.fix.contains("metafield:custom.item_type") == true)

            var settings = RuleSettings()
            settings.aspects = ["Type": .metafield("custom.item_type")]
            try await RuleStore.set(name: "home", scope: RuleScope(kind: .productType, value: "Home"), settings: settings, on: h.app.db)
            let after = try await h.engine.listProducts(scope: .all, dryRun: false, trigger: "test")

            let homeSKUs = Set(home.plan.skus.map(\.sku))
            #expect(after.failed == 0)
            #expect(homeSKUs.isSubset(of: Set(h.ebay.liveListings.map(\.sku))))
            let sent = Set(after.products.flatMap { $0.plan.skus.filter { !$0.steps.isEmpty }.map(\.sku) })
            #expect(sent.isSubset(of: Set(blocked.flatMap { $0.plan.skus.map(\.sku) })))
        }
    }

    @Test func shopifyStockChange_reachesEbay_absolute_withItsTimeline() async throws {
        try await EngineHarness.run(products: 20, config: ["STOCK_BUFFER": "1"]) { h in
            try await h.listEverything()
            await h.startWorkers()
            let (sku, _, _) = try #require(h.ebay.liveListings.first)
            let variant = try #require(h.store.products.flatMap(\.variants).first { $0.sku == sku })
            let level = try #require(variant.inventoryLevels.first)
            let others = variant.inventoryLevels.dropFirst().reduce(0) { $0 + $1.available }
            let newStock = level.available + 5

            try await h.shopify.setStock(inventoryItemID: variant.inventoryItemID, locationID: level.locationID, available: newStock)

            // Shopify's new stock at this location + the other locations − buffer 1.
            let expected = newStock + others - 1
            #expect(await h.eventually { h.ebay.listing(sku: sku)?.available == expected })
            #expect(try await h.eventually { try await StockChange.query(on: h.app.db).filter(\.$sku == sku).filter(\.$reason == .webhook).filter(\.$state == .pending).count() == 0 })
            let change = try #require(try await StockChange.query(on: h.app.db).filter(\.$sku == sku).filter(\.$reason == .webhook).first())
            #expect(change.state == .accepted)
            #expect(change.pushedQuantity == expected)
            let changed = try #require(change.changedAt), accepted = try #require(change.acceptedAt)
            #expect(changed <= change.seenAt.addingTimeInterval(0.001))
            #expect(change.seenAt <= accepted)

            // The same stock again (an echo) sends nothing.
            let writes = h.ebayWrites
            try await h.shopify.setStock(inventoryItemID: variant.inventoryItemID, locationID: level.locationID, available: newStock)
            #expect(try await h.eventually { try await StockChange.query(on: h.app.db).filter(\.$sku == sku).filter(\.$state == .unchanged).count() >= 1 })
            #expect(h.ebayWrites == writes)
        }
    }

    @Test func webhooksOff_thePollFindsTheChange_andPushesIt() async throws {
        try await EngineHarness.run(products: 12, config: ["SHOPIFY_WEBHOOKS": "off"], webhooks: false) { h in
            try await h.listEverything()
            #expect(try await h.engine.pollStock() == 0) // the first poll only starts the cursor
            let (sku, _, _) = try #require(h.ebay.liveListings.first)
            let variant = try #require(h.store.products.flatMap(\.variants).first { $0.sku == sku })
            let others = variant.inventoryLevels.dropFirst().reduce(0) { $0 + $1.available }
            try await h.shopify.setStock(inventoryItemID: variant.inventoryItemID, locationID: variant.inventoryLevels[0].locationID, available: 3)

            let recorded = try await h.engine.pollStock()
            let (push, _) = try await h.engine.pushStock()

            #expect(recorded == 1)
            #expect(push.pushed == 1)
            #expect(h.ebay.listing(sku: sku)?.available == 3 + others)
            #expect(try await StockChange.query(on: h.app.db).filter(\.$reason == .poll).filter(\.$state == .accepted).count() == 1)
            #expect(try await h.engine.pollStock() == 0) // nothing new: nothing recorded twice
        }
    }

    @Test func ebaySale_notYetInShopify_isSubtracted_fromEveryLaterPush() async throws {
        try await EngineHarness.run(products: 20) { h in
            try await h.listEverything()
            let candidates = h.store.products.flatMap(\.variants).filter { $0.inventoryLevels.count == 1 }
            let live = Set(h.ebay.liveListings.map(\.sku))
            let variant = try #require(candidates.first { live.contains($0.sku) && $0.inventoryQuantity >= 5 })
            try h.ebay.placeOrder(sku: variant.sku, quantity: 2)

            let orders = try await h.engine.pollOrders()
            #expect(orders.new == 1, "\(orders) — eBay has \(h.ebay.orders.map(\.id))")
            try await h.shopify.setStock(inventoryItemID: variant.inventoryItemID, locationID: variant.inventoryLevels[0].locationID, available: 9)
            await h.startWorkers()

            // Shopify still counts the 2 units sold on eBay: eBay gets 9 − 2.
            #expect(await h.eventually { h.ebay.listing(sku: variant.sku)?.available == 7 })
            #expect(try await h.eventually { try await EbayItem.query(on: h.app.db).filter(\.$sku == variant.sku).first()?.quantity == 7 })
        }
    }

    @Test func reconcile_findsHandEdits_andRepairsThemAsTheRulesSay() async throws {
        try await EngineHarness.run(products: 20) { h in
            try await h.listEverything()
            let skus = h.ebay.liveListings.map(\.sku)
            try #require(skus.count >= 3)
            let (ours, theirs, report) = (skus[0], skus[1], skus[2])
            for (name, sku, repair) in [("t", theirs, RuleSettings.DriftRepair.theirs), ("r", report, .report)] {
                var settings = RuleSettings()
                settings.drift = repair
                try await RuleStore.set(name: name, scope: RuleScope(kind: .sku, value: sku), settings: settings, on: h.app.db)
            }
            let before = try #require(h.ebay.listing(sku: ours)?.available)
            for sku in [ours, theirs, report] { _ = h.ebay.editByHand(sku: sku, quantity: 1) }

            await h.startWorkers()
            let result = try await h.engine.reconcile(dryRun: false, trigger: "test")

            #expect(Set(result.drift.filter { $0.field == .quantity }.map(\.sku)) == [ours, theirs, report])
            #expect(result.calls >= 1)
            #expect(await h.eventually { h.ebay.listing(sku: ours)?.available == before })
            #expect(h.ebay.listing(sku: theirs)?.available == 1)
            #expect(h.ebay.listing(sku: report)?.available == 1)
            let kept = try #require(try await ListingRule.query(on: h.app.db).filter(\.$name == "ebay-edit:\(theirs)").first())
            #expect(try kept.rule().settings.stockFixed == 1)
            // A dry run reports and changes nothing.
            let dry = try await h.engine.reconcile(dryRun: true, trigger: "test")
            #expect(dry.drift.contains { $0.sku == report })
        }
    }

    @Test func archivedProduct_endsItsListing() async throws {
        try await EngineHarness.run(products: 20) { h in
            try await h.listEverything()
            let (sku, _, _) = try #require(h.ebay.liveListings.first)
            let variant = try #require(try await ShopifyVariant.query(on: h.app.db).filter(\.$sku == sku).with(\.$product).first())
            variant.product.status = "ARCHIVED"
            try await variant.product.save(on: h.app.db)

            let report = try await h.engine.listProducts(scope: .all, dryRun: false, trigger: "test")

            #expect(report.summary.end == 1)
            #expect(!h.ebay.liveListings.contains { $0.sku == sku })
            #expect(try await EbayItem.query(on: h.app.db).filter(\.$sku == sku).first()?.status == .withdrawn)
        }
    }

    @Test func tenPercentFaults_sameFinalState_andNoOther4xxRetried() async throws {
        let recording = FileManager.default.temporaryDirectory.appendingPathComponent("faults-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: recording) }
        let faults = FaultPlan(rate: 0.1, kinds: [.tooManyRequests, .internalServerError, .serviceUnavailable, .timeout, .malformedBody],
                               seed: 11, services: [.ebay, .shopify], retryAfterSeconds: 0, delay: .milliseconds(1_500))
        try await EngineHarness.run(products: 24, ebayTimeout: .seconds(1), record: recording) { h in
            _ = try await h.engine.syncCatalog(full: true, trigger: "test")
            let planned = try await h.plannedSKUs()
            h.host.faults = faults
            // A run that meets a fault it cannot get past finishes what it can; the next run the rest.
            var runs = 0
            repeat {
                runs += 1
                _ = try? await h.engine.listProducts(scope: .all, dryRun: false, trigger: "test")
            } while runs < 8 && Set(h.ebay.liveListings.map(\.sku)) != planned
            h.host.faults = nil
            // An answer lost to a fault (a malformed body after eBay acted) leaves our record
            // behind eBay's: the next run repeats that idempotent call once, then nothing.
            var settled = try await h.engine.listProducts(scope: .all, dryRun: false, trigger: "test")
            if settled.calls > 0 { settled = try await h.engine.listProducts(scope: .all, dryRun: false, trigger: "test") }

            #expect(Set(h.ebay.liveListings.map(\.sku)) == planned)
            #expect(settled.calls == 0)
            let (offers, _) = h.ebay.duplicateReport
            #expect(offers.values.allSatisfy { $0 == 1 }, "offers per SKU: \(offers.filter { $0.value > 1 })")
            let injected = await h.host.status().faultsInjected["ebay"] ?? [:]
            #expect(injected.values.reduce(0, +) > 0)
        }
        let retried = try RecordingAudit.retriedClientErrors(path: recording.path)
        #expect(retried.isEmpty, "4xx answers sent again: \(retried)")
    }
}

/// Looks through a sandbox recording for a request answered 4xx (not 429) and then sent again
/// identically: a retry our policy must never make.
enum RecordingAudit {
    static func retriedClientErrors(path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var refused = Set<String>()
        var retried: [String] = []
        for line in text.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            let body = object["body"].flatMap { try? JSONSerialization.data(withJSONObject: $0, options: [.fragmentsAllowed, .sortedKeys]) } ?? Data()
            let key = "\(object["method"] ?? "") \(object["path"] ?? "") \(String(decoding: body, as: UTF8.self))"
            if refused.contains(key) { retried.append(key) }
            let status = object["status"] as? Int ?? 0
            if (400..<500).contains(status), status != 429, status != 401 { refused.insert(key) } else { refused.remove(key) }
        }
        return retried
    }
}

@Suite("Stock on both channels", .serialized)
struct OversellTests {
    /// Sales on both channels: Shopify's storefront and eBay buyers take turns, each after the
    /// other's sale has propagated (Shopify → eBay by the stock push; eBay → ShoppyShop by the
    /// order poll). No unit is sold twice: the eBay stand-in refuses what its listing lacks, and
    /// the listing never shows a unit Shopify has sold or eBay has sold but Shopify not yet seen.
    @Test func salesOnBothChannels_outsideThePropagationWindow_neverOversell() async throws {
        try await EngineHarness.run(products: 20) { h in
            try await h.listEverything()
            await h.startWorkers()
            let live = Set(h.ebay.liveListings.map(\.sku))
            let variants = Array(h.store.products.filter { $0.variants.count == 1 }.flatMap(\.variants)
                .filter { live.contains($0.sku) && $0.inventoryLevels.count == 1 && (3...40).contains($0.inventoryQuantity) }.prefix(3))
            try #require(!variants.isEmpty)
            let initial = Dictionary(uniqueKeysWithValues: variants.map { ($0.sku, $0.inventoryQuantity) })
            var shopifySold: [String: Int] = [:]
            var ebaySold: [String: Int] = [:]
            var attempts = 0

            for round in 0..<40 {
                let variant = variants[round % variants.count]
                if round % 2 == 0 {
                    if try await h.shopify.sell(inventoryItemID: variant.inventoryItemID, quantity: 1) { shopifySold[variant.sku, default: 0] += 1 }
                    let left = initial[variant.sku]! - shopifySold[variant.sku, default: 0] - ebaySold[variant.sku, default: 0]
                    #expect(await h.eventually { h.ebay.listing(sku: variant.sku)?.available == max(0, left) }, "round \(round)")
                } else {
                    // Buyers try for more than is left.
                    for _ in 0..<2 {
                        attempts += 1
                        if (try? h.ebay.placeOrder(sku: variant.sku, quantity: 2)) != nil { ebaySold[variant.sku, default: 0] += 2 }
                    }
                    _ = try await h.engine.pollOrders()
                }
            }

            for (sku, stock) in initial {
                let sold = shopifySold[sku, default: 0] + ebaySold[sku, default: 0]
                #expect(sold <= stock, "\(sku): \(sold) sold of \(stock)")
            }
            #expect(attempts > 0)
            #expect(ebaySold.values.reduce(0, +) > 0)
            #expect(h.ebay.failedPurchases > 0) // buyers did try for units that were gone
        }
    }
}

@Suite("Health on a fresh install")
struct FreshHealthTests {
    @Test func freshDatabase_withEveryPeriodicJobQueued_doesNotLookHoursBehind() async throws {
        try await withConfiguredApp { app in
            let scheduler = Scheduler(queue: app.jobQueue, jobs: BackgroundServices.periodicJobs(app), logger: app.logger)
            let queued = await scheduler.runOnce()
            #expect(queued.count == BackgroundServices.periodicJobs(app).count)

            try await app.testing().test(.GET, "health") { res async throws in
                let body = try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [String: Any]
                let jobs = body?["jobs"] as? [String: Any]
                let age = jobs?["oldestPendingAgeSeconds"] as? Double ?? 0
                #expect(jobs?["pending"] as? Int ?? 0 >= queued.count)
                #expect(age < 60, "a fresh install reports jobs \(age) s behind")
            }
        }
    }
}
