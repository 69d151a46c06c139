import Foundation
import IntegrationKit

/// Why a Meta call failed, typed so callers decide without string matching.
public enum MetaAPIError: Error, Sendable, CustomStringConvertible {
    /// Code 190 (or 102): the token is expired, revoked or invalid. Stop the sync, tell the
    /// merchant, do not retry: every further call would fail the same way.
    case invalidToken(MetaGraphError)
    /// Still throttled after pausing as long as we allow in-line; `retryAfter` is Meta's own
    /// estimate when it sent one, so a job can be rescheduled rather than hold a worker.
    case throttled(MetaGraphError, retryAfter: Duration?)
    /// Any other Graph error (e.g. 100 invalid parameter / nonexisting field).
    case graph(MetaGraphError, status: Int)
    /// A non-2xx answer without Meta's envelope, a timeout or a connection failure.
    case transport(IntegrationError)
    /// A 2xx answer we could not read.
    case decoding(operation: String, String)

    public var description: String {
        switch self {
        case .invalidToken(let error):
            "Meta access token expired or revoked; issue a new token (META_ACCESS_TOKEN). \(error)"
        case .throttled(let error, let retryAfter):
            "Meta is throttling us\(retryAfter.map { " for about \($0)" } ?? ""). \(error)"
        case .graph(let error, let status):
            "HTTP \(status): \(error)"
        case .transport(let error):
            error.description
        case .decoding(let operation, let detail):
            "unreadable Meta answer to \(operation): \(detail)"
        }
    }

    /// Whether trying later may succeed.
    public var isTransient: Bool {
        switch self {
        case .throttled: true
        case .transport(let error): error.isTransient
        case .invalidToken, .graph, .decoding: false
        }
    }
}
