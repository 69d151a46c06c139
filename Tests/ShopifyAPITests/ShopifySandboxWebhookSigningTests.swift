import Foundation
import IntegrationKit
import Sandbox
import ShopifyAPI
import Testing

/// The sandbox signs its webhooks the way Shopify does, so the app's verifier
/// (`ShopifyWebhookVerifier`) accepts them under the demo secret, and refuses them once the
/// body or the secret is not the one signed.
@Suite("Shopify sandbox webhooks verify with ShopifyWebhookVerifier")
struct ShopifySandboxWebhookSigningTests {
    /// Keeps every delivery as it would go on the wire, and answers 200.
    final class CapturingTransport: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var captured: [OutboundRequest] = []
        var requests: [OutboundRequest] { lock.withLock { captured } }

        func execute(_ request: OutboundRequest, timeout: Duration) async throws -> OutboundResponse {
            lock.withLock { captured.append(request) }
            return OutboundResponse(status: 200)
        }
    }

    static let callback = URL(string: "http://127.0.0.1:9/webhooks/shopify")!

    /// A sandbox whose webhooks go to `transport`; `body` triggers some through merchant actions.
    func deliveries(_ body: (ShopifyBackend, SandboxHost) async throws -> Void) async throws -> [OutboundRequest] {
        let transport = CapturingTransport()
        var services = SandboxServices()
        let handle = ShopifySandboxHandle()
        services.registerShopify(options: .init(webhookRetryBaseDelay: .milliseconds(5), webhookURL: Self.callback, webhookTransport: transport), handle: handle)
        try await SandboxHost.withRunning(.init(products: 5), services: services) { host in
            let backend = try #require(handle.backend)
            try await body(backend, host)
            await backend.webhooks.waitUntilIdle()
        }
        return transport.requests
    }

    @Test func signedDeliveries_verify_withTheDemoSecret() async throws {
        let requests = try await deliveries { backend, host in
            let variant = host.store.products[0].variants[0]
            let level = variant.inventoryLevels[0]
            try await backend.setStock(inventoryItemID: variant.inventoryItemID, locationID: level.locationID, available: level.available + 1)
            try await backend.updateProduct(id: host.store.products[1].id, title: "Renamed – ünïcode body")
        }
        #expect(requests.map { $0.headers["X-Shopify-Topic"] } == ["inventory_levels/update", "products/update"])
        let verifier = ShopifyWebhookVerifier(secret: ShopifySandbox.demoWebhookSecret)
        for request in requests {
            let body = try #require(request.body)
            #expect(request.url == Self.callback)
            #expect(request.headers[ShopifyWebhookVerifier.hmacHeader]?.isEmpty == false)
            #expect(verifier.isValid(body: body, headers: request.headers), "\(request.headers["X-Shopify-Topic"] ?? "?")")
            // The signature is over the raw bytes: the payload is JSON and carries the change.
            #expect((try? JSONSerialization.jsonObject(with: body)) is [String: Any])
        }
    }

    @Test func tamperedBody_orOtherSecret_doesNotVerify() async throws {
        let requests = try await deliveries { backend, host in
            let variant = host.store.products[0].variants[0]
            let level = variant.inventoryLevels[0]
            try await backend.setStock(inventoryItemID: variant.inventoryItemID, locationID: level.locationID, available: 7)
        }
        let request = try #require(requests.first)
        let body = try #require(request.body)
        let header = request.headers[ShopifyWebhookVerifier.hmacHeader]
        let verifier = ShopifyWebhookVerifier(secret: ShopifySandbox.demoWebhookSecret)
        #expect(verifier.isValid(body: body, hmacHeader: header))

        // Same JSON, another stock figure: what a forger would send.
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.contains("\"available\":7"))
        let forged = Data(text.replacingOccurrences(of: "\"available\":7", with: "\"available\":700").utf8)
        #expect(!verifier.isValid(body: forged, hmacHeader: header))
        // Any single byte flipped, one more byte, or one byte fewer.
        var flipped = body
        flipped[flipped.startIndex] ^= 0x01
        #expect(!verifier.isValid(body: flipped, hmacHeader: header))
        #expect(!verifier.isValid(body: body + Data(" ".utf8), hmacHeader: header))
        #expect(!verifier.isValid(body: body.dropLast(), hmacHeader: header))
        // Another app's secret, and no signature at all.
        #expect(!ShopifyWebhookVerifier(secret: "another-apps-secret").isValid(body: body, hmacHeader: header))
        #expect(!verifier.isValid(body: body, hmacHeader: nil))
    }
}
