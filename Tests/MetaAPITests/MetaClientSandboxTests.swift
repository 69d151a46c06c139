import Foundation
import IntegrationKit
import Sandbox
import Testing

@testable import MetaAPI

/// The real client against the Meta stand-in over real HTTP on loopback.
@Suite struct MetaClientSandboxTests {
    static let today = Date(timeIntervalSince1970: 1_748_649_600) // 2025-05-31
    static let range = MetaDayRange(last: 30, until: MetaDay(today))

    static func withMeta<T>(
        _ settings: MetaSandboxControls.Settings = .init(),
        client configure: (inout MetaClient.Configuration) -> Void = { _ in },
        limiter: MetaUsageLimiter.Settings = .init(),
        _ body: (MetaClient, MetaSandboxControls, SandboxHost) async throws -> T
    ) async throws -> T {
        let controls = MetaSandboxControls(settings: settings)
        controls.today = today
        var services = SandboxServices()
        services.register(.meta, faultResponse: MetaSandbox.faultResponse) { MetaSandbox(context: $0, controls: controls) }
        return try await SandboxHost.withRunning(.init(products: 20), services: services) { host in
            var configuration = MetaClient.Configuration(
                baseURL: try #require(host.baseURL), accessToken: MetaSandbox.demoAccessToken, accountID: MetaSandbox.demoAccountID)
            configure(&configuration)
            let client = MetaClient(configuration: configuration, limiter: MetaUsageLimiter(settings: limiter), retryPolicy: .never)
            return try await body(client, controls, host)
        }
    }

    @Test func campaignInsights_pagesToTheEnd() async throws {
        let whole = try await Self.withMeta(client: { $0.pageSize = 500 }) { client, _, _ in try await client.getCampaignInsights(Self.range) }
        let (paged, served) = try await Self.withMeta(client: { $0.pageSize = 7 }) { client, controls, _ in
            (try await client.getCampaignInsights(Self.range), controls.servedRequests)
        }

        #expect(whole.count == 120, "4 campaigns × 30 days")
        #expect(paged == whole)
        #expect(served == (whole.count + 6) / 7)
        #expect(Set(whole.map(\.day)).count == 30)
        #expect(whole.allSatisfy { $0.currency == "USD" })
        #expect(whole.contains { $0.purchases > 0 && $0.purchaseValue > 0 })
    }

    @Test func campaignInsights_largeRangeSplitIntoWindows() async throws {
        let (days, served) = try await Self.withMeta(client: { $0.insightsWindowDays = 10; $0.pageSize = 500 }) { client, controls, _ in
            (try await client.getCampaignInsights(Self.range), controls.servedRequests)
        }
        #expect(days.count == 120)
        #expect(served == 3)
    }

    @Test func catalogStats_discoversCatalogAndMatchesSKUs() async throws {
        let (stats, store) = try await Self.withMeta(client: { $0.pageSize = 10 }) { client, _, host in
            (try await client.getCatalogStats(Self.range), host.store)
        }
        let catalog = try #require(stats)
        let skus = Set(store.products.filter { $0.status == .active }.flatMap(\.variants).map(\.sku))
        #expect(catalog.discovered)
        #expect(catalog.catalogID == MetaSandbox.demoCatalogID)
        #expect(catalog.productCount == catalog.products.count)
        #expect(Set(catalog.products.compactMap(\.retailerID)) == skus)
        #expect(catalog.productEngagementAvailable)
        #expect(!catalog.productEngagement.isEmpty)
    }

    @Test func throttling_pausesUntilRegainTime() async throws {
        let (started, result, stats, throttled) = try await Self.withMeta(
            .init(callBudget: 3, regainAfter: .seconds(1)),
            limiter: .init(spacingAtLimit: .milliseconds(50), regainUnit: .seconds(1))
        ) { client, controls, _ in
            let started = ContinuousClock.now
            let stats = try await client.getCatalogStats(Self.range)
            return (started, stats, await client.limiter.snapshot, controls.throttledResponses)
        }
        let elapsed = started.duration(to: .now)

        #expect(result != nil)
        #expect(throttled == 1)
        #expect(stats.throttlingErrors == 1)
        #expect(stats.highestUsagePercent == 100)
        #expect(elapsed >= .milliseconds(950), "paused until the regain time")
        // The limiter's own pause, not wall time (a loaded test machine stretches the latter).
        #expect(stats.pausedFor >= .milliseconds(950))
        #expect(stats.pausedFor < .seconds(5))
    }

    @Test func throttling_longerThanInlineLimit_throwsThrottled() async throws {
        await #expect {
            try await Self.withMeta(.init(callBudget: 1, regainAfter: .seconds(600)), client: { $0.maxInlinePause = .seconds(1) }, limiter: .init(spacingAtLimit: .milliseconds(50))) { client, _, _ in
                _ = try await client.getCatalogStats(Self.range)
            }
        } throws: { error in
            guard case MetaAPIError.throttled(let graph, let retryAfter)? = error as? MetaAPIError else { return false }
            return graph.isThrottling && (retryAfter ?? .zero) > .seconds(500)
        }
    }

    @Test(arguments: [MetaSandboxControls.TokenState.expired, .revoked])
    func invalidToken_surfacesOnceWithoutRetry(_ state: MetaSandboxControls.TokenState) async throws {
        let served = try await Self.withMeta { client, controls, _ in
            controls.tokenState = state
            await #expect {
                _ = try await client.getCampaignInsights(Self.range)
            } throws: { error in
                guard case MetaAPIError.invalidToken(let graph)? = error as? MetaAPIError else { return false }
                return graph.code == 190 && graph.subcode == (state == .expired ? 463 : 460)
            }
            return controls.servedRequests
        }
        #expect(served == 1)
    }

    @Test func unknownField_getsCode100() async throws {
        try await Self.withMeta { client, _, _ in
            for (path, field) in [("act_\(MetaSandbox.demoAccountID)/insights", "conversion_value"), ("act_\(MetaSandbox.demoAccountID)", "bogus"), ("act_\(MetaSandbox.demoAccountID)/bogus_edge", "id")] {
                await #expect {
                    _ = try await client.get(path, [("fields", field)], operation: "test")
                } throws: { error in
                    guard case MetaAPIError.graph(let graph, let status)? = error as? MetaAPIError else { return false }
                    return graph.code == 100 && status == 400
                }
            }
        }
    }
}
