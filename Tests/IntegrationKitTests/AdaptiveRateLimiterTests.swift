import Foundation
import IntegrationKit
import Testing

@Suite struct AdaptiveRateLimiterTests {
    @Test func unpaced_untilA429_thenAt90PercentOfWhatWasSent() async throws {
        let limiter = AdaptiveRateLimiter()
        for _ in 0..<20 {
            try await limiter.acquire(cost: 1)
            await limiter.record(.response(OutboundResponse(status: 200)))
        }
        #expect(await limiter.rate == nil)

        try await limiter.acquire(cost: 1)
        await limiter.record(.response(OutboundResponse(status: 429)))

        // 21 requests started within the last second: 90 % of that.
        let rate = try #require(await limiter.rate)
        #expect(abs(rate - 18.9) < 0.001)
    }

    @Test func backgroundWork_yieldsItsSlots_toNormalWork() async throws {
        let limiter = AdaptiveRateLimiter()
        try await limiter.acquire(cost: 1)
        await limiter.record(.response(OutboundResponse(status: 429, headers: ["Retry-After": "0"])))
        // Paced from here, at 0.9 per second (one request was sent in the last second).
        let order = OrderBox()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<4 {
                group.addTask {
                    try? await RequestPriority.$current.withValue(.background) { try await limiter.acquire(cost: 1) }
                    await order.append("background \(index)")
                }
            }
            // Queued behind the background requests, but served before those still waiting.
            let deadline = ContinuousClock.now + .seconds(10)
            while await limiter.waiting < 3, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(1)) }
            group.addTask {
                try? await limiter.acquire(cost: 1)
                await order.append("normal")
            }
        }
        let served = await order.items
        #expect(served.count == 5)
        let normal = try #require(served.firstIndex(of: "normal"))
        #expect(normal <= 2, "served: \(served)")
    }

    actor OrderBox {
        var items: [String] = []
        func append(_ item: String) { items.append(item) }
    }
}
