import Foundation
import ShoppyShopCore
import Vapor

/// `shoppyshop serve`: the dashboard, workers and scheduler in one process.
struct ServeAllCommand: AsyncCommand {
    typealias Signature = ServeCommand.Signature

    var help: String {
        """
        Runs the web dashboard, background workers and the scheduler in one process \
        (default http://127.0.0.1:8080; HOST/PORT or --hostname/--port change it). \
        With no vendor credentials configured it runs against the built-in sandbox. \
        SQLite is migrated automatically. Stop with Ctrl-C or SIGTERM: running jobs finish or are released.
        """
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareDatabase()
        announceMode(app)
        await app.background.start(app, workers: true, scheduler: true)
        try await app.servers.asyncCommand.run(using: context, signature: signature)
    }

    private func announceMode(_ app: Application) {
        switch app.config.mode {
        case .sandbox:
            app.logger.notice("Sandbox mode: no vendor credentials configured; Shopify, eBay and Meta are the built-in sandbox with a demo store of \(app.config.sandbox.products) products")
        case .live:
            let live = [app.config.shopify.map { _ in "Shopify" }, app.config.ebay.map { _ in "eBay" }, app.config.meta.map { _ in "Meta" }]
                .compactMap { $0 }
            app.logger.notice("Live mode: \(live.joined(separator: ", ")) configured")
        }
    }
}
