/// Sends one HTTP request and returns the complete response, whatever its status.
///
/// A transport does not retry, limit or log: `IntegrationClient` does. It reports failures
/// as `TransportError` so the retry policy can tell a timeout from a refused connection from
/// a request that could never have worked; any other error is treated as a connection failure.
public protocol HTTPTransport: Sendable {
    func execute(_ request: OutboundRequest, timeout: Duration) async throws -> OutboundResponse
}

/// Why a request got no HTTP response.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No complete response within the request's timeout.
    case timeout(after: Duration)
    /// Could not connect, or the connection failed mid-exchange. Transient.
    case connection(String)
    /// The request itself is unusable (bad URL, unsupported scheme, client shut down). Not transient.
    case invalidRequest(String)
    /// The body exceeded the transport's limit; the request worked but the answer was refused.
    case responseTooLarge(limit: Int)

    public var description: String {
        switch self {
        case .timeout(let after): "no response within \(after)"
        case .connection(let message): "connection failed: \(message)"
        case .invalidRequest(let message): "invalid request: \(message)"
        case .responseTooLarge(let limit): "response body larger than \(limit) bytes"
        }
    }
}
