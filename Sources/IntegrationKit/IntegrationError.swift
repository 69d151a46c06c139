import Foundation

/// What went wrong with a call to a vendor API. Descriptions are safe to log: URLs and body
/// snippets are redacted when the error is made.
public enum IntegrationError: Error, Sendable, CustomStringConvertible {
    /// No complete response in time.
    case timeout(RequestSummary, after: Duration)
    /// The connection could not be made or broke, or the request was unusable.
    case transport(RequestSummary, TransportError)
    /// The server answered with a non-2xx status (after any retries the policy allowed).
    case httpStatus(HTTPStatusFailure)
    /// Every attempt the policy allowed failed with a retryable error; `last` is the final one.
    indirect case retriesExhausted(attempts: Int, last: IntegrationError)

    public var description: String {
        switch self {
        case .timeout(let request, let after):
            "\(request): timed out after \(after)"
        case .transport(let request, let error):
            "\(request): \(error)"
        case .httpStatus(let failure):
            failure.description
        case .retriesExhausted(let attempts, let last):
            "gave up after \(attempts) attempts; last: \(last)"
        }
    }

    /// The HTTP failure, looking through `retriesExhausted`.
    public var httpFailure: HTTPStatusFailure? {
        switch self {
        case .httpStatus(let failure): failure
        case .retriesExhausted(_, let last): last.httpFailure
        default: nil
        }
    }

    /// The final HTTP status, if the server answered at all.
    public var status: Int? { httpFailure?.status }

    /// How long the server asked us to wait (429/503 `Retry-After`), for rescheduling a job.
    public var retryAfter: Duration? { httpFailure?.retryAfter }

    /// Whether trying the same call later might succeed (throttling, server or network trouble).
    public var isTransient: Bool {
        switch self {
        case .timeout: true
        case .transport(_, let error):
            if case .connection = error { true } else { false }
        case .httpStatus(let failure): failure.status == 429 || (500...599).contains(failure.status)
        case .retriesExhausted(_, let last): last.isTransient
        }
    }
}

/// Which call an error belongs to, in loggable form.
public struct RequestSummary: Sendable, Hashable, CustomStringConvertible {
    public var service: String
    public var method: String
    /// Already redacted.
    public var url: String
    public var requestID: String

    public init(service: String, method: String, url: String, requestID: String) {
        self.service = service
        self.method = method
        self.url = url
        self.requestID = requestID
    }

    public var description: String { "\(service) \(method) \(url) [request \(requestID)]" }
}

/// A non-2xx answer. Keeps the full body so vendor clients can decode their own error
/// envelopes; `description` shows only the redacted snippet.
public struct HTTPStatusFailure: Sendable, CustomStringConvertible {
    public var request: RequestSummary
    public var status: Int
    public var headers: HTTPHeaderFields
    /// The raw body: may hold anything the vendor echoed, so never log it directly.
    public var body: Data
    /// The first bytes of the body, redacted, for messages and logs.
    public var bodySnippet: String
    public var retryAfter: Duration?

    public init(request: RequestSummary, status: Int, headers: HTTPHeaderFields, body: Data, bodySnippet: String, retryAfter: Duration?) {
        self.request = request
        self.status = status
        self.headers = headers
        self.body = body
        self.bodySnippet = bodySnippet
        self.retryAfter = retryAfter
    }

    public var description: String {
        var text = "\(request): HTTP \(status)"
        if let retryAfter { text += " (retry after \(retryAfter))" }
        if !bodySnippet.isEmpty { text += ": \(bodySnippet)" }
        return text
    }
}
