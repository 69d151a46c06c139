import Foundation
import ShoppyShopCore
import Vapor

/// `sync catalog [--full] [--json]`: the Shopify catalog into the local mirror.
struct SyncCatalogCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "full", help: "Import the whole catalog with a bulk operation (the default the first time), not only what changed.")
        var full: Bool
        @Flag(name: "json", help: "Print the report as JSON.")
        var json: Bool
        init() {}
    }

    var help: String {
        "Brings the local mirror of the Shopify catalog up to date: a streamed bulk import the first time (or with --full), then products changed since the last run. Products gone from Shopify are marked deleted, and their eBay listings end at the next listings run."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await SyncCommandSupport.prepare(app)
        let progress = SyncCommandSupport.Progress(context, title: "Importing the Shopify catalog", enabled: !signature.json)
        do {
            let report = try await app.shoppyShop.syncCatalog(full: signature.full, trigger: "cli") { done in
                progress.update(done: done, total: max(done, 1))
            }
            progress.finish()
            if signature.json { try SyncCommandSupport.printJSON(context, report) } else { context.console.print("Catalog \(report)") }
        } catch {
            progress.finish(ok: false)
            throw SyncCommandSupport.failure(error)
        }
    }
}
