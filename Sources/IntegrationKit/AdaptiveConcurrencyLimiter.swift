/// AIMD concurrency limiting: halve the number of requests allowed in flight on a 429, add one
/// after a run of answered requests.
///
/// eBay publishes daily call quotas but no per-second budget or usage headers on the Sell
/// APIs, so the only live signal is 429; this finds the concurrency the account tolerates.
/// Each attempt takes one slot whatever its cost.
public actor AdaptiveConcurrencyLimiter: RateLimiter {
    public nonisolated let minimumLimit: Int
    public nonisolated let maximumLimit: Int
    /// Answered requests (any status but 429 and 5xx) needed before the limit grows by one.
    public nonisolated let successesPerIncrease: Int
    /// At most one halving per cooldown: a burst of 429s from requests that were already in
    /// flight reports one overload, not several.
    public nonisolated let decreaseCooldown: Duration

    public private(set) var limit: Int
    public private(set) var inFlight = 0
    private var successesSinceChange = 0
    private var lastDecrease: ContinuousClock.Instant?
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextWaiterID: UInt64 = 0

    public init(
        initialLimit: Int,
        minimumLimit: Int = 1,
        maximumLimit: Int,
        successesPerIncrease: Int = 20,
        decreaseCooldown: Duration = .seconds(1)
    ) {
        precondition(1 <= minimumLimit && minimumLimit <= maximumLimit, "need 1 ≤ minimumLimit ≤ maximumLimit")
        precondition(successesPerIncrease >= 1, "successesPerIncrease must be at least 1")
        self.minimumLimit = minimumLimit
        self.maximumLimit = maximumLimit
        self.successesPerIncrease = successesPerIncrease
        self.decreaseCooldown = decreaseCooldown
        self.limit = min(max(initialLimit, minimumLimit), maximumLimit)
    }

    /// Requests queued for a slot.
    public var waiting: Int { waiters.count }

    public func acquire(cost: Int) async throws {
        try Task.checkCancellation()
        if waiters.isEmpty, inFlight < limit {
            inFlight += 1
            return
        }
        let id = nextWaiterID
        nextWaiterID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // This closure runs on the actor before `acquire` suspends, so the cancellation
                // handler's hop to the actor always finds the waiter queued (or already woken).
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    public func record(_ outcome: RateLimitOutcome) async {
        inFlight = max(0, inFlight - 1)
        if case .response(let response) = outcome {
            adapt(to: response.status)
        }
        wakeWaiters()
    }

    private func adapt(to status: Int) {
        switch status {
        case 429:
            successesSinceChange = 0
            let now = ContinuousClock.now
            if let lastDecrease, lastDecrease.duration(to: now) < decreaseCooldown { return }
            lastDecrease = now
            limit = max(minimumLimit, limit / 2)
        case 500...599:
            break // server trouble says nothing about our rate
        default:
            successesSinceChange += 1
            if successesSinceChange >= successesPerIncrease {
                successesSinceChange = 0
                limit = min(maximumLimit, limit + 1)
            }
        }
    }

    private func wakeWaiters() {
        while inFlight < limit, !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            inFlight += 1
            waiter.continuation.resume()
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        // Absent when the waiter was already given a slot: then the caller proceeds and records.
        if let index = waiters.firstIndex(where: { $0.id == id }) {
            waiters.remove(at: index).continuation.resume(throwing: CancellationError())
        }
    }
}
