import FluentKit
import Foundation

/// Records each flow's runs (`sync_runs`): the dashboard's "last run", the CLI's reports.
public enum SyncRuns {
    public static func begin(_ flow: String, trigger: String, on db: any Database, at time: Date = Date()) async throws -> SyncRun {
        let run = SyncRun(flow: flow, trigger: trigger, startedAt: time)
        try await run.create(on: db)
        return run
    }

    public static func finish(_ run: SyncRun, state: SyncRun.State, summary: String, report: (some Encodable)?, on db: any Database, at time: Date = Date()) async throws {
        run.state = state
        run.summary = String(summary.prefix(1_000))
        if let report {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            run.report = String(decoding: try encoder.encode(report), as: UTF8.self)
        }
        run.finishedAt = time
        try await run.save(on: db)
    }

    public static func fail(_ run: SyncRun, error: any Error, on db: any Database) async {
        run.state = .failed
        run.summary = String("\(error)".prefix(1_000))
        run.finishedAt = Date()
        try? await run.save(on: db)
    }

    public static func latest(_ flow: String, on db: any Database) async throws -> SyncRun? {
        try await SyncRun.query(on: db).filter(\.$flow == flow).sort(\.$startedAt, .descending).first()
    }
}
