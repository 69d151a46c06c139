import App
import Fluent
import Foundation
import Sandbox
import ShoppyShopCore

/// (c) Stock propagation: a merchant changes stock in the Shopify stand-in; its signed
/// webhook goes to the app over HTTP; the worker pushes to the eBay stand-in. Latency is
/// Shopify's change time (the webhook's X-Shopify-Triggered-At) → eBay accepted.
enum StockBench {
    static func run(changes: Int, rate: Int, root: String) async throws {
        var bench = try await BenchApp.make()
        try await bench.startSandbox(products: 200, variants: nil, rateLimit: 50)
        let ebay = bench.ebay!
        try await bench.ruleForHomeType()
        let shop = bench.app.shoppyShop
        _ = try await shop.syncCatalog(full: true, trigger: "bench")
        _ = try await shop.listProducts(scope: .all, dryRun: false, trigger: "bench")
        await bench.app.startBackgroundWork()
        // The push that checks what the listing run just sent finishes first: measured is steady state.
        for _ in 0..<600 {
            if try await StockChange.query(on: bench.app.db).filter(\.$state == .pending).count() == 0 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let backend = ShopifySandbox.backend(of: bench.host!.context)!
        let live = Set(ebay.liveListings.map(\.sku))
        let levels = await backend.stockLevels().filter { live.contains($0.sku) }
        let pushesBefore = ebay.callsPerOperation["bulkUpdatePriceQuantity"] ?? 0
        let limitedBefore = ebay.rateLimitedCount
        var random = SystemRandomNumberGenerator()
        var current = Dictionary(levels.map { ("\($0.inventoryItemID)/\($0.locationID)", $0.available) }, uniquingKeysWith: { a, _ in a })

        let start = ContinuousClock.now
        for index in 0..<changes {
            let level = levels[Int.random(in: 0..<levels.count, using: &random)]
            let key = "\(level.inventoryItemID)/\(level.locationID)"
            let next = (current[key] ?? 0) + Int.random(in: 1...5, using: &random)
            current[key] = next
            try await backend.setStock(inventoryItemID: level.inventoryItemID, locationID: level.locationID, available: next)
            // Paced at `rate` changes per second, as a busy store's stock moves.
            let due = start + .milliseconds((index + 1) * 1_000 / max(rate, 1))
            if ContinuousClock.now < due { try await Task.sleep(until: due, clock: .continuous) }
        }
        // Let the last pushes land.
        let db = bench.app.db
        for _ in 0..<200 {
            if try await StockChange.query(on: db).filter(\.$state == .pending).count() == 0 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let rows = try await StockChange.query(on: db).filter(\.$reason == .webhook).all()
        let accepted = rows.filter { $0.state == .accepted }
        let fromChange = accepted.compactMap { row in row.acceptedAt.flatMap { a in row.changedAt.map { a.timeIntervalSince($0) } } }
        let fromSeen = accepted.compactMap { row in row.acceptedAt.map { $0.timeIntervalSince(row.seenAt) } }
        let pushes = (ebay.callsPerOperation["bulkUpdatePriceQuantity"] ?? 0) - pushesBefore
        // Check: every level's final number is what eBay shows (buffer 0, one SKU per item).
        var mismatches = 0
        let finalLevels = await backend.stockLevels()
        let bySKU = Dictionary(grouping: finalLevels, by: \.sku).mapValues { $0.reduce(0) { $0 + $1.available } }
        for sku in live where ebay.listing(sku: sku)?.available != bySKU[sku] { mismatches += 1 }

        var results = Results(name: "stock-propagation-\(changes)")
        results["changes_sent"] = changes
        results["rate_per_second"] = rate
        results["webhook_changes_recorded"] = rows.count
        results["accepted"] = accepted.count
        results["states"] = Dictionary(grouping: rows, by: { $0.state.rawValue }).mapValues(\.count)
        results["p50_s"] = percentile(fromChange, 0.5) ?? -1
        results["p90_s"] = percentile(fromChange, 0.9) ?? -1
        results["p99_s"] = percentile(fromChange, 0.99) ?? -1
        results["max_s"] = fromChange.max() ?? -1
        results["seen_to_accepted_p50_s"] = percentile(fromSeen, 0.5) ?? -1
        results["seen_to_accepted_p99_s"] = percentile(fromSeen, 0.99) ?? -1
        results["bulk_update_calls"] = pushes
        results["answered_429"] = ebay.rateLimitedCount - limitedBefore
        results["over_1s"] = fromChange.filter { $0 > 1 }.count
        results["changes_per_call"] = Double(accepted.count) / Double(max(pushes, 1))
        results["skus_where_ebay_differs_from_shopify_at_end"] = mismatches
        results["peak_rss_mb"] = Memory.peakMB ?? -1
        try results.write(root: root)
        await bench.shutdown()
    }
}
