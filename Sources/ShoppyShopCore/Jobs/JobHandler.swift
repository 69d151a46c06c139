import FluentKit
import Logging

/// Runs one kind of job. Handlers must be idempotent: a job may run again after a crash.
public protocol JobHandler: Sendable {
    var kind: String { get }
    func run(_ job: ClaimedJob, context: JobContext) async throws
}

/// What a running job may use.
public struct JobContext: Sendable {
    public var database: any Database
    public var queue: JobQueue
    public var logger: Logger
}

/// A handler from a closure, for small jobs.
public struct ClosureJobHandler: JobHandler {
    public let kind: String
    let body: @Sendable (ClaimedJob, JobContext) async throws -> Void

    public init(kind: String, _ body: @escaping @Sendable (ClaimedJob, JobContext) async throws -> Void) {
        self.kind = kind
        self.body = body
    }

    public func run(_ job: ClaimedJob, context: JobContext) async throws {
        try await body(job, context)
    }
}
