import Metrics

/// The swift-metrics series every vendor call feeds, labelled by service and outcome.
///
/// - `integration_requests_total{service,outcome}`: one per HTTP attempt, retries included, so
///   it counts calls against vendor quotas.
/// - `integration_retries_total{service,reason}`: attempts repeated, by why.
/// - `integration_request_duration_seconds{service,outcome}`: duration of each attempt.
public struct IntegrationMetrics: Sendable {
    public static let requestsTotal = "integration_requests_total"
    public static let retriesTotal = "integration_retries_total"
    public static let requestDuration = "integration_request_duration_seconds"

    private let factory: any MetricsFactory

    /// `factory` defaults to the one bootstrapped in `MetricsSystem` (Prometheus in the app).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    func recordAttempt(service: String, outcome: String, duration: Duration) {
        let dimensions = [("service", service), ("outcome", outcome)]
        Counter(label: Self.requestsTotal, dimensions: dimensions, factory: factory).increment()
        Timer(label: Self.requestDuration, dimensions: dimensions, preferredDisplayUnit: .seconds, factory: factory)
            .recordNanoseconds(RetryPolicy.nanoseconds(duration))
    }

    func recordRetry(service: String, reason: RetryReason) {
        Counter(label: Self.retriesTotal, dimensions: [("service", service), ("reason", reason.label)], factory: factory).increment()
    }
}

extension AttemptOutcome {
    /// The `outcome` label: success, client_error, rate_limited, server_error, timeout,
    /// connection_error, invalid_request, too_large or unexpected_status.
    public var metricLabel: String {
        switch self {
        case .response(let response):
            switch response.status {
            case 200..<300: "success"
            case 429: "rate_limited"
            case 400..<500: "client_error"
            case 500..<600: "server_error"
            default: "unexpected_status"
            }
        case .failure(.timeout): "timeout"
        case .failure(.connection): "connection_error"
        case .failure(.invalidRequest): "invalid_request"
        case .failure(.responseTooLarge): "too_large"
        }
    }
}
