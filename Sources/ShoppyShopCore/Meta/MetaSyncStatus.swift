import FluentKit
import Foundation

/// What the dashboard shows about Meta, kept in `sync_cursors` rows: the last day synced
/// (where the next run resumes, minus the restated days) and the token's state. A token
/// Meta refused (code 190) stays flagged until a sync succeeds with a new one.
public enum MetaSyncStatus {
    public static let lastDayStream = "meta.insights.last_day"
    public static let tokenStream = "meta.token"
    public static let tokenProblemPrefix = "token expired or revoked: "

    public static func lastSyncedDay(on database: any Database) async throws -> String? {
        try await value(lastDayStream, on: database)
    }

    /// The message to show when the token was refused, or nil when it is fine.
    public static func tokenProblem(on database: any Database) async throws -> String? {
        guard let value = try await value(tokenStream, on: database), value.hasPrefix(tokenProblemPrefix) else { return nil }
        return value
    }

    public static func recordTokenProblem(_ message: String, on database: any Database) async throws {
        try await set(tokenStream, to: tokenProblemPrefix + message, on: database)
    }

    public static func recordSuccess(lastDay: String, on database: any Database) async throws {
        try await set(lastDayStream, to: lastDay, on: database)
        try await set(tokenStream, to: "ok", on: database)
    }

    static func value(_ stream: String, on database: any Database) async throws -> String? {
        try await SyncCursor.query(on: database).filter(\.$stream == stream).first()?.value
    }

    static func set(_ stream: String, to value: String, on database: any Database) async throws {
        if let row = try await SyncCursor.query(on: database).filter(\.$stream == stream).first() {
            row.value = value
            try await row.save(on: database)
        } else {
            try await SyncCursor(stream: stream, value: value).create(on: database)
        }
    }
}
