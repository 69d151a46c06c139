import FluentKit
import Foundation

/// One run of a flow (catalog, listings, stock, reconcile, orders): when, why, how it ended,
/// its summary line and, for plans and reconciles, the JSON report the CLI and dashboard show.
public final class SyncRun: Model, @unchecked Sendable {
    public static let schema = "sync_runs"

    public enum State: String, Codable, Sendable {
        case running
        case succeeded
        /// Finished, but some items failed (their reasons are in the report).
        case partial
        case failed
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "flow") public var flow: String
    /// `schedule`, `cli`, `webhook`, `startup`, `dashboard`.
    @Field(key: "trigger") public var trigger: String
    @Field(key: "state") public var state: State
    @OptionalField(key: "summary") public var summary: String?
    @OptionalField(key: "report") public var report: String?
    @Field(key: "started_at") public var startedAt: Date
    @OptionalField(key: "finished_at") public var finishedAt: Date?

    public init() {}

    public init(flow: String, trigger: String, startedAt: Date) {
        self.flow = flow
        self.trigger = trigger
        self.state = .running
        self.startedAt = startedAt
    }
}
