import FluentKit
import Foundation
import SQLiteNIO

extension Database {
    /// A transaction that SQLite may refuse at once ("database is locked") when two
    /// connections both read and then write: SQLite breaks that deadlock by failing one of
    /// them, without waiting. The loser is rolled back and run again after a short pause.
    /// On PostgreSQL (row locks, waits) it is a plain transaction.
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if inTransaction { return try await body(self) }
        var attempt = 0
        while true {
            do {
                return try await transaction(body)
            } catch where Self.isBusy(error) && attempt < 50 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(2 * min(attempt, 20) + Int.random(in: 0...5)))
            }
        }
    }

    static func isBusy(_ error: any Error) -> Bool {
        // In WAL mode (as `serve` runs) a transaction that read an older snapshot and then
        // writes gets `busyInSnapshot`, without the busy handler: only a fresh start helps.
        if let sqlite = error as? SQLiteError {
            return [.busy, .busyInSnapshot, .busyInRecovery, .busyTimeout, .locked, .lockedBySharedCache].contains(sqlite.reason)
        }
        return String(describing: error).contains("database is locked")
    }
}
