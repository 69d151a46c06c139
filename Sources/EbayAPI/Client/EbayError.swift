import Foundation
import IntegrationKit

/// A failed eBay call, keeping eBay's own error text.
public enum EbayError: Error, Sendable, CustomStringConvertible {
    /// eBay answered with its error envelope (`errors[]`).
    case api(operation: String, status: Int, errors: [EbayErrorDetail])
    /// Any other failure of the HTTP layer (timeouts, 5xx without envelope, exhausted retries).
    case integration(operation: String, IntegrationError)
    /// A 2xx whose body is not the contract's shape.
    case malformedResponse(operation: String, detail: String)
    /// eBay rejected the token and there is nothing to refresh it with.
    case unauthorized(operation: String, detail: String)
    /// Refused before sending: the request breaks a documented limit (e.g. > 25 bulk items).
    case invalidRequest(operation: String, detail: String)

    init(integration error: IntegrationError, operation: String) {
        if let failure = error.httpFailure,
           let envelope = try? JSONDecoder().decode(EbayErrorEnvelope.self, from: failure.body),
           let errors = envelope.errors, !errors.isEmpty {
            self = .api(operation: operation, status: failure.status, errors: errors)
        } else {
            self = .integration(operation: operation, error)
        }
    }

    public var status: Int? {
        switch self {
        case .api(_, let status, _): status
        case .integration(_, let error): error.status
        case .unauthorized: 401
        default: nil
        }
    }

    /// eBay's error ids, e.g. 25002.
    public var errorIDs: [Int] {
        if case .api(_, _, let errors) = self { return errors.map(\.errorId) }
        return []
    }

    /// Whether the same call may succeed later (429, 5xx, timeouts).
    public var isTransient: Bool {
        switch self {
        case .api(_, let status, _): status == 429 || (500...599).contains(status)
        case .integration(_, let error): error.isTransient
        default: false
        }
    }

    public var description: String {
        switch self {
        case .api(let operation, let status, let errors):
            "eBay \(operation) failed (HTTP \(status)): " + errors.map(\.description).joined(separator: "; ")
        case .integration(let operation, let error):
            "eBay \(operation) failed: \(error)"
        case .malformedResponse(let operation, let detail):
            "eBay \(operation) answered with an unexpected body: \(detail)"
        case .unauthorized(let operation, let detail):
            "eBay \(operation) unauthorized: \(detail)"
        case .invalidRequest(let operation, let detail):
            "eBay \(operation) not sent: \(detail)"
        }
    }
}
