import App
import Fluent
import Foundation
import Sandbox
import ShoppyShopCore

/// (a) First listing of N products × V variants: eBay calls made (every attempt, counted by
/// the stand-in) against the computed minimum.
enum ListingBench {
    static let writeOperations: Set<String> = [
        "bulkCreateOrReplaceInventoryItem", "createOrReplaceInventoryItemGroup", "bulkCreateOffer", "updateOffer",
        "bulkUpdatePriceQuantity", "bulkPublishOffer", "publishOfferByInventoryItemGroup", "withdrawOffer", "withdrawOfferByInventoryItemGroup",
    ]

    static func run(products: Int, variants: Int, root: String) async throws {
        var bench = try await BenchApp.make()
        try await bench.startSandbox(products: products, variants: variants, rateLimit: 50)
        let ebay = bench.ebay!
        try await bench.ruleForHomeType()
        let shop = bench.app.shoppyShop

        let catalogStart = ContinuousClock.now
        let catalog = try await shop.syncCatalog(full: true, trigger: "bench")
        let catalogSeconds = seconds(ContinuousClock.now - catalogStart)

        let before = ebay.callsPerOperation
        let limitedBefore = ebay.rateLimitedCount
        let tokensBefore = ebay.tokensIssued
        let start = ContinuousClock.now
        let report = try await shop.listProducts(scope: .all, dryRun: false, trigger: "bench")
        let listSeconds = seconds(ContinuousClock.now - start)
        let after = ebay.callsPerOperation
        var perOperation: [String: Int] = [:]
        for (operation, count) in after { perOperation[operation] = count - (before[operation] ?? 0) }
        perOperation = perOperation.filter { $0.value > 0 }
        let writes = perOperation.filter { writeOperations.contains($0.key) }.values.reduce(0, +)
        let reads = perOperation.filter { !writeOperations.contains($0.key) }.values.reduce(0, +)
        let types = Set(try await ShopifyProduct.query(on: bench.app.db).filter(\.$status == "ACTIVE").all(\.$productType).compactMap { $0 }).count
        // Reads no listing can do without: 3 policy lists, the locations, the category tree, and per product type a suggestion and its aspects.
        let minimumReads = 3 + 1 + 1 + 2 * types
        let tokens = ebay.tokensIssued - tokensBefore

        let secondBefore = ebay.callsPerOperation
        let second = try await shop.listProducts(scope: .all, dryRun: false, trigger: "bench")
        let secondWrites = ebay.callsPerOperation.filter { writeOperations.contains($0.key) }.map { $0.value - (secondBefore[$0.key] ?? 0) }.reduce(0, +)

        var results = Results(name: "listing-first-\(products)x\(variants)")
        results["products"] = products
        results["variants_per_product"] = variants
        results["catalog_import"] = ["products": catalog.products, "variants": catalog.variants, "seconds": catalogSeconds]
        results["plan"] = ["create": report.summary.create, "blocked": report.summary.blocked, "not_listed": report.summary.skipped]
        results["skus_live"] = ebay.liveListings.count
        results["minimum_write_calls"] = report.minimumCalls
        results["write_calls_made"] = writes
        results["write_ratio"] = Double(writes) / Double(max(report.minimumCalls, 1))
        results["minimum_calls_with_reads"] = report.minimumCalls + minimumReads
        results["calls_made_with_reads"] = writes + reads
        results["ratio_with_reads"] = Double(writes + reads) / Double(max(report.minimumCalls + minimumReads, 1))
        results["token_requests"] = tokens
        results["answered_429"] = ebay.rateLimitedCount - limitedBefore
        results["sandbox_rate_limit_per_second"] = 50
        results["calls_by_operation"] = perOperation
        results["failed_products"] = report.failed
        results["seconds"] = listSeconds
        results["second_run_write_calls"] = secondWrites
        results["second_run_engine_calls"] = second.calls
        results["peak_rss_mb"] = Memory.peakMB ?? -1
        try results.write(root: root)
        await bench.shutdown()
    }
}
