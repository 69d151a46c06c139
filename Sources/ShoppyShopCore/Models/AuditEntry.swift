import FluentKit
import Foundation

/// One remote write (to Shopify or eBay) and its outcome. Meta is read-only and never appears.
public final class AuditEntry: Model, @unchecked Sendable {
    public static let schema = "audit_log"

    public enum Outcome: String, Codable, Sendable {
        case succeeded
        case failed
        /// The call's result is unknown (timeout after sending): the job re-checks before retrying.
        case unknown
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "service") public var service: String
    @Field(key: "operation") public var operation: String
    /// What was written: a SKU, an order id, an offer id…
    @Field(key: "target") public var target: String
    @Field(key: "outcome") public var outcome: Outcome
    @OptionalField(key: "status_code") public var statusCode: Int?
    /// The vendor's own error text when it refused; never a secret.
    @OptionalField(key: "error") public var error: String?
    @OptionalField(key: "request_summary") public var requestSummary: String?
    @OptionalField(key: "job_id") public var jobID: UUID?
    /// The vendor's request id for the call (eBay `X-EBAY-C-REQUEST-ID`/`rlogid`, Shopify `X-Request-Id`), for support tickets.
    @OptionalField(key: "request_id") public var requestID: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(
        service: String, operation: String, target: String, outcome: Outcome, statusCode: Int? = nil,
        error: String? = nil, requestSummary: String? = nil, jobID: UUID? = nil, requestID: String? = nil
    ) {
        self.requestID = requestID
        self.service = service
        self.operation = operation
        self.target = target
        self.outcome = outcome
        self.statusCode = statusCode
        self.error = error
        self.requestSummary = requestSummary
        self.jobID = jobID
    }
}
