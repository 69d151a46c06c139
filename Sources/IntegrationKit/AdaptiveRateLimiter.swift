/// Learns a per-second rate from the server's 429s and paces requests under it.
///
/// Limiting how many requests are in flight does not bound their rate when answers come in
/// milliseconds: a server that allows N per second keeps answering 429 to every burst, and
/// each 429 is a wasted call. On a 429 this sets the rate to 90 % of what was sent in the
/// last second (never below `minimumRate`), and spaces request starts evenly under it; after
/// `successesPerIncrease` answered requests without a 429 the rate grows by one per second.
/// Until the first 429 it does not pace at all.
public actor AdaptiveRateLimiter: RateLimiter {
    public nonisolated let minimumRate: Double
    public nonisolated let successesPerIncrease: Int
    public private(set) var rate: Double?
    private var starts: [ContinuousClock.Instant] = []
    private var nextStart: ContinuousClock.Instant?
    private var successes = 0
    private var lastDecrease: ContinuousClock.Instant?

    public init(minimumRate: Double = 1, successesPerIncrease: Int = 50) {
        self.minimumRate = minimumRate
        self.successesPerIncrease = successesPerIncrease
    }

    public func acquire(cost: Int) async throws {
        try Task.checkCancellation()
        let now = ContinuousClock.now
        if let rate {
            let spacing = Duration.nanoseconds(Int64(1e9 / rate))
            let slot = max(now, nextStart ?? now)
            nextStart = slot + spacing
            if slot > now { try await Task.sleep(until: slot, clock: .continuous) }
        }
        let started = ContinuousClock.now
        starts.append(started)
        starts.removeAll { started - $0 > .seconds(1) }
    }

    public func record(_ outcome: RateLimitOutcome) async {
        guard case .response(let response) = outcome else { return }
        let now = ContinuousClock.now
        if response.status == 429 {
            successes = 0
            // One decrease per second: the requests already in flight report the same overload.
            if let lastDecrease, now - lastDecrease < .seconds(1) { return }
            lastDecrease = now
            let sent = Double(starts.filter { now - $0 <= .seconds(1) }.count)
            rate = max(minimumRate, min(rate ?? .infinity, sent) * 0.9)
            // The server asked for a pause: nothing starts before it is over.
            if let wait = response.retryAfter() { nextStart = max(nextStart ?? now, now + wait) }
        } else if let current = rate, (200..<500).contains(response.status) {
            successes += 1
            if successes >= successesPerIncrease {
                successes = 0
                rate = current + 1
            }
        }
    }
}

/// Several limiters in a row: a request waits for each, and each hears every outcome.
public struct CombinedRateLimiter: RateLimiter {
    public let limiters: [any RateLimiter]

    public init(_ limiters: [any RateLimiter]) {
        self.limiters = limiters
    }

    public func acquire(cost: Int) async throws {
        var acquired: [any RateLimiter] = []
        do {
            for limiter in limiters {
                try await limiter.acquire(cost: cost)
                acquired.append(limiter)
            }
        } catch {
            // Give back what was taken: no record follows a failed acquire.
            for limiter in acquired { await limiter.record(.noResponse) }
            throw error
        }
    }

    public func record(_ outcome: RateLimitOutcome) async {
        for limiter in limiters { await limiter.record(outcome) }
    }
}
