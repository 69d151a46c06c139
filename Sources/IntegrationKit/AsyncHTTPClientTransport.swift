import AsyncHTTPClient
import Foundation

/// `HTTPTransport` over a shared AsyncHTTPClient `HTTPClient`.
///
/// The client is borrowed, not owned: the app creates one `HTTPClient` (or uses
/// `HTTPClient.shared`) for every vendor so connection pools are shared, and shuts it down.
public struct AsyncHTTPClientTransport: HTTPTransport {
    public let client: HTTPClient
    /// Bodies above this are refused rather than buffered. Shopify bulk-operation results are
    /// downloaded separately and streamed, so API answers stay far below it.
    public let maxResponseBytes: Int

    public init(client: HTTPClient = .shared, maxResponseBytes: Int = 32 * 1024 * 1024) {
        self.client = client
        self.maxResponseBytes = maxResponseBytes
    }

    public func execute(_ request: OutboundRequest, timeout: Duration) async throws -> OutboundResponse {
        // AHC's deadline bounds the exchange; a timer raced against it also bounds the body
        // download. The timer gets a short grace so that, when both would fire, AHC's own error
        // wins: a refused connection is retried by AHC's pool until the deadline and then
        // reported as the connection error it was, not as a bare timeout.
        try await withThrowingTaskGroup(of: OutboundResponse?.self) { group in
            group.addTask { try await self.perform(request, timeout: timeout) }
            group.addTask {
                try await Task.sleep(for: timeout + Self.timerGrace)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                throw TransportError.timeout(after: timeout)
            }
            return response
        }
    }

    static let timerGrace: Duration = .milliseconds(250)

    private func perform(_ request: OutboundRequest, timeout: Duration) async throws -> OutboundResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = .init(rawValue: request.method.rawValue)
        for field in request.headers {
            outgoing.headers.add(name: field.name, value: field.value)
        }
        if let body = request.body {
            outgoing.body = .bytes(body)
        }
        do {
            let response = try await client.execute(outgoing, timeout: .nanoseconds(RetryPolicy.nanoseconds(timeout)))
            var body = Data()
            for try await chunk in response.body {
                guard body.count + chunk.readableBytes <= maxResponseBytes else {
                    throw TransportError.responseTooLarge(limit: maxResponseBytes)
                }
                body.append(contentsOf: chunk.readableBytesView)
            }
            var headers = HTTPHeaderFields()
            for (name, value) in response.headers {
                headers.add(name: name, value: value)
            }
            return OutboundResponse(status: Int(response.status.code), headers: headers, body: body)
        } catch let error as TransportError {
            throw error
        } catch let error as HTTPClientError {
            throw Self.classify(error, timeout: timeout)
        } catch {
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
            // NIO connection errors (refused, reset, DNS) surface as their own types.
            throw TransportError.connection(String(describing: error))
        }
    }

    static func classify(_ error: HTTPClientError, timeout: Duration) -> any Error {
        switch error {
        case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout,
             .getConnectionFromPoolTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout:
            return TransportError.timeout(after: timeout)
        case .cancelled, .requestStreamCancelled:
            return Task.isCancelled ? CancellationError() : TransportError.connection(String(describing: error))
        case .invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown, .missingSocketPath,
             .traceRequestWithBody, .invalidRedirectConfiguration:
            return TransportError.invalidRequest(String(describing: error))
        default:
            return TransportError.connection(String(describing: error))
        }
    }
}
