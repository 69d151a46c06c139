import Fluent
import Foundation
import ShoppyShopCore
import Vapor

/// `sync stock [--dry-run] [--json]`: push pending stock changes, and show propagation times.
struct SyncStockCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "dry-run", help: "Show the quantities that would be pushed; send nothing.")
        var dryRun: Bool
        @Flag(name: "json", help: "Print the report, with latency percentiles, as JSON.")
        var json: Bool
        @Flag(name: "all", help: "Recompute every listed SKU, not only those with pending changes.")
        var all: Bool
        init() {}
    }

    var help: String {
        "Pushes eBay quantities for pending stock changes (Shopify available − units sold on eBay not yet in Shopify − buffer, capped), as absolute values, 25 SKUs per call; prints the propagation latency (Shopify changed → eBay accepted) p50/p99."
    }

    struct Output: Encodable {
        var push: StockPush.Report?
        var wouldPush: [StockPush.Preview]?
        var latency: StockLatency.Report
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await SyncCommandSupport.prepare(app)
        if signature.all {
            let skus = try await EbayItem.query(on: app.db).filter(\.$offerID != nil).all(\.$sku)
            try await StockChanges.record(skus.map { StockChanges.News(sku: $0, reason: .rules) }, seenAt: Date(), on: app.db)
        }
        do {
            let (report, previews) = try await app.shoppyShop.pushStock(dryRun: signature.dryRun)
            let latency = try await StockLatency.report(on: app.db)
            if signature.json {
                try SyncCommandSupport.printJSON(context, Output(push: signature.dryRun ? nil : report, wouldPush: signature.dryRun ? previews : nil, latency: latency))
            } else {
                if signature.dryRun {
                    context.console.print(previews.isEmpty ? "Nothing to push: eBay has every pending quantity." : "Would push (dry run, nothing sent):")
                    for preview in previews { context.console.print("  \(preview.sku)  \(preview.from.map(String.init) ?? "?") → \(preview.to)") }
                } else {
                    context.console.print("Stock: \(report)")
                    for (sku, message) in report.failures.sorted(by: { $0.key < $1.key }) { context.console.print("  eBay refused \(sku): \(message)") }
                }
                context.console.print(latency.description)
            }
            if report.failed > 0 { throw CommandFailure(code: 1, description: "\(report.failed) SKUs were refused by eBay") }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw SyncCommandSupport.failure(error)
        }
    }
}
