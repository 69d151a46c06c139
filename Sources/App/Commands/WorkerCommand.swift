import Foundation
import ShoppyShopCore
import Vapor

/// `shoppyshop worker`: background workers only, no web server and no scheduler, so several
/// processes can share one PostgreSQL database.
struct WorkerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "concurrency", short: "c", help: "Jobs run at once by this process (default WORKER_CONCURRENCY, 2).")
        var concurrency: Int?

        init() {}
    }

    var help: String {
        "Runs background workers only (no web server, no scheduler). Start several against one PostgreSQL to scale out. Stops on SIGTERM/SIGINT: running jobs finish or are released."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if let concurrency = signature.concurrency {
            guard (1...64).contains(concurrency) else {
                throw CommandFailure(code: 64, description: "--concurrency must be between 1 and 64")
            }
            app.config.jobs.concurrency = concurrency
        }
        try app.ensureMasterKey()
        try await app.prepareDatabase()
        try await app.startSandboxIfNeeded()
        await app.background.start(app, workers: true, scheduler: false)
        app.runUntilSignalled()
    }
}
