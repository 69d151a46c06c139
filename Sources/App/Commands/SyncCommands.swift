import Foundation
import MetaAPI
import ShoppyShopCore
import Vapor

/// `shoppyshop sync …`: run a flow now, in this process, through the same engine calls the
/// scheduled jobs make.
struct SyncCommands: AsyncCommandGroup {
    var help: String { "Runs a sync now: catalog | listings | stock | orders | insights" }

    var commands: [String: any AnyAsyncCommand] {
        ["catalog": SyncCatalogCommand(), "listings": SyncListingsCommand(), "stock": SyncStockCommand(), "orders": SyncOrdersCommand(), "insights": Insights()]
    }

    /// `sync insights [--days N]`: Meta campaign insights and catalog statistics.
    struct Insights: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "days", short: "d", help: "Read the last N days (default: resume from the last synced day, re-reading the days Meta restates; 30 on a first run).")
            var days: Int?
            init() {}
        }

        var help: String { "Pulls Meta campaign insights and catalog statistics (GET only) and stores them. Example: sync insights --days 30" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            if let days = signature.days, !(1...1_095).contains(days) {
                // Meta keeps insights for 37 months.
                throw CommandFailure(code: 64, description: "--days must be between 1 and 1095")
            }
            try await app.prepareDatabase()
            try await app.startSandboxIfNeeded()
            if app.config.mode == .sandbox {
                let seeded = try await app.seedShopifyMirrorFromSandboxIfEmpty()
                if seeded > 0 { context.console.print("Seeded the empty Shopify mirror with \(seeded) demo products so catalog items can be matched.") }
            }
            let sync = MetaInsightsSync(client: try app.metaClient(), database: app.db)
            do {
                let report = try await MetaInsightsSyncJob.sync(sync, days: signature.days)
                context.console.print(report.description)
            } catch let error as PermanentJobError {
                throw CommandFailure(code: 1, description: error.description)
            }
            if let host = app.sandboxHost {
                let meta = await host.status().requests(for: .meta)
                context.console.print("Sandbox Meta requests by method: \(meta.byMethod.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
            }
        }
    }
}
