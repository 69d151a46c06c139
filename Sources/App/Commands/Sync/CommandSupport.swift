import Foundation
import ShoppyShopCore
import Vapor

/// What every sync command does first, and how it reports.
enum SyncCommandSupport {
    /// The database migrated (SQLite) or checked (PostgreSQL), the key present, and in
    /// sandbox mode the stand-ins reachable (the running serve's, or this process's own).
    static func prepare(_ app: Application) async throws {
        try app.ensureMasterKey()
        try await app.prepareDatabase()
        try await ServiceHealthStore(database: app.db).clear(unless: app.tokenFingerprints)
        try await app.startSandboxIfNeeded()
    }

    static func printJSON(_ context: CommandContext, _ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        FileHandle.standardOutput.write(try encoder.encode(value))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Progress for long work, on a terminal only (a pipe or log gets the summary alone).
    final class Progress: @unchecked Sendable {
        private let bar: ActivityIndicator<ProgressBar>?
        private let lock = NSLock()

        init(_ context: CommandContext, title: String, enabled: Bool) {
            if enabled, isatty(STDOUT_FILENO) == 1 {
                bar = context.console.progressBar(title: title)
                bar?.start(refreshRate: 100)
            } else {
                bar = nil
            }
        }

        func update(done: Int, total: Int) {
            lock.withLock { bar?.activity.currentProgress = total > 0 ? min(1, Double(done) / Double(total)) : 1 }
        }

        func finish(ok: Bool = true) {
            lock.withLock { ok ? bar?.succeed() : bar?.fail() }
        }
    }

    /// An engine error as the merchant should read it, and the exit code.
    static func failure(_ error: any Error) -> CommandFailure {
        if let failure = error as? CommandFailure { return failure }
        return CommandFailure(code: 1, description: "\(error)")
    }
}
