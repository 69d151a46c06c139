import Foundation
import Logging

/// The one way vendor clients talk HTTP: rate limiter → transport → retry policy, with request
/// ids, redacted logs and metrics on every attempt.
///
/// `send` returns only 2xx responses. Any other final status throws
/// `IntegrationError.httpStatus` carrying the full body, so vendor clients can decode their
/// own error envelopes (eBay's `errors[]`, Meta's `error`).
public final class IntegrationClient: Sendable {
    /// Label for logs and metrics: `shopify`, `ebay`, `meta`.
    public let service: String
    public let transport: any HTTPTransport
    public let retryPolicy: RetryPolicy
    public let rateLimiter: any RateLimiter
    public let redactor: Redactor
    public let logger: Logger
    public let metrics: IntegrationMetrics
    /// Used when a request sets no timeout of its own.
    public let defaultTimeout: Duration
    /// Added to every request unless the request sets them (e.g. `User-Agent`).
    public let defaultHeaders: HTTPHeaderFields
    /// If set, our request id is sent under this header name (for the sandbox or a proxy).
    public let requestIDHeader: String?
    /// Response headers holding the vendor's own request id, logged to match support tickets.
    public let vendorRequestIDHeaders: [String]
    private let sleep: @Sendable (Duration) async throws -> Void

    public init(
        service: String,
        transport: any HTTPTransport = AsyncHTTPClientTransport(),
        retryPolicy: RetryPolicy = .standard,
        rateLimiter: any RateLimiter = UnlimitedRateLimiter(),
        redactor: Redactor = Redactor(),
        logger: Logger? = nil,
        metrics: IntegrationMetrics = IntegrationMetrics(),
        defaultTimeout: Duration = .seconds(30),
        defaultHeaders: HTTPHeaderFields = [:],
        requestIDHeader: String? = nil,
        vendorRequestIDHeaders: [String] = ["X-Request-Id"],
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.service = service
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.rateLimiter = rateLimiter
        self.redactor = redactor
        self.logger = logger ?? Logger(label: "shoppyshop.integration.\(service)")
        self.metrics = metrics
        self.defaultTimeout = defaultTimeout
        self.defaultHeaders = defaultHeaders
        self.requestIDHeader = requestIDHeader
        self.vendorRequestIDHeaders = vendorRequestIDHeaders
        self.sleep = sleep
    }

    /// Sends `request`, retrying as the policy allows, and returns the 2xx response.
    ///
    /// - Throws: `IntegrationError`, or `CancellationError` if the task is cancelled.
    public func send(_ request: OutboundRequest) async throws -> OutboundResponse {
        let requestID = requestIDHeader.flatMap { request.headers[$0] } ?? UUID().uuidString.lowercased()
        let prepared = prepare(request, requestID: requestID)
        let summary = RequestSummary(
            service: service,
            method: request.method.rawValue,
            url: redactor.redact(url: request.url),
            requestID: requestID
        )
        var logger = self.logger
        logger[metadataKey: "request_id"] = "\(requestID)"
        logger[metadataKey: "service"] = "\(service)"
        if let operation = request.operation {
            logger[metadataKey: "operation"] = "\(operation)"
        }
        let timeout = request.timeout ?? defaultTimeout

        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            try await rateLimiter.acquire(cost: request.cost)

            let started = ContinuousClock.now
            let outcome: AttemptOutcome
            do {
                outcome = .response(try await transport.execute(prepared, timeout: timeout))
            } catch let error as TransportError {
                outcome = .failure(error)
            } catch {
                if error is CancellationError || Task.isCancelled {
                    await rateLimiter.record(.noResponse)
                    throw CancellationError()
                }
                // A transport that throws its own error types: treat as a failed connection.
                outcome = .failure(.connection(String(describing: error)))
            }
            let elapsed = started.duration(to: .now)

            switch outcome {
            case .response(let response): await rateLimiter.record(.response(response))
            case .failure: await rateLimiter.record(.noResponse)
            }
            metrics.recordAttempt(service: service, outcome: outcome.metricLabel, duration: elapsed)
            let attemptLogger = Self.logger(logger, attempt: attempt, outcome: outcome, elapsed: elapsed, vendorIDHeaders: vendorRequestIDHeaders)

            if case .response(let response) = outcome, response.isSuccess {
                attemptLogger.debug("\(summary.method) \(summary.url) -> \(response.status)")
                log(request, outcome: outcome, requestID: requestID, attempts: attempt)
                return response
            }

            let decision = retryPolicy.decision(after: outcome, attempt: attempt, isIdempotent: request.isIdempotent)
            switch decision {
            case .retry(let delay, let reason):
                metrics.recordRetry(service: service, reason: reason)
                attemptLogger.notice(
                    "\(summary.method) \(summary.url) -> \(Self.describe(outcome)); retrying",
                    metadata: ["retry_in_ms": "\(Self.milliseconds(delay))", "retry_reason": "\(reason)"]
                )
                try await sleep(delay)
            case .stop(let reason):
                let error = failure(for: outcome, summary: summary, attempt: attempt, stopReason: reason)
                attemptLogger.warning("\(summary.method) \(summary.url) -> \(Self.describe(outcome)); giving up", metadata: ["error": "\(error)"])
                log(request, outcome: outcome, requestID: requestID, attempts: attempt)
                throw error
            }
        }
    }

    /// One entry in the task's `CallLog`, if a caller is collecting.
    private func log(_ request: OutboundRequest, outcome: AttemptOutcome, requestID: String, attempts: Int) {
        guard let log = CallLog.current else { return }
        var status: Int?
        var id = requestID
        if case .response(let response) = outcome {
            status = response.status
            if let vendorID = vendorRequestIDHeaders.lazy.compactMap({ response.headers[$0] }).first { id = vendorID }
        }
        log.append(CallLog.Call(
            service: service, operation: request.operation, method: request.method.rawValue,
            path: request.url.path, status: status, requestID: id, attempts: attempts))
    }

    private func prepare(_ request: OutboundRequest, requestID: String) -> OutboundRequest {
        var prepared = request
        for field in defaultHeaders where !prepared.headers.contains(field.name) {
            prepared.headers.add(name: field.name, value: field.value)
        }
        if let requestIDHeader, !prepared.headers.contains(requestIDHeader) {
            prepared.headers.add(name: requestIDHeader, value: requestID)
        }
        return prepared
    }

    private func failure(for outcome: AttemptOutcome, summary: RequestSummary, attempt: Int, stopReason: RetryDecision.StopReason) -> IntegrationError {
        let error: IntegrationError
        switch outcome {
        case .response(let response):
            error = .httpStatus(HTTPStatusFailure(
                request: summary,
                status: response.status,
                headers: response.headers,
                body: response.body,
                bodySnippet: redactor.snippet(of: response.body),
                retryAfter: response.retryAfter()
            ))
        case .failure(.timeout(let after)):
            error = .timeout(summary, after: after)
        case .failure(let transportError):
            error = .transport(summary, Self.redacted(transportError, by: redactor))
        }
        if case .attemptsExhausted = stopReason, attempt > 1 {
            return .retriesExhausted(attempts: attempt, last: error)
        }
        return error
    }

    private static func redacted(_ error: TransportError, by redactor: Redactor) -> TransportError {
        switch error {
        case .connection(let message): .connection(redactor.redact(message))
        case .invalidRequest(let message): .invalidRequest(redactor.redact(message))
        default: error
        }
    }

    private static func logger(_ base: Logger, attempt: Int, outcome: AttemptOutcome, elapsed: Duration, vendorIDHeaders: [String]) -> Logger {
        var logger = base
        logger[metadataKey: "attempt"] = "\(attempt)"
        logger[metadataKey: "duration_ms"] = "\(milliseconds(elapsed))"
        logger[metadataKey: "outcome"] = "\(outcome.metricLabel)"
        if case .response(let response) = outcome {
            logger[metadataKey: "status"] = "\(response.status)"
            if let vendorID = vendorIDHeaders.lazy.compactMap({ response.headers[$0] }).first {
                logger[metadataKey: "vendor_request_id"] = "\(vendorID)"
            }
        }
        return logger
    }

    private static func describe(_ outcome: AttemptOutcome) -> String {
        switch outcome {
        case .response(let response): "\(response.status)"
        case .failure(let error): "\(error)"
        }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        RetryPolicy.nanoseconds(duration) / 1_000_000
    }
}
