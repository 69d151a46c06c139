import Foundation

/// What to enqueue: a kind, a JSON payload and how to keep it unique.
public struct JobSpec: Sendable {
    public enum Uniqueness: Sendable {
        /// One row per key, ever: periodic runs, whose key holds the period.
        case forever
        /// One active row per key; a finished row with the key is reused for the new work.
        case whileActive
        /// Like `whileActive`, but work arriving while the job runs makes it run once more
        /// when it finishes: no change is missed, and runs of one key never overlap (the
        /// stock push relies on this so an older quantity never overtakes a newer one).
        case coalesce
    }

    public var kind: String
    public var payload: String
    public var uniqueKey: String?
    public var uniqueness: Uniqueness
    public var runAfter: Date?
    public var priority: Int
    public var maxAttempts: Int?

    public init<P: Encodable>(
        kind: String, payload: P, uniqueKey: String? = nil, uniqueness: Uniqueness = .whileActive,
        runAfter: Date? = nil, priority: Int = 0, maxAttempts: Int? = nil
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        self.init(
            kind: kind, rawPayload: String(decoding: try encoder.encode(payload), as: UTF8.self),
            uniqueKey: uniqueKey, uniqueness: uniqueness, runAfter: runAfter, priority: priority, maxAttempts: maxAttempts)
    }

    public init(
        kind: String, rawPayload: String = "{}", uniqueKey: String? = nil, uniqueness: Uniqueness = .whileActive,
        runAfter: Date? = nil, priority: Int = 0, maxAttempts: Int? = nil
    ) {
        self.kind = kind
        self.payload = rawPayload
        self.uniqueKey = uniqueKey
        self.uniqueness = uniqueness
        self.runAfter = runAfter
        self.priority = priority
        self.maxAttempts = maxAttempts
    }
}

public enum EnqueueResult: Sendable, Equatable {
    case enqueued(UUID)
    /// A row with the same unique key already covers this work.
    case duplicate(UUID)

    public var id: UUID {
        switch self { case .enqueued(let id), .duplicate(let id): return id }
    }
}

/// A job claimed by a worker, with its lease.
public struct ClaimedJob: Sendable {
    public var id: UUID
    public var kind: String
    public var payload: String
    /// This attempt's number, from 1.
    public var attempt: Int
    public var maxAttempts: Int
    public var workerID: String

    public func decode<P: Decodable>(_ type: P.Type) throws -> P {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(payload.utf8))
    }
}

/// Thrown by a handler for a failure no retry can fix (e.g. the vendor refused the input):
/// the job goes dead at once, keeping the message.
public struct PermanentJobError: Error, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { description = message }
}
