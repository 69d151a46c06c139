import Foundation
import IntegrationKit
import Testing

@Suite struct RetryPolicyTests {
    // base 100 ms, cap 1 s. Exponential ceilings for retries 1…6: 100, 200, 400, 800, 1000 (capped), 1000 ms.
    let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(100), maxDelay: .seconds(1), jitter: .fixed(0.5))

    @Test func backoff_full_jitter_with_fixed_random_source() {
        // Full jitter = fraction × ceiling. With fraction 0.5: 50, 100, 200, 400, 500, 500 ms.
        let delays = (1...6).map { policy.backoff(retry: $0) }

        #expect(delays == [.milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(500), .milliseconds(500)])
    }

    @Test func backoff_other_fractions() {
        var quarter = policy
        quarter.jitter = .fixed(0.25)
        var zero = policy
        zero.jitter = .fixed(0)

        // 0.25 × 100 = 25 ms; 0.25 × 400 = 100 ms; 0.25 × 1000 = 250 ms.
        #expect(quarter.backoff(retry: 1) == .milliseconds(25))
        #expect(quarter.backoff(retry: 3) == .milliseconds(100))
        #expect(quarter.backoff(retry: 9) == .milliseconds(250))
        #expect(zero.backoff(retry: 4) == .zero)
    }

    @Test func backoff_ceiling_never_overflows() {
        #expect(policy.backoffCeiling(retry: 1_000) == .seconds(1))
    }

    @Test func backoff_random_jitter_stays_below_ceiling() {
        let random = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        for retry in 1...8 {
            let delay = random.backoff(retry: retry)
            #expect(delay >= .zero && delay <= random.backoffCeiling(retry: retry))
        }
    }

    @Test(arguments: [400, 401, 403, 404, 409, 410, 422, 200, 204, 301, 304])
    func decision_never_retries_other_statuses(status: Int) {
        let decision = policy.decision(after: .response(.init(status: status)), attempt: 1, isIdempotent: true)

        #expect(decision == .stop(.notRetryable))
    }

    @Test(arguments: [500, 502, 503, 504])
    func decision_retries_5xx_only_when_idempotent(status: Int) {
        let outcome = AttemptOutcome.response(.init(status: status))

        #expect(policy.decision(after: outcome, attempt: 1, isIdempotent: true) == .retry(after: .milliseconds(50), reason: .serverError(status)))
        #expect(policy.decision(after: outcome, attempt: 1, isIdempotent: false) == .stop(.notRetryable))
    }

    @Test func decision_429_retries_even_when_not_idempotent() {
        let decision = policy.decision(after: .response(.init(status: 429)), attempt: 2, isIdempotent: false)

        #expect(decision == .retry(after: .milliseconds(100), reason: .rateLimited))
    }

    @Test func decision_retry_after_overrides_backoff() {
        let response = OutboundResponse(status: 503, headers: ["Retry-After": "7"])

        #expect(policy.decision(after: .response(response), attempt: 1, isIdempotent: true) == .retry(after: .seconds(7), reason: .serverError(503)))
    }

    @Test func decision_retry_after_beyond_limit_stops() {
        let response = OutboundResponse(status: 429, headers: ["Retry-After": "120"])

        #expect(policy.decision(after: .response(response), attempt: 1, isIdempotent: true) == .stop(.retryAfterTooLong(.seconds(120))))
    }

    @Test func decision_transport_failures() {
        let timeout = AttemptOutcome.failure(.timeout(after: .seconds(1)))
        let refused = AttemptOutcome.failure(.connection("refused"))
        let invalid = AttemptOutcome.failure(.invalidRequest("bad url"))

        #expect(policy.decision(after: timeout, attempt: 1, isIdempotent: true) == .retry(after: .milliseconds(50), reason: .timeout))
        #expect(policy.decision(after: refused, attempt: 1, isIdempotent: true) == .retry(after: .milliseconds(50), reason: .connection))
        #expect(policy.decision(after: timeout, attempt: 1, isIdempotent: false) == .stop(.notRetryable))
        #expect(policy.decision(after: invalid, attempt: 1, isIdempotent: true) == .stop(.notRetryable))
    }

    @Test func decision_stops_at_max_attempts() {
        let short = RetryPolicy(maxAttempts: 2, jitter: .fixed(0))
        let outcome = AttemptOutcome.response(.init(status: 503))

        #expect(short.decision(after: outcome, attempt: 1, isIdempotent: true) == .retry(after: .zero, reason: .serverError(503)))
        #expect(short.decision(after: outcome, attempt: 2, isIdempotent: true) == .stop(.attemptsExhausted))
        #expect(RetryPolicy.never.decision(after: outcome, attempt: 1, isIdempotent: true) == .stop(.attemptsExhausted))
    }

    @Test func method_idempotency_defaults() {
        let url = URL(string: "https://example.com")!
        #expect(OutboundRequest(method: .get, url: url).isIdempotent)
        #expect(OutboundRequest(method: .put, url: url).isIdempotent)
        #expect(OutboundRequest(method: .delete, url: url).isIdempotent)
        #expect(!OutboundRequest(method: .post, url: url).isIdempotent)
        #expect(!OutboundRequest(method: .patch, url: url).isIdempotent)
        #expect(OutboundRequest(method: .post, url: url, isIdempotent: true).isIdempotent)
    }
}

@Suite struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 784_111_777) // Sun, 06 Nov 1994 08:49:37 GMT

    @Test func seconds_form() {
        #expect(RetryAfter.parse("1", now: now) == .seconds(1))
        #expect(RetryAfter.parse(" 120 ", now: now) == .seconds(120))
        #expect(RetryAfter.parse("0", now: now) == .zero)
    }

    @Test func http_date_forms() {
        // RFC 9110 §5.6.7's three forms of the same instant, 10 s after `now`.
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:47 GMT", now: now) == .seconds(10))
        #expect(RetryAfter.parse("Sunday, 06-Nov-94 08:49:47 GMT", now: now) == .seconds(10))
        #expect(RetryAfter.parse("Sun Nov  6 08:49:47 1994", now: now) == .seconds(10))
    }

    @Test func past_date_means_now() {
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == .zero)
    }

    @Test func garbage_is_ignored() {
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse("-5", now: now) == nil)
        #expect(RetryAfter.parse("1.5", now: now) == nil)
        #expect(RetryAfter.parse("", now: now) == nil)
    }
}
