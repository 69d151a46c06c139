import Foundation
import IntegrationKit
import Sandbox
import Testing
@testable import EbayAPI

@Suite struct EbayClientSandboxTests {
    func items(_ count: Int) -> [EbayInventoryItem] {
        (0..<count).map { index in
            EbayInventoryItem(sku: "SKU-\(index)", locale: "en_US", condition: "NEW", availability: EbayAvailability(quantity: 3),
                              product: EbayProduct(title: "Demo item \(index)", aspects: ["Brand": ["Acme"]]))
        }
    }

    @Test func bulk_oneInvalidItem_24SuccessesAnd1EbayError() async throws {
        try await Harness.withSandbox { host, state in
            let client = try Harness.client(host)
            var batch = items(25)
            batch[7].product?.title = String(repeating: "x", count: 81) // eBay: title max length 80

            let results = try await client.bulkCreateOrReplaceInventoryItem(batch)

            #expect(results.count == 25)
            #expect(results.filter(\.isSuccess).count == 24)
            let failed = try #require(results.first { !$0.isSuccess })
            #expect(failed.sku == "SKU-7")
            let error = try #require(failed.errors?.first)
            #expect(error.errorId == 25709)
            #expect(error.message?.hasPrefix("Invalid request. Invalid value for field") == true)
            #expect(state.inventoryItemCount == 24)
        }
    }

    @Test func badRequest_400_isNeverRetried() async throws {
        try await Harness.withSandbox { host, state in
            let client = try Harness.client(host)

            let error = await #expect(throws: EbayError.self) {
                try await client.createInventoryLocation(key: "bad", EbayInventoryLocation(
                    location: .init(address: .init(city: "Berlin", postalCode: "10115", country: "DEU")), name: "bad"))
            }

            #expect(error?.status == 400)
            #expect(error?.errorIDs == [25801])
            #expect(error?.description.contains("Missing field location.address.country") == true)
            #expect(state.callsPerOperation["createInventoryLocation"] == 1)
        }
    }

    @Test func tooManyRequests_retryAfterIsHonoured() async throws {
        try await Harness.withSandbox { host, state in
            let client = try Harness.client(host)
            _ = try await client.getInventoryLocations() // token fetched outside the measurement
            var settings = state.settings
            settings.requestsPerSecond = 1
            settings.retryAfterSeconds = 1
            state.settings = settings
            let started = ContinuousClock.now

            // Three calls within milliseconds against 1 call/s: at least one is refused with 429.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 { group.addTask { _ = try await client.getInventoryLocations() } }
                try await group.waitForAll()
            }

            let elapsed = started.duration(to: .now)
            #expect(state.rateLimitedCount >= 1)
            #expect(state.callsPerOperation["getInventoryLocations"] == 1 + 3 + state.rateLimitedCount)
            // Retry-After: 1 means a refused call waited a whole second, not the ≤ 200 ms backoff.
            #expect(elapsed >= .milliseconds(950))
        }
    }

    @Test func injected500_isRetriedAndSucceeds() async throws {
        try await Harness.withSandbox { host, state in
            let client = try Harness.client(host)
            _ = try await client.getInventoryLocations()
            host.faults = FaultPlan(rate: 0.3, kinds: [.internalServerError, .serviceUnavailable], seed: 1, services: [.ebay])

            for _ in 0..<6 { _ = try await client.getInventoryLocations() }

            let status = await host.status()
            #expect((status.faultsInjected["ebay"]?.values.reduce(0, +) ?? 0) > 0)
        }
    }

    @Test func quotaAndRevisionCounters_areKept() async throws {
        try await Harness.withSandbox { host, _ in
            let client = try Harness.client(host)

            _ = try await client.getInventoryLocations()
            _ = try await client.getDefaultCategoryTreeId()

            #expect(client.usage.callsToday(.inventory) == 1)
            #expect(client.usage.callsToday(.taxonomy) == 1)
            #expect(client.usage.remainingToday(.taxonomy) == 4_999)
            #expect(client.usage.revisionsRemaining("any") == 250)
        }
    }

    @Test func money_isParsedExactly() {
        #expect(EbayAmount(currency: "USD", value: "19.99").decimal == Decimal(string: "19.99"))
        #expect(EbayAmount(Decimal(string: "0.1")! + Decimal(string: "0.2")!, currency: "USD").value == "0.30")
        #expect(EbayAmount(currency: "USD", value: "1e3").decimal == nil)
    }
}
