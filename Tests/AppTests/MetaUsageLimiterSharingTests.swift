@testable import App
import Foundation
import MetaAPI
import Sandbox
import Testing
import TestSupport
import Vapor

/// Meta's throttle state outlives one run: every client the app makes shares one limiter.
@Suite("Meta usage limiter per application")
struct MetaUsageLimiterSharingTests {
    @Test func metaClients_shareOneLimiter() async throws {
        try await withConfiguredApp { app in
            try await app.startSandbox(SandboxConfiguration(products: 4))

            let first = try app.metaClient()
            let second = try app.metaClient()

            #expect(first.limiter === second.limiter)
            #expect(first.limiter === app.metaUsageLimiter)
        }
    }

    @Test func afterThrottledRun_nextRunWaitsBeforeCallingMeta() async throws {
        try await withConfiguredApp { app in
            // Every Meta call is throttled (code 4, no Retry-After wait worth taking).
            let faults = FaultPlan(rate: 1, kinds: [.tooManyRequests], services: [.meta], retryAfterSeconds: 0)
            let host = try await app.startSandbox(SandboxConfiguration(products: 4, faults: faults))
            // A limiter whose pauses end the run instead of sleeping: a run that has to wait
            // for Meta's regain time stops right there, before sending anything.
            let pauses = LockedPauses()
            app.metaUsageLimiter = MetaUsageLimiter { pause in
                pauses.append(pause)
                throw CancellationError()
            }
            let range = MetaDayRange(last: 1, until: MetaDay(Date()))

            await #expect(throws: (any Error).self) { _ = try await app.metaClient().getCampaignInsights(range) }
            let afterFirst = await host.status().requests(for: .meta).total
            #expect(afterFirst == 1, "the first run calls Meta once and is throttled")

            await #expect(throws: (any Error).self) { _ = try await app.metaClient().getCampaignInsights(range) }

            #expect(await host.status().requests(for: .meta).total == afterFirst, "the next run waits instead of calling Meta at once")
            #expect(pauses.count == 2)
            #expect(await app.metaUsageLimiter.snapshot.throttlingErrors == 1)
        }
    }
}

private final class LockedPauses: @unchecked Sendable {
    private let lock = NSLock()
    private var pauses: [Duration] = []
    func append(_ pause: Duration) { lock.withLock { pauses.append(pause) } }
    var count: Int { lock.withLock { pauses.count } }
}
