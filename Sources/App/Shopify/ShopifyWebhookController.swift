import Fluent
import Foundation
import IntegrationKit
import Sandbox
import ShopifyAPI
import ShoppyShopCore
import Vapor

/// `POST /webhooks/shopify`: verify → persist → answer 200 → process in a job.
enum ShopifyWebhookController {
    static let path: [PathComponent] = ["webhooks", "shopify"]
    /// Shopify's largest payloads (orders with many lines) stay well under 1 MB; anything
    /// bigger is refused before it is read into memory.
    static let maximumBody: ByteCount = "1mb"

    static func register(_ app: Application) {
        app.on(.POST, path, body: .collect(maxSize: maximumBody), use: receive)
    }

    static func receive(_ request: Request) async throws -> HTTPStatus {
        let body = request.body.data.map { Data(buffer: $0) } ?? Data()
        // The route's collect limit refuses large streamed bodies; this covers bodies that
        // arrived already collected.
        guard body.count <= maximumBody.value else { throw Abort(.payloadTooLarge) }
        var headers = HTTPHeaderFields()
        for (name, value) in request.headers { headers.add(name: name, value: value) }
        guard request.application.shopifyWebhookVerifier.isValid(body: body, headers: headers) else {
            // Nothing is stored for an unsigned or forged delivery.
            throw Abort(.unauthorized)
        }
        guard (try? JSONSerialization.jsonObject(with: body)) is [String: Any] else { throw Abort(.badRequest, reason: "body is not a JSON object") }
        guard let topic = request.headers.first(name: ShopifyWebhook.topicHeader), !topic.isEmpty,
              let eventID = request.headers.first(name: ShopifyWebhook.eventIDHeader) ?? request.headers.first(name: ShopifyWebhook.webhookIDHeader), !eventID.isEmpty else {
            throw Abort(.badRequest, reason: "missing X-Shopify-Topic or X-Shopify-Event-Id")
        }
        let delivery = WebhookDelivery(
            provider: ShopifyWebhookProcessor.provider, eventID: eventID, topic: topic,
            webhookID: request.headers.first(name: ShopifyWebhook.webhookIDHeader),
            triggeredAt: request.headers.first(name: ShopifyWebhook.triggeredAtHeader).flatMap(ShopifyDates.parse),
            payload: String(decoding: body, as: UTF8.self))
        // A redelivery of an event we already have is answered 200 too, and stored once.
        _ = try await WebhookIntake.accept(delivery, queue: request.application.jobQueue) { id in
            try ShopifyWebhookJob.spec(forDelivery: id, topic: topic)
        }
        return .ok
    }
}

extension Application {
    /// Live: the app's Shopify secret; sandbox: the stand-in's demo secret.
    var shopifyWebhookVerifier: ShopifyWebhookVerifier {
        if let secret = config.shopify?.webhookSecret { return ShopifyWebhookVerifier(secret: secret) }
        if config.mode == .sandbox { return ShopifyWebhookVerifier(secret: ShopifySandbox.demoWebhookSecret) }
        return ShopifyWebhookVerifier(secret: "") // no secret configured: nothing verifies
    }

    /// The webhook job with the shop's currency for the product mirror. The job keeps one
    /// client, made on first use (in sandbox mode the stand-in's URL is known only once it
    /// runs), so the shop is read once per job, i.e. once per worker process.
    public func shopifyWebhookJob() -> ShopifyWebhookJob {
        let shared = SharedShopifyClient()
        return ShopifyWebhookJob(shopCurrency: { [self] in
            guard let client = shared.client(orMake: self.shopifyClient) else { return nil }
            return try await client.shopCurrency()
        })
    }

    /// The Shopify client: the configured store, or the sandbox stand-in in sandbox mode.
    public func shopifyClient() -> ShopifyClient? {
        if let shopify = config.shopify, let domain = try? ShopifyStoreDomain(shopify.storeDomain) {
            return ShopifyClient(endpoint: ShopifyAdminEndpoint(store: domain), accessToken: shopify.accessToken)
        }
        guard config.mode == .sandbox, let base = sandboxBaseURL else { return nil }
        return ShopifyClient(endpoint: ShopifyAdminEndpoint(sandboxBaseURL: base), accessToken: ShopifySandbox.demoAccessToken)
    }
}

/// One Shopify client, made on first use and then kept.
private final class SharedShopifyClient: @unchecked Sendable {
    private let lock = NSLock()
    private var made: ShopifyClient?

    func client(orMake make: () -> ShopifyClient?) -> ShopifyClient? {
        lock.withLock {
            if made == nil { made = make() }
            return made
        }
    }
}
