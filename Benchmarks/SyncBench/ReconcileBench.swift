import App
import Fluent
import Foundation
import Sandbox
import ShoppyShopCore

/// (b) Reconcile of N products: eBay calls and wall time, while stock changes keep flowing
/// (nothing locked or paused), with some hand edits on eBay to find.
enum ReconcileBench {
    static func run(products: Int, root: String) async throws {
        var bench = try await BenchApp.make()
        // Setting up N listings is not what is measured: no rate limit for it.
        try await bench.startSandbox(products: products, variants: 1, rateLimit: nil)
        let ebay = bench.ebay!
        try await bench.ruleForHomeType()
        let shop = bench.app.shoppyShop
        let setupStart = ContinuousClock.now
        _ = try await shop.syncCatalog(full: true, trigger: "bench")
        let listed = try await shop.listProducts(scope: .all, dryRun: false, trigger: "bench")
        let setupSeconds = seconds(ContinuousClock.now - setupStart)
        let live = ebay.liveListings
        let edited = live.prefix(25).map(\.sku)
        for sku in edited { _ = ebay.editByHand(sku: sku, quantity: 0) }

        // Measured with eBay's per-second limit back on.
        var settings = ebay.settings
        settings.requestsPerSecond = 50
        ebay.settings = settings
        await bench.app.startBackgroundWork()
        // The push that checks what the listing run just sent (every SKU) finishes first:
        // measured is a reconcile beside normal work, not beside a fresh listing's backlog.
        for _ in 0..<2_400 {
            if try await StockChange.query(on: bench.app.db).filter(\.$state == .pending).count() == 0 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let backend = ShopifySandbox.backend(of: bench.host!.context)!
        let levels = await backend.stockLevels().filter { level in live.contains { $0.sku == level.sku } }
        let before = ebay.callsPerOperation.values.reduce(0, +)
        let limitedBefore = ebay.rateLimitedCount
        let start = ContinuousClock.now
        // Stock changes while reconcile runs: they must go through meanwhile.
        let changes = Task {
            var sent: [(String, Date)] = []
            for index in 0..<20 {
                let level = levels[(index * 97) % levels.count]
                try? await backend.setStock(inventoryItemID: level.inventoryItemID, locationID: level.locationID, available: level.available + 1 + index)
                sent.append((level.sku, Date()))
                try? await Task.sleep(for: .milliseconds(100))
            }
            return sent
        }
        let report = try await shop.reconcile(dryRun: false, trigger: "bench")
        let reconcileSeconds = seconds(ContinuousClock.now - start)
        let sent = await changes.value
        try await Task.sleep(for: .seconds(2))
        let during = try await StockChange.query(on: bench.app.db).filter(\.$reason == .webhook).filter(\.$state == .accepted).all()
        let latencies = during.compactMap { row in row.acceptedAt.flatMap { accepted in row.changedAt.map { accepted.timeIntervalSince($0) } } }
        let acceptedDuring = during.filter { ($0.acceptedAt ?? .distantFuture) <= Date().addingTimeInterval(-2) }.count
        let calls = ebay.callsPerOperation.values.reduce(0, +) - before

        var results = Results(name: "reconcile-\(products)")
        results["products"] = products
        results["skus_on_ebay"] = report.skusOnEbay
        results["setup_listing_seconds"] = setupSeconds
        results["setup_listing_calls"] = listed.calls
        results["reconcile_reads"] = report.calls
        results["reconcile_quantity_pages"] = report.calls - report.pricesChecked
        results["minimum_quantity_pages"] = (report.skusOnEbay + 199) / 200
        results["prices_checked"] = report.pricesChecked
        results["ebay_requests_during_run"] = calls
        results["seconds"] = reconcileSeconds
        results["answered_429"] = ebay.rateLimitedCount - limitedBefore
        results["hand_edits"] = edited.count
        results["drift_found"] = report.drift.filter { $0.field == .quantity }.count
        results["stock_changes_sent_during_reconcile"] = sent.count
        results["stock_changes_accepted"] = during.count
        results["stock_changes_accepted_while_reconcile_ran"] = acceptedDuring
        results["stock_latency_p50_s"] = percentile(latencies, 0.5) ?? -1
        results["stock_latency_p90_s"] = percentile(latencies, 0.9) ?? -1
        let toSeen = during.compactMap { row in row.changedAt.map { row.seenAt.timeIntervalSince($0) } }
        results["stock_changed_to_seen_p50_s"] = percentile(toSeen, 0.5) ?? -1
        results["stock_latency_max_s"] = latencies.max() ?? -1
        results["peak_rss_mb"] = Memory.peakMB ?? -1
        try results.write(root: root)
        await bench.shutdown()
    }
}
