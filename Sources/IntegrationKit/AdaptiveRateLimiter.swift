/// Learns a per-second rate from the server's 429s and paces requests under it.
///
/// Limiting how many requests are in flight does not bound their rate when answers come in
/// milliseconds: a server that allows N per second keeps answering 429 to every burst, and
/// each 429 is a wasted call. On a 429 this sets the rate to 90 % of what was sent in the
/// last second (never below `minimumRate`), and spaces request starts evenly under it; after
/// `successesPerIncrease` answered requests without a 429 the rate grows by one per second.
/// Until the first 429 it does not pace at all. Once the rate is known, background requests
/// take at most `backgroundShare` of it: the rest is headroom, so a burst of page reads never
/// earns the 429 (and the pause after it) that a stock push would then wait out.
public actor AdaptiveRateLimiter: RateLimiter {
    public nonisolated let minimumRate: Double
    public nonisolated let successesPerIncrease: Int
    public nonisolated let backgroundShare: Double
    private var nextBackgroundStart: ContinuousClock.Instant?
    public private(set) var rate: Double?
    private var starts: [ContinuousClock.Instant] = []
    private var nextStart: ContinuousClock.Instant?
    private var successes = 0
    private var lastDecrease: ContinuousClock.Instant?
    private var waiters: [(id: UInt64, priority: RequestPriority, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextWaiterID: UInt64 = 0
    private var releasing = false

    public init(minimumRate: Double = 1, successesPerIncrease: Int = 50, backgroundShare: Double = 0.8) {
        self.minimumRate = minimumRate
        self.successesPerIncrease = successesPerIncrease
        self.backgroundShare = min(1, max(0.05, backgroundShare))
    }

    /// Requests waiting for a slot, background ones held back by their share included.
    public var waiting: Int { waiters.count + backgroundHeld }
    private var backgroundHeld = 0

    public func acquire(cost: Int) async throws {
        try Task.checkCancellation()
        if RequestPriority.current == .background, let rate {
            // The slot is taken before sleeping, so concurrent background requests space out.
            let now = ContinuousClock.now
            let slot = max(now, nextBackgroundStart ?? now)
            nextBackgroundStart = slot + Self.spacing(rate * backgroundShare)
            if slot > now {
                backgroundHeld += 1
                defer { backgroundHeld -= 1 }
                try await Task.sleep(until: slot, clock: .continuous)
            }
        }
        if let rate {
            let now = ContinuousClock.now
            if waiters.isEmpty, now >= (nextStart ?? now) {
                nextStart = now + Self.spacing(rate)
            } else {
                try await wait(priority: RequestPriority.current)
            }
        }
        let started = ContinuousClock.now
        starts.append(started)
        starts.removeAll { started - $0 > .seconds(1) }
    }

    /// Queued until the releaser gives this request a slot: the most urgent first, then in
    /// arrival order, so a stock push never waits behind a reconcile's page reads.
    private func wait(priority: RequestPriority) async throws {
        let id = nextWaiterID
        nextWaiterID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters.append((id, priority, continuation))
                    if !releasing {
                        releasing = true
                        Task { await self.release() }
                    }
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func release() async {
        while !waiters.isEmpty {
            if let next = nextStart, next > ContinuousClock.now { try? await Task.sleep(until: next, clock: .continuous) }
            guard !waiters.isEmpty else { break }
            var best = 0
            for index in waiters.indices where waiters[index].priority > waiters[best].priority { best = index }
            let waiter = waiters.remove(at: best)
            nextStart = max(ContinuousClock.now, nextStart ?? .now) + Self.spacing(rate ?? 1_000)
            waiter.continuation.resume()
        }
        releasing = false
    }

    private func cancelWaiter(_ id: UInt64) {
        if let index = waiters.firstIndex(where: { $0.id == id }) {
            waiters.remove(at: index).continuation.resume(throwing: CancellationError())
        }
    }

    static func spacing(_ rate: Double) -> Duration { .nanoseconds(Int64(1e9 / max(rate, 0.001))) }

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

/// How urgent a request is when a rate limiter queues requests: background work (a
/// reconcile's page reads, a listing run's bulk calls) yields to latency-bound work (a stock
/// push). Set for a block of work with `RequestPriority.$current.withValue(.background) { … }`.
public enum RequestPriority: Int, Sendable, Comparable {
    case background = 0
    case normal = 1

    @TaskLocal public static var current: RequestPriority = .normal

    public static func < (lhs: RequestPriority, rhs: RequestPriority) -> Bool { lhs.rawValue < rhs.rawValue }
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
