import Foundation
import ShoppyShopCore
import Vapor

/// `sync orders [--since DATE] [--dry-run] [--json]`: the seed's `process_orders`, now.
struct SyncOrdersCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "since", help: "Read eBay orders modified since this date (e.g. 2026-12-01), instead of since the last poll.")
        var since: String?
        @Flag(name: "dry-run", help: "Show which eBay orders would be created in Shopify (and which are held, and why); change nothing.")
        var dryRun: Bool
        @Flag(name: "json", help: "Print the report as JSON.")
        var json: Bool
        init() {}
    }

    var help: String {
        "Reads eBay orders by last-modified time, creates each paid one in Shopify exactly once (tagged ebay-<order id>), carries cancellations and refunds both ways, and sends Shopify's tracking to eBay. Held orders say why; exits non-zero if anything failed."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        var since: Date?
        if let text = signature.since {
            let day = ISO8601DateFormatter()
            day.formatOptions = [.withFullDate]
            guard let date = ISO8601DateFormatter().date(from: text) ?? day.date(from: text) else {
                throw CommandFailure(code: 64, description: "--since \(text): write a date such as 2026-12-01 or 2026-12-01T08:00:00Z")
            }
            since = date
        }
        try await SyncCommandSupport.prepare(app)
        if try await ShopifyProduct.query(on: app.db).count() == 0 {
            context.console.print("The catalog mirror is empty: importing it from Shopify first (orders map to it by SKU).")
            _ = try await app.shoppyShop.syncCatalog(full: true, trigger: "cli")
        }
        let report: ShoppyShop.OrdersReport
        do {
            if signature.dryRun {
                // A dry run reads eBay into the mirror without moving the poll cursor, and writes nothing remote.
                _ = try await app.shoppyShop.pollOrdersForPreview(since: since)
            }
            report = try await app.shoppyShop.processOrders(poll: !signature.dryRun, since: since, dryRun: signature.dryRun, trigger: "cli")
        } catch {
            throw SyncCommandSupport.failure(error)
        }
        if signature.json {
            try SyncCommandSupport.printJSON(context, report)
        } else {
            if let imports = report.imports {
                for id in imports.wouldCreate { context.console.print("  would create  eBay order \(id)") }
                for (id, reason) in imports.holds.sorted(by: { $0.key < $1.key }) { context.console.print("  held   \(id): \(reason)") }
                for (id, message) in imports.failures.sorted(by: { $0.key < $1.key }) { context.console.print("  failed \(id): \(message)") }
            }
            for (id, message) in (report.cancellations?.needsAttention ?? [:]).sorted(by: { $0.key < $1.key }) {
                context.console.print("  needs attention \(id): \(message)")
            }
            for (id, message) in (report.shipments?.failures ?? [:]).sorted(by: { $0.key < $1.key }) { context.console.print("  tracking not sent \(id): \(message)") }
            context.console.print(report.dryRun ? "Dry run (nothing created): \(report)" : "Orders: \(report)")
        }
        let failed = (report.imports?.failed ?? 0) + (report.shipments?.failed ?? 0)
        if failed > 0 { throw CommandFailure(code: 1, description: "\(failed) orders or shipments failed") }
    }
}
