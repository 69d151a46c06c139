import EbayAPI
import Foundation
import IntegrationKit
import Sandbox
import ShoppyShopCore
import Vapor

extension Application {
    private struct EbayClientKey: StorageKey { typealias Value = EbayClient }
    private struct EbayKeyCacheKey: StorageKey { typealias Value = EbayPublicKeyCache }

    /// The process's eBay client (one token cache, one concurrency limiter): live
    /// configuration, or the loopback sandbox with its demo credentials.
    public func ebayClient() -> EbayClient {
        if let existing = storage[EbayClientKey.self] { return existing }
        let client = makeEbayClient()
        storage[EbayClientKey.self] = client
        return client
    }

    func makeEbayClient() -> EbayClient {
        // The process-wide registry: the access tokens the token provider registers as it
        // refreshes them must reach every log redactor, not a private copy.
        let redactor = Redactor(secrets: Telemetry.secrets)
        if let ebay = config.ebay {
            let environment: EbayEnvironment = ebay.environment == .sandbox ? .sandbox : .production
            return EbayClient(
                environment: environment,
                credentials: EbayCredentials(appID: ebay.appID, certID: ebay.certID, authToken: EbayAuthToken(classifying: ebay.authToken)),
                marketplaceID: ebay.marketplaceID, redactor: redactor, logger: logger)
        }
        // Sandbox mode: the stand-in on loopback. Before it starts there is nowhere to go;
        // port 9 (discard) makes any call fail at once instead of reaching a real host.
        let base = sandboxBaseURL ?? URL(string: "http://127.0.0.1:9")!
        return EbayClient(
            environment: .custom(baseURL: base, name: "sandbox (loopback)"),
            credentials: EbayCredentials(appID: EbaySandboxCredentials.appID, certID: EbaySandboxCredentials.certID,
                                         authToken: .refreshToken(EbaySandboxCredentials.refreshToken)),
            marketplaceID: EbaySandboxCredentials.marketplaceID, redactor: redactor, logger: logger)
    }

    /// Notification public keys by `kid`, fetched with `getPublicKey` and cached an hour.
    var ebayPublicKeys: EbayPublicKeyCache {
        if let existing = storage[EbayKeyCacheKey.self] { return existing }
        let cache = EbayPublicKeyCache { [self] kid in try await self.ebayClient().getPublicKey(id: kid) }
        storage[EbayKeyCacheKey.self] = cache
        return cache
    }

    /// Replaces the key source (tests: the SDK vectors' key without a network).
    func useEbayPublicKeys(_ cache: EbayPublicKeyCache) {
        storage[EbayKeyCacheKey.self] = cache
    }
}
