import App
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import ShoppyShopCore
import Vapor

/// The database the suites run on: a fresh in-memory SQLite per test, or the PostgreSQL of
/// `DATABASE_URL` (as CI sets it). PostgreSQL is one shared database, so tests that use it
/// take turns through `TestDatabase.lock`.
public enum TestDatabase {
    public static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty else { return nil }
        return url
    }

    public static var isPostgres: Bool { postgresURL != nil }

    public static var name: String { isPostgres ? "PostgreSQL" : "SQLite" }

    static let lock = AsyncLock()

    /// Runs `body` with an application whose database is migrated from scratch. `setup`
    /// wires the application (by default: the test database and the migrations).
    public static func withApp(
        setup: (Application) async throws -> Void = { app in
            try use(app)
            app.migrations.add(Migrations.all)
        },
        _ body: (Application) async throws -> Void
    ) async throws {
        try await withExclusiveAccess {
            let app = try await Application.make(.testing)
            do {
                try await setup(app)
                // As `serve` runs SQLite: readers do not wait for the writer.
                if !isPostgres { try await app.useWriteAheadLog() }
                try await app.autoRevert()
                try await app.autoMigrate()
                try await body(app)
                try await app.autoRevert()
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }
    }

    /// Runs `body` on a migrated database.
    public static func withDatabase(_ body: (any Database) async throws -> Void) async throws {
        try await withApp { app in try await body(app.db) }
    }

    public static func use(_ app: Application, id: DatabaseID? = nil) throws {
        if let url = postgresURL {
            app.databases.use(try .postgres(url: url), as: id ?? .psql)
        } else {
            app.useSQLite(.memory, as: id ?? .sqlite)
        }
    }

    /// Serialises tests on the shared PostgreSQL database; SQLite tests run in parallel.
    public static func withExclusiveAccess(_ body: () async throws -> Void) async throws {
        guard isPostgres else { return try await body() }
        await lock.lock()
        do {
            try await body()
        } catch {
            await lock.unlock()
            throw error
        }
        await lock.unlock()
    }
}

/// A FIFO async mutex (an actor alone is re-entrant across `await`).
actor AsyncLock {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        if !locked {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func unlock() {
        if waiters.isEmpty {
            locked = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
