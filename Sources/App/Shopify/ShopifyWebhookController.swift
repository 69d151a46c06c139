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
        let db = request.db
        if try await WebhookDelivery.query(on: db).filter(\.$provider == ShopifyWebhookProcessor.provider).filter(\.$eventID == eventID).first() != nil {
            return .ok // a redelivery of an event we already have
        }
        let delivery = WebhookDelivery(
            provider: ShopifyWebhookProcessor.provider, eventID: eventID, topic: topic,
            webhookID: request.headers.first(name: ShopifyWebhook.webhookIDHeader),
            triggeredAt: request.headers.first(name: ShopifyWebhook.triggeredAtHeader).flatMap(ShopifyDates.parse),
            payload: String(decoding: body, as: UTF8.self))
        do {
            try await delivery.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return .ok // the same event raced in on another connection; unique(provider, event_id) kept one
        }
        try await request.application.jobQueue.enqueue(ShopifyWebhookJob.spec(for: delivery))
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

    /// The Shopify client: the configured store, or the sandbox stand-in in sandbox mode.
    public func shopifyClient() -> ShopifyClient? {
        if let shopify = config.shopify, let domain = try? ShopifyStoreDomain(shopify.storeDomain) {
            return ShopifyClient(endpoint: ShopifyAdminEndpoint(store: domain), accessToken: shopify.accessToken)
        }
        guard config.mode == .sandbox, let base = sandboxBaseURL else { return nil }
        return ShopifyClient(endpoint: ShopifyAdminEndpoint(sandboxBaseURL: base), accessToken: ShopifySandbox.demoAccessToken)
    }
}
