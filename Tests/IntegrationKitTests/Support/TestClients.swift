import AsyncHTTPClient
import Foundation
import IntegrationKit
import Logging

/// Short, deterministic delays: full jitter fixed at 1/2, so retry n waits 5 ms × 2^(n−1), ≤ 20 ms.
let fastRetries = RetryPolicy(
    maxAttempts: 3,
    baseDelay: .milliseconds(10),
    maxDelay: .milliseconds(40),
    maxRetryAfter: .seconds(5),
    jitter: .fixed(0.5)
)

func makeClient(
    retryPolicy: RetryPolicy = fastRetries,
    rateLimiter: any RateLimiter = UnlimitedRateLimiter(),
    redactor: Redactor = Redactor(),
    logs: LogCapture = LogCapture(),
    metrics: CapturingMetrics = CapturingMetrics(),
    timeout: Duration = .seconds(5),
    requestIDHeader: String? = nil
) -> IntegrationClient {
    IntegrationClient(
        service: "test",
        transport: AsyncHTTPClientTransport(client: .shared),
        retryPolicy: retryPolicy,
        rateLimiter: rateLimiter,
        redactor: redactor,
        logger: logs.logger(),
        metrics: IntegrationMetrics(factory: metrics),
        defaultTimeout: timeout,
        requestIDHeader: requestIDHeader
    )
}
