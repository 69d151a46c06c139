import FluentKit
import Foundation
import IntegrationKit

/// Writes the audit log: one row per remote write and target (a SKU, a group, an order),
/// with the vendor's request id, the HTTP status and the vendor's own error text.
public struct AuditRecorder: Sendable {
    public let database: any Database
    public let jobID: UUID?

    public init(database: any Database, jobID: UUID? = nil) {
        self.database = database
        self.jobID = jobID
    }

    public struct Entry: Sendable {
        public var service: String
        public var operation: String
        public var target: String
        public var outcome: AuditEntry.Outcome
        public var status: Int?
        public var error: String?
        public var summary: String?
        public var requestID: String?

        public init(service: String, operation: String, target: String, outcome: AuditEntry.Outcome, status: Int? = nil,
                    error: String? = nil, summary: String? = nil, requestID: String? = nil) {
            self.service = service
            self.operation = operation
            self.target = target
            self.outcome = outcome
            self.status = status
            self.error = error
            self.summary = summary
            self.requestID = requestID
        }
    }

    public func record(_ entries: [Entry]) async throws {
        guard !entries.isEmpty else { return }
        let rows = entries.map { entry in
            AuditEntry(service: entry.service, operation: entry.operation, target: String(entry.target.prefix(200)), outcome: entry.outcome,
                       statusCode: entry.status, error: entry.error.map { String($0.prefix(2_000)) },
                       requestSummary: entry.summary.map { String($0.prefix(500)) }, jobID: jobID, requestID: entry.requestID)
        }
        for chunk in stride(from: 0, to: rows.count, by: 200) {
            try await rows[chunk..<min(chunk + 200, rows.count)].create(on: database)
        }
    }

    /// Runs `body` collecting its calls; returns the body's result and the last call made
    /// (a bulk operation is one call, so its items share that call's request id).
    public static func collecting<T: Sendable>(_ body: () async throws -> T) async -> (Result<T, any Error>, CallLog.Call?) {
        let log = CallLog()
        let result: Result<T, any Error>
        do {
            result = .success(try await CallLog.$current.withValue(log) { try await body() })
        } catch {
            result = .failure(error)
        }
        return (result, log.calls.last)
    }
}
