import FluentKit
import Foundation

/// A row of the durable job queue (`jobs`): kind, payload, unique key, run-after,
/// attempts, lease and last error. See `JobQueue` for the state machine.
public final class JobRecord: Model, @unchecked Sendable {
    public static let schema = "jobs"

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    /// JSON text, decoded by the job's handler.
    @Field(key: "payload") public var payload: String
    @OptionalField(key: "unique_key") public var uniqueKey: String?
    @Field(key: "state") public var state: JobState
    @Field(key: "priority") public var priority: Int
    @Field(key: "run_after") public var runAfter: Date
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "max_attempts") public var maxAttempts: Int
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    @OptionalField(key: "locked_by") public var lockedBy: String?
    @OptionalField(key: "last_error") public var lastError: String?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date
    @OptionalField(key: "finished_at") public var finishedAt: Date?
    /// Set when work for a `.coalesce` key arrived while the job ran: it runs once more.
    @Field(key: "rerun") public var rerun: Bool

    public init() {}
}

public enum JobState: String, Codable, Sendable, CaseIterable {
    /// Waiting for `run_after`.
    case pending
    /// Claimed by a worker until `locked_until`; an expired lease makes it claimable again.
    case running
    /// Failed, waiting for its backoff to pass before another attempt.
    case retrying
    case succeeded
    /// Failed `max_attempts` times; keeps its last error until retried by hand.
    case dead
    case cancelled

    public var isFinished: Bool { self == .succeeded || self == .dead || self == .cancelled }
}
