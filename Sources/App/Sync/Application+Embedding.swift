import Foundation
import Sandbox
import Vapor

// For programs that embed the app (the benchmarks): what `serve` does, step by step.
extension Application {
    /// The database as `serve` prepares it (SQLite: WAL, migrations).
    public func prepareForBench() async throws {
        try await prepareDatabase()
    }

    /// Starts the built-in stand-ins with `configuration` in this process.
    @discardableResult
    public func runSandbox(_ configuration: SandboxConfiguration) async throws -> SandboxHost {
        try await startSandbox(configuration)
    }

    /// Sends every vendor call of this process to stand-ins running elsewhere.
    public func useSandbox(at url: URL) {
        useExternalSandbox(url)
    }

    /// Background workers (and, if asked, the scheduler), as `serve` runs them.
    public func startBackgroundWork(scheduler: Bool = false) async {
        await background.start(self, workers: true, scheduler: scheduler)
    }
}
