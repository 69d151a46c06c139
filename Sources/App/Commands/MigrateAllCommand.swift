import Fluent
import Foundation
import ShoppyShopCore
import Vapor

/// `shoppyshop migrate`: applies pending migrations (or reverts them), listing them first.
struct MigrateAllCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "revert", help: "Revert every applied migration (drops the tables and their data).")
        var revert: Bool

        @Flag(name: "yes", short: "y", help: "Do not ask for confirmation (scripts, CI).")
        var yes: Bool

        init() {}
    }

    var help: String {
        "Creates or updates the database tables (SQLite file or DATABASE_URL). `serve` does this by itself on SQLite; on PostgreSQL run it once per upgrade."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let migrator = context.application.migrator
        try await migrator.setupIfNeeded().get()
        let pending: [(any Migration, DatabaseID?)] = signature.revert
            ? try await migrator.previewRevertAllBatches().get()
            : try await migrator.previewPrepareBatch().get()
        guard !pending.isEmpty else {
            context.console.print(signature.revert ? "Nothing to revert." : "The database is up to date.")
            return
        }
        context.console.print(signature.revert ? "Will revert:" : "Will apply:")
        for (migration, _) in pending { context.console.print("  - \(migration.name)") }
        guard signature.yes || context.console.confirm("Continue?") else {
            context.console.print("Nothing changed.")
            return
        }
        if signature.revert {
            try await migrator.revertAllBatches().get()
        } else {
            try await migrator.prepareBatch().get()
        }
        context.console.success("Done: \(pending.count) migration(s) \(signature.revert ? "reverted" : "applied").")
    }
}
