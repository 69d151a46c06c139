import App
import Fluent
import Foundation
import Sandbox
import ShoppyShopCore

/// (d, issue 13) N eBay orders into Shopify at the demo store's plan limits (Standard: a
/// 2,000-point bucket restoring 100 points/s): wall time against the points-bound minimum,
/// which is the time the bucket needs to restore what the import spent beyond its starting
/// level — no client can be faster without being throttled.
enum OrdersBench {
    static func run(orders: Int, products: Int, root: String) async throws {
        var bench = try await BenchApp.make()
        try await bench.startSandbox(products: products, variants: nil, rateLimit: 50)
        let ebay = bench.ebay!
        try await bench.ruleForHomeType()
        let shop = bench.app.shoppyShop
        _ = try await shop.syncCatalog(full: true, trigger: "bench")
        _ = try await shop.listProducts(scope: .all, dryRun: false, trigger: "bench")
        var placed: [String] = []
        var seed: UInt64 = 13
        while placed.count < orders, seed < 100 {
            placed += ebay.placeRandomOrders(count: orders - placed.count, seed: seed)
            seed += 1
        }
        let backend = ShopifySandbox.backend(of: bench.host!.context)!
        let bucket = try shop.environment.shopify().bucket
        // A full bucket at the start, as after a quiet minute: the minimum is then well defined.
        try await Task.sleep(for: .seconds(25))
        let throttledBefore = await backend.throttledCount
        let before = await bucket.statistics
        let ordersBefore = await backend.orderSummaries().count

        // Reading eBay's orders into the mirror spends no Shopify points: timed on its own.
        let intakeStart = ContinuousClock.now
        let intake = try await shop.pollOrders()
        let intakeSeconds = seconds(ContinuousClock.now - intakeStart)
        let start = ContinuousClock.now
        let report = try await shop.processOrders(poll: false, trigger: "bench")
        let wall = seconds(ContinuousClock.now - start)

        let after = await bucket.statistics
        let status = await bucket.lastStatus
        let restore = status?.restoreRate ?? 100
        let bucketSize = status?.maximumAvailable ?? 2_000
        let spent = Double(after.pointsUsed - before.pointsUsed)
        let minimum = max(0, (spent - bucketSize) / restore)
        let created = await backend.orderSummaries().count - ordersBefore
        let again = try await shop.processOrders(poll: true, trigger: "bench")

        var results = Results(name: "orders-import-\(orders)")
        results["ebay_orders_placed"] = placed.count
        results["ebay_orders_read"] = intake.read
        results["ebay_intake_s"] = intakeSeconds
        results["total_s"] = intakeSeconds + wall
        results["shopify_orders_created"] = created
        results["imports"] = ["created": report.imports?.created ?? 0, "found": report.imports?.found ?? 0,
                              "held": report.imports?.held ?? 0, "failed": report.imports?.failed ?? 0]
        results["shopify_points_spent"] = Int(spent)
        results["shopify_bucket_size"] = bucketSize
        results["shopify_restore_rate"] = restore
        results["points_bound_minimum_s"] = minimum
        results["shopify_import_s"] = wall
        results["ratio_to_minimum"] = minimum > 0 ? wall / minimum : -1
        results["total_ratio_to_minimum"] = minimum > 0 ? (intakeSeconds + wall) / minimum : -1
        results["shopify_throttled_answers"] = await backend.throttledCount - throttledBefore
        results["client_waits_for_bucket"] = after.waits - before.waits
        results["second_run_created"] = again.imports?.created ?? -1
        results["peak_rss_mb"] = Memory.peakMB ?? -1
        try results.write(root: root)
        await bench.shutdown()
    }
}
