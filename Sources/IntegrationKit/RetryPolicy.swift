import Foundation

/// When and how long to wait before sending a request again.
///
/// Retries happen only for signals that say "try later": 429 (the server did not process the
/// request, so even a non-idempotent one may be resent), 5xx, timeouts and connection failures
/// (these three only for requests marked idempotent, since the first attempt may have been
/// processed). Any other 4xx is the caller's mistake and is never retried.
public struct RetryPolicy: Sendable {
    /// Total attempts, the first included. 1 disables retries.
    public var maxAttempts: Int
    /// Backoff ceiling for the first retry; it doubles with each further retry.
    public var baseDelay: Duration
    /// Cap on the exponential ceiling (before jitter).
    public var maxDelay: Duration
    /// Longest `Retry-After` honoured in-line. Longer waits end the call with the server's
    /// `retryAfter` on the error, so a job can be rescheduled instead of holding a worker.
    public var maxRetryAfter: Duration
    public var jitter: Jitter

    public init(
        maxAttempts: Int = 4,
        baseDelay: Duration = .milliseconds(250),
        maxDelay: Duration = .seconds(20),
        maxRetryAfter: Duration = .seconds(60),
        jitter: Jitter = .random
    ) {
        precondition(maxAttempts >= 1, "maxAttempts counts the first attempt, so it is at least 1")
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.jitter = jitter
    }

    /// Four attempts, 250 ms base, 20 s cap, up to 60 s of `Retry-After`.
    public static let standard = RetryPolicy()
    /// A single attempt.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// "Full jitter" backoff: a uniform draw in `[0, min(maxDelay, baseDelay × 2^(retry−1)))`,
    /// where `retry` is 1 for the first retry. Spreads synchronized clients apart better than
    /// equal or no jitter (AWS Architecture Blog, "Exponential Backoff And Jitter").
    public func backoff(retry: Int) -> Duration {
        let ceiling = Self.nanoseconds(backoffCeiling(retry: retry))
        let fraction = min(max(jitter.fraction(), 0), 1)
        return .nanoseconds(Int64((Double(ceiling) * fraction).rounded(.down)))
    }

    /// The exponential ceiling before jitter: `min(maxDelay, baseDelay × 2^(retry−1))`.
    public func backoffCeiling(retry: Int) -> Duration {
        let base = Self.nanoseconds(baseDelay)
        let cap = Self.nanoseconds(maxDelay)
        var ceiling = base
        var step = 1
        while step < retry, ceiling < cap {
            let (doubled, overflow) = ceiling.multipliedReportingOverflow(by: 2)
            ceiling = overflow ? cap : doubled
            step += 1
        }
        return .nanoseconds(min(ceiling, cap))
    }

    /// Decides what follows attempt number `attempt` (1-based) that ended with `outcome`.
    public func decision(after outcome: AttemptOutcome, attempt: Int, isIdempotent: Bool, now: Date = Date()) -> RetryDecision {
        let reason: RetryReason
        var serverDelay: Duration?
        switch outcome {
        case .response(let response):
            switch response.status {
            case 429:
                reason = .rateLimited
            // 501 Not Implemented and 505 HTTP Version Not Supported will not change on a retry.
            case 500...599 where response.status != 501 && response.status != 505:
                guard isIdempotent else { return .stop(.notRetryable) }
                reason = .serverError(response.status)
            default:
                return .stop(.notRetryable)
            }
            serverDelay = response.retryAfter(now: now)
        case .failure(let failure):
            guard isIdempotent else { return .stop(.notRetryable) }
            switch failure {
            case .timeout: reason = .timeout
            case .connection: reason = .connection
            case .invalidRequest, .responseTooLarge: return .stop(.notRetryable)
            }
        }
        if let serverDelay, serverDelay > maxRetryAfter {
            return .stop(.retryAfterTooLong(serverDelay))
        }
        guard attempt < maxAttempts else { return .stop(.attemptsExhausted) }
        return .retry(after: serverDelay ?? backoff(retry: attempt), reason: reason)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return whole &+ attoseconds / 1_000_000_000
    }
}

/// The random source of the backoff jitter; fixed in tests so delays are exact.
public struct Jitter: Sendable {
    /// Returns a value in `[0, 1)`.
    public let fraction: @Sendable () -> Double

    public init(_ fraction: @escaping @Sendable () -> Double) {
        self.fraction = fraction
    }

    public static let random = Jitter { Double.random(in: 0..<1) }
    /// The same fraction every time (`1` means "the full exponential ceiling").
    public static func fixed(_ value: Double) -> Jitter { Jitter { value } }
}

/// How one attempt ended, as the retry policy sees it.
public enum AttemptOutcome: Sendable {
    case response(OutboundResponse)
    case failure(TransportError)
}

public enum RetryDecision: Sendable, Equatable {
    case retry(after: Duration, reason: RetryReason)
    case stop(StopReason)

    public enum StopReason: Sendable, Equatable {
        /// Success, a 4xx other than 429, or a non-idempotent request that may have been processed.
        case notRetryable
        case attemptsExhausted
        case retryAfterTooLong(Duration)
    }
}

public enum RetryReason: Sendable, Hashable, CustomStringConvertible {
    case rateLimited
    case serverError(Int)
    case timeout
    case connection

    /// Metric label value.
    public var label: String {
        switch self {
        case .rateLimited: "rate_limited"
        case .serverError: "server_error"
        case .timeout: "timeout"
        case .connection: "connection"
        }
    }

    public var description: String {
        switch self {
        case .serverError(let status): "server_error(\(status))"
        default: label
        }
    }
}
