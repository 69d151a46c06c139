import Foundation
import IntegrationKit
import Testing

@Suite struct AdaptiveConcurrencyLimiterTests {
    func respond(_ limiter: AdaptiveConcurrencyLimiter, _ status: Int) async throws {
        try await limiter.acquire(cost: 1)
        await limiter.record(.response(OutboundResponse(status: status)))
    }

    @Test func halves_on_429_down_to_minimum() async throws {
        let limiter = AdaptiveConcurrencyLimiter(initialLimit: 16, minimumLimit: 2, maximumLimit: 32, decreaseCooldown: .zero)

        var limits: [Int] = []
        for _ in 0..<4 {
            try await respond(limiter, 429)
            limits.append(await limiter.limit)
        }

        #expect(limits == [8, 4, 2, 2])
    }

    @Test func adds_one_after_n_successes_up_to_maximum() async throws {
        let limiter = AdaptiveConcurrencyLimiter(initialLimit: 2, maximumLimit: 3, successesPerIncrease: 3, decreaseCooldown: .zero)

        for _ in 0..<2 { try await respond(limiter, 200) }
        #expect(await limiter.limit == 2)
        try await respond(limiter, 404) // answered: counts as success for rate purposes
        #expect(await limiter.limit == 3)
        for _ in 0..<6 { try await respond(limiter, 200) }
        #expect(await limiter.limit == 3)
    }

    @Test func server_errors_and_no_response_do_not_change_limit() async throws {
        let limiter = AdaptiveConcurrencyLimiter(initialLimit: 4, maximumLimit: 8, successesPerIncrease: 1, decreaseCooldown: .zero)

        try await respond(limiter, 503)
        try await limiter.acquire(cost: 1)
        await limiter.record(.noResponse)

        #expect(await limiter.limit == 4)
        #expect(await limiter.inFlight == 0)
    }

    @Test func burst_of_429s_within_cooldown_halves_once() async throws {
        let limiter = AdaptiveConcurrencyLimiter(initialLimit: 16, maximumLimit: 16, decreaseCooldown: .seconds(60))

        for _ in 0..<3 { try await respond(limiter, 429) }

        #expect(await limiter.limit == 8)
    }

    @Test func waits_when_full_and_wakes_on_record() async throws {
        let limiter = AdaptiveConcurrencyLimiter(initialLimit: 1, maximumLimit: 1)
        try await limiter.acquire(cost: 1)

        let waiter = Task { try await limiter.acquire(cost: 1) }
        while await limiter.waiting == 0 { await Task.yield() }
        #expect(await limiter.inFlight == 1)

        await limiter.record(.response(OutboundResponse(status: 200)))
        try await waiter.value

        #expect(await limiter.inFlight == 1)
        #expect(await limiter.waiting == 0)
    }

    @Test func cancelled_waiter_leaves_the_queue() async throws {
        let limiter = AdaptiveConcurrencyLimiter(initialLimit: 1, maximumLimit: 1)
        try await limiter.acquire(cost: 1)

        let waiter = Task { try await limiter.acquire(cost: 1) }
        while await limiter.waiting == 0 { await Task.yield() }
        waiter.cancel()

        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(await limiter.waiting == 0)
        #expect(await limiter.inFlight == 1)
    }

    @Test func halving_reduces_concurrency_seen_by_server() async throws {
        // After a 429 from a limit of 4, only 2 requests may be in flight at once.
        let limiter = AdaptiveConcurrencyLimiter(initialLimit: 4, maximumLimit: 4, decreaseCooldown: .zero)
        try await respond(limiter, 429)

        try await limiter.acquire(cost: 1)
        try await limiter.acquire(cost: 1)
        let third = Task { try await limiter.acquire(cost: 1) }
        while await limiter.waiting == 0 { await Task.yield() }

        #expect(await limiter.inFlight == 2)
        await limiter.record(.response(OutboundResponse(status: 200)))
        try await third.value
        #expect(await limiter.inFlight == 2)
    }
}
