import Foundation
import Sandbox
import Testing
@testable import EbayAPI

@Suite struct EbayOAuthTests {
    @Test func twentyConcurrentCalls_makeOneRefresh() async throws {
        try await Harness.withSandbox { host, state in
            let client = try Harness.client(host)

            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 {
                    group.addTask { _ = try await client.getInventoryLocations() }
                }
                try await group.waitForAll()
            }

            #expect(await client.tokenRefreshCount() == 1)
            #expect(state.tokensIssued == 1)
            #expect(state.callsPerOperation["getInventoryLocations"] == 20)
        }
    }

    @Test func expiredToken_isRefreshedBeforeTheCall() async throws {
        try await Harness.withSandbox { host, state in
            // Client and stand-in share the stand-in's clock, moved past the token's lifetime:
            // no sleeping, so a busy machine cannot expire a token in flight.
            let client = try Harness.client(host, now: { state.now })

            _ = try await client.getInventoryLocations()
            state.advanceClock(by: TimeInterval(state.settings.tokenLifetimeSeconds) + 1)
            _ = try await client.getInventoryLocations()

            // Renewed before the call: no 401 round trip, so the API counted exactly two calls.
            #expect(state.tokensIssued == 2)
            #expect(await client.tokenRefreshCount() == 2)
            #expect(state.callsPerOperation["getInventoryLocations"] == 2)
        }
    }

    @Test func revokedToken_401_refreshesOnceAndRetriesOnce() async throws {
        try await Harness.withSandbox { host, state in
            let client = try Harness.client(host)
            _ = try await client.getInventoryLocations()

            state.revokeAllTokens()
            _ = try await client.getInventoryLocations()

            #expect(state.tokensIssued == 2)
            // The 401 is refused before the API counts it; the first call and the retry are counted.
            #expect(state.callsPerOperation["getInventoryLocations"] == 2)
            #expect(await client.tokenRefreshCount() == 2)
        }
    }

    @Test func accessTokenRejected_failsWithoutLoop() async throws {
        try await Harness.withSandbox { host, state in
            let base = try #require(host.baseURL)
            let client = EbayClient(environment: .custom(baseURL: base),
                                    credentials: EbayCredentials(appID: EbaySandboxCredentials.appID, certID: EbaySandboxCredentials.certID,
                                                                 authToken: .accessToken("not-a-token")),
                                    retryPolicy: Harness.retry)

            await #expect(throws: EbayError.self) { _ = try await client.getInventoryLocations() }

            #expect(state.tokensIssued == 0)
        }
    }

    @Test func authToken_classification() {
        #expect(EbayAuthToken(classifying: "v^1.1#i^1#p^1#r^0#I^3#f^0#t^H4sIAAAAAAAAAOVX").isRefreshToken == false)
        #expect(EbayAuthToken(classifying: "v^1.1#i^1#p^3#r^1#I^3#f^0#t^Ul4xMF8yOjQ2").isRefreshToken)
        #expect(EbayAuthToken(classifying: "access:abc") == .accessToken("abc"))
        #expect(EbayAuthTokenSummary.describe(.refreshToken("x")).contains("refresh token"))
        #expect(EbayAuthTokenSummary.describe(.accessToken("x")).contains("access token"))
    }
}
