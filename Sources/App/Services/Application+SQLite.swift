import FluentSQLiteDriver
import NIOCore
import NIOPosix
import Vapor

extension Application {
    /// SQLite on a blocking-thread pool of its own, with room to spare.
    ///
    /// SQLiteNIO runs every statement on `threadPool`, and its busy handler waits for a lock
    /// without ever giving up, holding its thread. The default pool (one thread per core) is
    /// shared by the whole process: once every thread waits for a lock, the connection that
    /// holds the lock has no thread left to commit on, and everything stops (seen on 2 cores
    /// with the test suites in parallel). With a pool per application and more threads than
    /// connections (one per event loop), the holder always finds a thread.
    public func useSQLite(_ configuration: SQLiteConfiguration, as id: DatabaseID = .sqlite) {
        if threadPool === NIOSingletons.posixBlockingThreadPool {
            threadPool = NIOThreadPool(numberOfThreads: Self.sqliteThreads)
        }
        databases.use(.sqlite(configuration), as: id)
    }

    /// Write-ahead logging: readers no longer wait for the writer (webhook intake, the
    /// stock push and the dashboard share one file). Kept in the file once set.
    public func useWriteAheadLog() async throws {
        if let sql = db as? any SQLDatabase { try await sql.raw("PRAGMA journal_mode = WAL").run() }
    }

    /// Connections (one per event loop), plus spare for the holder, bcrypt and file reads.
    static var sqliteThreads: Int { System.coreCount + 4 }
}
