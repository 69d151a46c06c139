@preconcurrency import Dispatch
import Foundation
import NIOCore
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
        try await app.prepareDatabase()
        await app.background.start(app, workers: true, scheduler: false)
        app.running = .start(using: waitForSignal(app))
    }

    /// A promise fulfilled by SIGTERM or SIGINT; `Application.execute` waits on it, then the
    /// app shuts down and the lifecycle drains the workers.
    private func waitForSignal(_ app: Application) -> EventLoopPromise<Void> {
        let promise = app.eventLoopGroup.next().makePromise(of: Void.self)
        let queue = DispatchQueue(label: "shoppyshop.worker.signals")
        let sources = [SIGTERM, SIGINT].map { code -> any DispatchSourceSignal in
            signal(code, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: code, queue: queue)
            source.setEventHandler {
                app.logger.notice("signal received: stopping workers")
                promise.succeed(())
            }
            source.resume()
            return source
        }
        promise.futureResult.whenComplete { _ in sources.forEach { $0.cancel() } }
        return promise
    }
}
