import FluentKit
import Foundation
import SQLKit

/// The durable queue over the `jobs` table. Every transition filters on the worker that
/// holds the lease, so a worker that lost its lease (and whose job was reclaimed) changes
/// nothing.
public struct JobQueue: Sendable {
    public let database: any Database
    public let defaultMaxAttempts: Int
    public let backoff: Backoff
    public let now: @Sendable () -> Date
    /// Wakes this process's workers when a job is enqueued, so due work starts at once
    /// rather than at the next poll (the stock push's sub-second budget depends on it).
    public let wakeup: JobWakeup

    public init(
        database: any Database, defaultMaxAttempts: Int = 8, backoff: Backoff = Backoff(),
        now: @escaping @Sendable () -> Date = { Date() }, wakeup: JobWakeup = JobWakeup()
    ) {
        self.database = database
        self.defaultMaxAttempts = defaultMaxAttempts
        self.backoff = backoff
        self.now = now
        self.wakeup = wakeup
    }

    /// The same queue on another connection or transaction (e.g. to enqueue atomically with
    /// the write that makes the job necessary).
    public func on(_ database: any Database) -> JobQueue {
        JobQueue(database: database, defaultMaxAttempts: defaultMaxAttempts, backoff: backoff, now: now, wakeup: wakeup)
    }

    // MARK: Enqueue

    @discardableResult
    public func enqueue(_ spec: JobSpec) async throws -> EnqueueResult {
        let time = now()
        // The common case of a key already present is answered without a failing insert: on
        // PostgreSQL a constraint failure would abort an enclosing transaction.
        if let key = spec.uniqueKey, let known = try await existing(key, spec: spec, time: time) { return known }
        let row = JobRecord()
        row.id = UUID()
        row.kind = spec.kind
        row.payload = spec.payload
        row.uniqueKey = spec.uniqueKey
        row.state = .pending
        row.priority = spec.priority
        row.runAfter = spec.runAfter ?? time
        row.attempts = 0
        row.maxAttempts = spec.maxAttempts ?? defaultMaxAttempts
        row.createdAt = time
        row.updatedAt = time
        row.rerun = false
        do {
            try await row.create(on: database)
            if (spec.runAfter ?? time) <= time { wakeup.signal() }
            return .enqueued(row.id!)
        } catch where (error as? any DatabaseError)?.isConstraintFailure == true {
            // Another enqueuer inserted the key between our look and our insert.
            guard let key = spec.uniqueKey, let known = try await existing(key, spec: spec, time: time) else { throw error }
            return known
        }
    }

    /// What to do when a row with the key exists; nil when none does.
    private func existing(_ key: String, spec: JobSpec, time: Date) async throws -> EnqueueResult? {
        // A few rounds at most: each round sees the row in a later state.
        for _ in 0..<4 {
            guard let existing = try await JobRecord.query(on: database).filter(\.$uniqueKey == key).first(),
                  let existingID = existing.id
            else { return nil }
            if spec.uniqueness == .coalesce, existing.state == .running {
                // Conditional on still running: if it finished meanwhile, the next round reuses it.
                try await JobRecord.query(on: database)
                    .filter(\.$id == existingID).filter(\.$state == .running)
                    .set(\.$rerun, to: true).update()
                let now = try await JobRecord.find(existingID, on: database)
                if let now, now.state == .running || now.state == .pending { return .duplicate(existingID) }
                continue
            }
            guard spec.uniqueness != .forever, existing.state.isFinished else { return .duplicate(existingID) }
            if try await reuse(existingID, spec: spec, time: time) {
                if (spec.runAfter ?? time) <= time { wakeup.signal() }
                return .enqueued(existingID)
            }
        }
        return .duplicate(try await JobRecord.query(on: database).filter(\.$uniqueKey == key).first()?.requireID() ?? UUID())
    }

    /// Makes a finished row with the key pending again for new work; false if it changed meanwhile.
    private func reuse(_ existingID: UUID, spec: JobSpec, time: Date) async throws -> Bool {
        try await JobRecord.query(on: database)
                .filter(\.$id == existingID)
                .filter(\.$state ~~ [.succeeded, .dead, .cancelled])
                .set(\.$state, to: .pending)
                .set(\.$payload, to: spec.payload)
                .set(\.$runAfter, to: spec.runAfter ?? time)
                .set(\.$attempts, to: 0)
                .set(\.$maxAttempts, to: spec.maxAttempts ?? defaultMaxAttempts)
                .set(\.$lastError, to: nil)
                .set(\.$finishedAt, to: nil)
                .set(\.$rerun, to: false)
                .set(\.$updatedAt, to: time)
                .update()
        let row = try await JobRecord.find(existingID, on: database)
        return row?.state == .pending && row?.payload == spec.payload
    }

    // MARK: Claim

    /// Claims the most urgent due job of the given kinds in one atomic statement, or one whose
    /// lease expired (its worker died). `FOR UPDATE SKIP LOCKED` on PostgreSQL lets many
    /// workers claim concurrently; SQLite serialises writers, so the statement alone is atomic.
    /// - Parameter minimumPriority: only jobs of at least this priority (a worker's urgent lane).
    public func claim(kinds: [String], workerID: String, lease: TimeInterval, minimumPriority: Int? = nil) async throws -> ClaimedJob? {
        guard !kinds.isEmpty else { return nil }
        guard let sql = database as? any SQLDatabase else { throw QueueError.notSQL }
        let time = now()
        let skipLocked: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let kindList = SQLList(kinds.map { SQLBind($0) })
        let priorityFloor: SQLQueryString = minimumPriority.map { " AND \"priority\" >= \(bind: $0)" } ?? ""
        let query: SQLQueryString = """
            UPDATE \(ident: JobRecord.schema) SET
              "state" = \(bind: JobState.running.rawValue),
              "locked_until" = \(bind: time.addingTimeInterval(lease)),
              "locked_by" = \(bind: workerID),
              "attempts" = "attempts" + 1,
              "updated_at" = \(bind: time)
            WHERE "id" = (
              SELECT "id" FROM \(ident: JobRecord.schema)
              WHERE "kind" IN (\(kindList))\(priorityFloor) AND (
                ("state" IN (\(bind: JobState.pending.rawValue), \(bind: JobState.retrying.rawValue)) AND "run_after" <= \(bind: time))
                OR ("state" = \(bind: JobState.running.rawValue) AND "locked_until" < \(bind: time)))
              ORDER BY "priority" DESC, "run_after" ASC
              LIMIT 1\(skipLocked))
            RETURNING "id", "kind", "payload", "attempts", "max_attempts"
            """
        guard let row = try await sql.raw(query).first() else { return nil }
        let job = ClaimedJob(
            id: try row.decode(column: "id", as: UUID.self),
            kind: try row.decode(column: "kind", as: String.self),
            payload: try row.decode(column: "payload", as: String.self),
            attempt: try row.decode(column: "attempts", as: Int.self),
            maxAttempts: try row.decode(column: "max_attempts", as: Int.self),
            workerID: workerID)
        if job.attempt > job.maxAttempts {
            // Reclaimed after its lease expired on the last attempt: a worker died with it
            // every time, or it outlives its lease. Stop instead of looping.
            try await finish(job, state: .dead, error: "lease expired on attempt \(job.maxAttempts) of \(job.maxAttempts): the worker died or the job ran longer than JOB_LEASE_SECONDS")
            return nil
        }
        return job
    }

    // MARK: Transitions

    /// Succeeded, unless work for its coalesced key arrived meanwhile (`rerun`): then it is
    /// due again at once, with a fresh attempt budget. Two conditional updates on the same
    /// row: whichever of this and the enqueue's `rerun` update comes second sees the other's.
    public func complete(_ job: ClaimedJob) async throws {
        let time = now()
        try await held(job)
            .filter(\.$rerun == false)
            .set(\.$state, to: .succeeded)
            .set(\.$lastError, to: nil)
            .set(\.$lockedUntil, to: nil)
            .set(\.$lockedBy, to: nil)
            .set(\.$finishedAt, to: time)
            .set(\.$updatedAt, to: time)
            .update()
        guard try await held(job).count() == 1 else { return }
        try await held(job)
            .set(\.$state, to: .pending)
            .set(\.$rerun, to: false)
            .set(\.$attempts, to: 0)
            .set(\.$runAfter, to: time)
            .set(\.$lastError, to: nil)
            .set(\.$lockedUntil, to: nil)
            .set(\.$lockedBy, to: nil)
            .set(\.$updatedAt, to: time)
            .update()
        wakeup.signal()
    }

    /// Records a failure: back off and retry, or dead after the last attempt (or at once for
    /// a `PermanentJobError`). Returns the state the job is now in.
    @discardableResult
    public func fail(_ job: ClaimedJob, error: any Error, randomUnit: Double = Double.random(in: 0...1)) async throws -> JobState {
        let message = String(describing: error).prefix(4_000)
        if error is PermanentJobError || job.attempt >= job.maxAttempts {
            try await finish(job, state: .dead, error: String(message))
            return .dead
        }
        let time = now()
        let delay = backoff.delay(afterAttempt: job.attempt, unit: randomUnit)
        try await held(job)
            .set(\.$state, to: .retrying)
            .set(\.$runAfter, to: time.addingTimeInterval(delay))
            .set(\.$lastError, to: String(message))
            .set(\.$lockedUntil, to: nil)
            .set(\.$lockedBy, to: nil)
            .set(\.$updatedAt, to: time)
            .update()
        return .retrying
    }

    /// Gives a job back untouched (shutdown): the interrupted attempt does not count.
    public func release(_ job: ClaimedJob) async throws {
        try await held(job)
            .set(\.$state, to: .pending)
            .set(\.$attempts, to: job.attempt - 1)
            .set(\.$lockedUntil, to: nil)
            .set(\.$lockedBy, to: nil)
            .set(\.$updatedAt, to: now())
            .update()
    }

    /// Renews the lease; false when this worker no longer holds the job.
    @discardableResult
    public func extendLease(_ job: ClaimedJob, by lease: TimeInterval) async throws -> Bool {
        let time = now()
        try await held(job)
            .set(\.$lockedUntil, to: time.addingTimeInterval(lease))
            .set(\.$updatedAt, to: time)
            .update()
        return try await held(job).count() == 1
    }

    private func finish(_ job: ClaimedJob, state: JobState, error: String?) async throws {
        let time = now()
        try await held(job)
            .set(\.$state, to: state)
            .set(\.$lastError, to: error)
            .set(\.$lockedUntil, to: nil)
            .set(\.$lockedBy, to: nil)
            .set(\.$finishedAt, to: time)
            .set(\.$updatedAt, to: time)
            .update()
    }

    private func held(_ job: ClaimedJob) -> QueryBuilder<JobRecord> {
        JobRecord.query(on: database)
            .filter(\.$id == job.id)
            .filter(\.$state == .running)
            .filter(\.$lockedBy == job.workerID)
    }

    // MARK: Operator actions

    /// Makes a dead, cancelled or retrying job run again now with a fresh attempt budget.
    public func retry(id: UUID) async throws -> Bool {
        guard try await JobRecord.find(id, on: database) != nil else { throw QueueError.notFound(id) }
        let retriable: [JobState] = [.dead, .cancelled, .retrying, .pending]
        // One conditional update: a worker claiming the job meanwhile must not be overridden.
        try await JobRecord.query(on: database)
            .filter(\.$id == id)
            .filter(\.$state ~~ retriable)
            .set(\.$state, to: .pending)
            .set(\.$attempts, to: 0)
            .set(\.$runAfter, to: now())
            .set(\.$finishedAt, to: nil)
            .set(\.$updatedAt, to: now())
            .update()
        let row = try await JobRecord.find(id, on: database)
        return row?.state == .pending && row?.attempts == 0
    }

    /// Cancels a job that has not finished. A running job's worker keeps running it, but its
    /// completion will not overwrite the cancellation (transitions require the lease).
    public func cancel(id: UUID) async throws -> Bool {
        guard let row = try await JobRecord.find(id, on: database) else { throw QueueError.notFound(id) }
        guard !row.state.isFinished else { return false }
        try await JobRecord.query(on: database)
            .filter(\.$id == id)
            .filter(\.$state ~~ [.pending, .running, .retrying])
            .set(\.$state, to: .cancelled)
            .set(\.$lockedBy, to: nil)
            .set(\.$lockedUntil, to: nil)
            .set(\.$finishedAt, to: now())
            .set(\.$updatedAt, to: now())
            .update()
        return try await JobRecord.find(id, on: database)?.state == .cancelled
    }

    // MARK: Reading

    public func list(state: JobState? = nil, limit: Int = 50) async throws -> [JobRecord] {
        var query = JobRecord.query(on: database)
        if let state { query = query.filter(\.$state == state) }
        return try await query.sort(\.$updatedAt, .descending).limit(limit).all()
    }

    public func counts() async throws -> [JobState: Int] {
        var result: [JobState: Int] = [:]
        for state in JobState.allCases {
            result[state] = try await JobRecord.query(on: database).filter(\.$state == state).count()
        }
        return result
    }

    /// How long the oldest due job has been waiting; nil when none is due.
    public func oldestPendingAge() async throws -> TimeInterval? {
        let time = now()
        let oldest = try await JobRecord.query(on: database)
            .filter(\.$state ~~ [.pending, .retrying])
            .filter(\.$runAfter <= time)
            .sort(\.$runAfter, .ascending)
            .first()
        return oldest.map { max(0, time.timeIntervalSince($0.runAfter)) }
    }

    /// Deletes finished jobs older than the cutoff (dead ones are kept for the operator).
    public func prune(finishedBefore cutoff: Date) async throws {
        try await JobRecord.query(on: database)
            .filter(\.$state ~~ [.succeeded, .cancelled])
            .filter(\.$finishedAt < cutoff)
            .delete()
    }

    public enum QueueError: Error, CustomStringConvertible {
        case notSQL
        case notFound(UUID)

        public var description: String {
            switch self {
            case .notSQL: return "the job queue needs an SQL database (SQLite or PostgreSQL)"
            case .notFound(let id): return "no job with id \(id)"
            }
        }
    }
}
