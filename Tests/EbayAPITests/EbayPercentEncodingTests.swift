import Foundation
import IntegrationKit
import Sandbox
import Testing
@testable import EbayAPI

/// Non-ASCII letters (é, ١, 鞋) used to pass `CharacterSet.alphanumerics` unencoded into
/// `URLComponents.percentEncodedPath`/`Query`, where swift-foundation traps.
@Suite struct EbayPercentEncodingTests {
    @Test func component_keepsOnlyUnreservedASCII() {
        #expect(PercentEncoding.component("é") == "%C3%A9")
        #expect(PercentEncoding.component("١") == "%D9%A1")
        #expect(PercentEncoding.component("鞋") == "%E9%9E%8B")
        #expect(PercentEncoding.component("CAFÉ-01") == "CAF%C3%89-01")
        #expect(PercentEncoding.component("Az09-._~") == "Az09-._~")
        #expect(PercentEncoding.component("a b+c/d?e&f=g%{|}:[]") == "a%20b%2Bc%2Fd%3Fe%26f%3Dg%25%7B%7C%7D%3A%5B%5D")
        #expect(PercentEncoding.component("") == "")
    }

    @Test func client_encodesPathQueryAndForm_withoutTrapping() throws {
        let client = EbayClient(environment: .custom(baseURL: URL(string: "http://127.0.0.1:9")!),
                                credentials: EbayCredentials(appID: "app", certID: "cert-0123456789", authToken: .accessToken("token-0123456789")))
        let request = client.request(for: .init(api: .notification, method: .get, path: "/public_key/\(EbayClient.encodePath("é١鞋"))",
                                                query: [("sku", "CAFÉ-01")], operation: "getPublicKey"), token: "t")
        #expect(request.url.absoluteString.hasSuffix("/public_key/%C3%A9%D9%A1%E9%9E%8B?sku=CAF%C3%89-01"))
        #expect(EbayTokenProvider.form([("grant_type", "refresh_token"), ("scope", "a b é")]) == "grant_type=refresh_token&scope=a%20b%20%C3%A9")
    }

    @Test func nonASCIISku_roundTripsThroughTheSandbox() async throws {
        try await Harness.withSandbox { host, state in
            let client = try Harness.client(host)
            let sku = "CAFÉ-01"
            let items = try await client.bulkCreateOrReplaceInventoryItem([
                EbayInventoryItem(sku: sku, locale: "en_US", condition: "NEW", availability: EbayAvailability(quantity: 2),
                                  product: EbayProduct(title: "Café au lait bowl", aspects: ["Brand": ["Acme"]])),
            ])
            #expect(items.map(\.isSuccess) == [true])
            let offers = try await client.bulkCreateOffer([EbayOffer(sku: sku, marketplaceId: client.marketplaceID, availableQuantity: 2)])
            #expect(offers.first?.offerId != nil)

            let page = try await client.getOffers(sku: sku)

            #expect(page.offers?.map(\.sku) == [sku])
            #expect(state.callsPerOperation["getOffers"] == 1)
        }
    }

    @Test func nonASCIIKeyID_isA404_notACrash() async throws {
        try await Harness.withSandbox { host, state in
            let client = try Harness.client(host)

            let error = await #expect(throws: EbayError.self) { try await client.getPublicKey(id: "é") }

            #expect(error?.status == 404)
            #expect(state.callsPerOperation["getPublicKey"] == 1)
        }
    }
}

@Suite struct EbayPublicKeyCacheTests {
    struct Missing: Error {}

    @Test func keyIDs_areValidatedBeforeAnyLookup() async throws {
        #expect(EbayPublicKeyCache.isValidKeyID("99345c31-9a5b-4cc3-ab8d-0f1e7e1a1b2c"))
        #expect(EbayPublicKeyCache.isValidKeyID("A_z-09"))
        #expect(EbayPublicKeyCache.isValidKeyID(String(repeating: "a", count: 128)))
        for bad in ["", "é", "a b", "../x", "a/b", "a%2F", "a.b", String(repeating: "a", count: 129)] {
            #expect(!EbayPublicKeyCache.isValidKeyID(bad), "\(bad)")
        }
        let cache = EbayPublicKeyCache { _ in throw Missing() }
        await #expect(throws: EbayPublicKeyCache.LookupError.self) { try await cache.key(for: "é") }
        #expect(await cache.fetchCount == 0)
    }

    @Test func unknownKid_isLookedUpOnce_untilTheFailureExpires() async throws {
        try await Harness.withSandbox { host, state in
            let client = try Harness.client(host)
            let clock = LockedClock()
            let cache = EbayPublicKeyCache(now: { clock.now }) { kid in try await client.getPublicKey(id: kid) }

            await #expect(throws: EbayError.self) { try await cache.key(for: "unknown-kid") }
            await #expect(throws: EbayError.self) { try await cache.key(for: "unknown-kid") }
            #expect(state.callsPerOperation["getPublicKey"] == 1)

            clock.advance(301)
            await #expect(throws: EbayError.self) { try await cache.key(for: "unknown-kid") }
            #expect(state.callsPerOperation["getPublicKey"] == 2)

            let known = EbaySandbox.notifier(of: host.context).keyID
            _ = try await cache.key(for: known)
            _ = try await cache.key(for: known)
            #expect(state.callsPerOperation["getPublicKey"] == 3)
        }
    }

    @Test func distinctKids_areCapped_keysOutliveFailures() async throws {
        let key = EbayPublicKey(algorithm: "ECDSA", digest: "SHA1", key: "k")
        let cache = EbayPublicKeyCache(capacity: 4) { kid in
            guard kid == "good" else { throw Missing() }
            return key
        }
        _ = try await cache.key(for: "good")
        for index in 0..<20 {
            await #expect(throws: Missing.self) { try await cache.key(for: "bad-\(index)") }
        }
        #expect(await cache.cachedCount == 4)
        _ = try await cache.key(for: "good")
        #expect(await cache.fetchCount == 21) // the good key was kept; failures were evicted
    }
}

final class LockedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_700_000_000)
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}
