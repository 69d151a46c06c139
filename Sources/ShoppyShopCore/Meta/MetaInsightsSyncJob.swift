import FluentKit
import Foundation
import MetaAPI

/// `meta.insights.sync`: runs `MetaInsightsSync`. A refused token (code 190) is recorded for
/// the dashboard and ends the job at once (`PermanentJobError`): retrying cannot help until
/// someone issues a new token, and hammering Meta with a dead token helps nobody.
public struct MetaInsightsSyncJob: JobHandler {
    public static let kind = "meta.insights.sync"

    public struct Payload: Codable, Sendable {
        /// Force the window to the last `days` days; nil resumes from the last synced day.
        public var days: Int?
        public init(days: Int? = nil) { self.days = days }
    }

    public var kind: String { Self.kind }
    let makeClient: @Sendable () async throws -> MetaClient
    let settings: MetaInsightsSync.Settings
    let now: @Sendable () -> Date

    public init(
        settings: MetaInsightsSync.Settings = .init(), now: @escaping @Sendable () -> Date = { Date() },
        makeClient: @escaping @Sendable () async throws -> MetaClient
    ) {
        self.makeClient = makeClient
        self.settings = settings
        self.now = now
    }

    public static func periodic(interval: Int) -> PeriodicJob {
        PeriodicJob(kind: kind, interval: interval)
    }

    /// A run asked for now (API, dashboard): one waiting run covers every request made meanwhile.
    public static func spec(days: Int? = nil) throws -> JobSpec {
        try JobSpec(kind: kind, payload: Payload(days: days), uniqueKey: kind, uniqueness: .whileActive)
    }

    public func run(_ job: ClaimedJob, context: JobContext) async throws {
        let payload = (try? job.decode(Payload.self)) ?? Payload()
        let report = try await Self.sync(
            MetaInsightsSync(client: try await makeClient(), database: context.database, settings: settings, now: now),
            days: payload.days)
        context.logger.info("meta insights synced", metadata: [
            "days_read": "\(report.campaignDaysRead)", "catalog_rows": "\(report.catalogRowsUpserted)",
            "requests": "\(report.requests)", "highest_usage": "\(report.highestUsagePercent ?? 0)",
        ])
    }

    /// The one path both the job and the command take: a token error is recorded and turned
    /// into a `PermanentJobError`; everything else propagates (throttling is transient and the
    /// queue's backoff retries it).
    public static func sync(_ sync: MetaInsightsSync, days: Int?) async throws -> MetaSyncReport {
        do {
            return try await sync.run(days: days)
        } catch MetaAPIError.invalidToken(let error) {
            try await MetaSyncStatus.recordTokenProblem("\(error.message) (code \(error.code)\(error.subcode.map { "/\($0)" } ?? ""))", on: sync.database)
            throw PermanentJobError(MetaAPIError.invalidToken(error).description)
        }
    }
}
