import Foundation
import ShoppyShopCore
import Vapor

/// `reconcile [--dry-run] [--json]`: eBay's live quantities and prices against ours.
struct ReconcileCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "dry-run", help: "Report the drift; repair nothing.")
        var dryRun: Bool
        @Flag(name: "json", help: "Print the report as JSON.")
        var json: Bool
        init() {}
    }

    var help: String {
        "Reads eBay's live quantities (every SKU) and prices (a slice per run) and compares them with what ShoppyShop sent; repairs drift, including hand edits on eBay, as each product's rules say (drift: ours | theirs | report). Nothing is locked meanwhile."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await SyncCommandSupport.prepare(app)
        do {
            let report = try await app.shoppyShop.reconcile(dryRun: signature.dryRun, trigger: "cli")
            if signature.json {
                try SyncCommandSupport.printJSON(context, report)
            } else {
                for drift in report.drift {
                    context.console.print("  \(drift.field.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(drift.sku)  eBay \(drift.ebay)  ours \(drift.ours)  → \(drift.action) (rule \(drift.rule))")
                }
                context.console.print(report.description)
            }
        } catch {
            throw SyncCommandSupport.failure(error)
        }
    }
}
