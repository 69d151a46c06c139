@testable import App
import Fluent
import Foundation
import IntegrationKit
import Sandbox
@testable import ShoppyShopCore
import Testing
import TestSupport
import Vapor
import VaporTesting

/// `POST /webhooks/shopify` on SQLite (and PostgreSQL when DATABASE_URL is set).
@Suite("Shopify webhook intake", .serialized)
struct ShopifyWebhookTests {
    /// Shopify's docs examples, copied into ShopifyAPITests/Fixtures (see PROVENANCE.md there).
    static func example(_ name: String) throws -> Data {
        let url = URL(fileURLWithPath: packageRoot + "Tests/ShopifyAPITests/Fixtures/" + name)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        return try JSONSerialization.data(withJSONObject: object?["response"] ?? [:])
    }

    static func headers(_ body: Data, topic: String, eventID: String, secret: String = ShopifySandbox.demoWebhookSecret) -> HTTPHeaders {
        [
            "Content-Type": "application/json",
            "X-Shopify-Topic": topic,
            "X-Shopify-Event-Id": eventID,
            "X-Shopify-Webhook-Id": "wh-\(eventID)",
            "X-Shopify-Triggered-At": "2025-06-01T12:00:00Z",
            "X-Shopify-Hmac-Sha256": Signatures.hmacSHA256Base64(body, key: secret),
        ]
    }

    func post(_ app: Application, _ body: Data, headers: HTTPHeaders, status: HTTPStatus) async throws {
        try await app.testing().test(.POST, "webhooks/shopify", headers: headers, body: ByteBuffer(data: body)) { res async in
            #expect(res.status == status)
        }
    }

    func runJobs(_ app: Application, job handler: ShopifyWebhookJob = ShopifyWebhookJob()) async throws -> Int {
        var ran = 0
        let context = JobContext(database: app.db, queue: app.jobQueue, logger: app.logger)
        while let job = try await app.jobQueue.claim(kinds: [ShopifyWebhookJob.kind], workerID: "test", lease: 30) {
            try await handler.run(job, context: context)
            try await app.jobQueue.complete(job)
            ran += 1
        }
        return ran
    }

    @Test func missingOrForgedSignature_is401_andStoresNothing() async throws {
        try await withConfiguredApp { app in
            let body = try Self.example("webhook-products-update-2025-01.json")
            var unsigned = Self.headers(body, topic: "products/update", eventID: "e1")
            unsigned.remove(name: "X-Shopify-Hmac-Sha256")
            try await post(app, body, headers: unsigned, status: .unauthorized)
            try await post(app, body, headers: Self.headers(body, topic: "products/update", eventID: "e1", secret: "not-the-secret"), status: .unauthorized)
            // Signed, then the body altered in transit.
            var altered = body
            altered.append(contentsOf: Array(" ".utf8))
            try await post(app, altered, headers: Self.headers(body, topic: "products/update", eventID: "e1"), status: .unauthorized)
            #expect(try await WebhookDelivery.query(on: app.db).count() == 0)
            #expect(try await JobRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func oversizedBody_is413() async throws {
        try await withConfiguredApp { app in
            let body = Data(#"{"pad":""#.utf8) + Data(repeating: UInt8(ascii: "a"), count: 1_100_000) + Data(#""}"#.utf8)
            try await post(app, body, headers: Self.headers(body, topic: "products/update", eventID: "big"), status: .payloadTooLarge)
            #expect(try await WebhookDelivery.query(on: app.db).count() == 0)
        }
    }

    @Test func malformedJSON_withValidSignature_is400() async throws {
        try await withConfiguredApp { app in
            let body = Data("{not json".utf8)
            try await post(app, body, headers: Self.headers(body, topic: "products/update", eventID: "bad"), status: .badRequest)
            #expect(try await WebhookDelivery.query(on: app.db).count() == 0)
        }
    }

    @Test func productUpdate_isStoredOnce_andJobUpsertsMirror() async throws {
        try await withConfiguredApp { app in
            let body = try Self.example("webhook-products-update-2025-01.json")
            let headers = Self.headers(body, topic: "products/update", eventID: "evt-1")
            try await post(app, body, headers: headers, status: .ok)
            try await post(app, body, headers: headers, status: .ok) // Shopify redelivers
            let deliveries = try await WebhookDelivery.query(on: app.db).all()
            #expect(deliveries.count == 1)
            #expect(deliveries.first?.topic == "products/update")
            #expect(deliveries.first?.webhookID == "wh-evt-1")
            #expect(deliveries.first?.triggeredAt != nil)
            #expect(try await runJobs(app) == 1)

            // The id comes from admin_graphql_api_id: the numeric id lost precision in the example.
            let product = try #require(try await ShopifyProduct.query(on: app.db).first())
            #expect(product.shopifyID == 788_032_119_674_292_922)
            #expect(product.title == "Example T-Shirt")
            #expect(product.price.value == Decimal(string: "19.99")!)
            let variants = try await ShopifyVariant.query(on: app.db).sort(\.$position).all()
            #expect(variants.map(\.shopifyID) == [642_667_041_472_713_922, 757_650_484_644_203_962])
            #expect(variants.map(\.inventoryQuantity) == [75, 50])
            #expect(try await WebhookDelivery.query(on: app.db).first()?.state == .processed)

            // Processing again (a crashed worker's lease expiring) changes nothing.
            let again = try JobSpec(kind: ShopifyWebhookJob.kind, payload: WebhookIntake.Payload(deliveryID: deliveries[0].requireID()))
            try await app.jobQueue.enqueue(again)
            _ = try await runJobs(app)
            #expect(try await ShopifyProduct.query(on: app.db).count() == 1)
            #expect(try await ShopifyVariant.query(on: app.db).count() == 2)
        }
    }

    @Test func inventoryAndOrderWebhooks_updateMirror() async throws {
        try await withConfiguredApp { app in
            let product = ShopifyProduct(shopifyID: 1, title: "Mug", price: 12, currency: "USD", inventoryQuantity: 5,
                                         variants: [VariantSnapshot(id: 11, sku: "MUG", title: "Default Title", price: 12, inventoryItemID: 271_878_346_596_884_015, inventoryQuantity: 5)])
            try await product.save(on: app.db)
            try await ShopifyVariant(productID: product.requireID(), shopifyID: 11, sku: "MUG", title: "Default Title", price: 12, inventoryItemID: 271_878_346_596_884_015, inventoryQuantity: 5, position: 1).save(on: app.db)

            let level = Data(#"{"inventory_item_id":271878346596884015,"location_id":24826418,"available":7,"updated_at":"2025-06-01T12:00:00Z"}"#.utf8)
            try await post(app, level, headers: Self.headers(level, topic: "inventory_levels/update", eventID: "inv-1"), status: .ok)
            let order = try Self.example("webhook-orders-create-2025-01.json")
            try await post(app, order, headers: Self.headers(order, topic: "orders/create", eventID: "ord-1"), status: .ok)
            #expect(try await runJobs(app) == 2)

            #expect(try await ShopifyVariant.query(on: app.db).first()?.inventoryQuantity == 7)
            #expect(try await ShopifyProduct.query(on: app.db).first()?.inventoryQuantity == 7)
            let mirrored = try #require(try await ShopifyOrder.query(on: app.db).first())
            #expect(mirrored.shopifyID == 820_982_911_946_154_508)
            #expect(mirrored.totalPrice.value == Decimal(string: "359.97")!)
            #expect(mirrored.items.count == 3)
        }
    }

    /// products/* payloads carry no currency: product rows take the shop's (read through the
    /// job's provider), not a hard-coded "USD", and a row made before is corrected.
    @Test func productWebhook_takesTheShopsCurrency() async throws {
        try await withConfiguredApp { app in
            let reads = LockedCounter()
            let job = ShopifyWebhookJob(shopCurrency: { reads.increment(); return "EUR" })
            let body = try Self.example("webhook-products-update-2025-01.json")
            try await post(app, body, headers: Self.headers(body, topic: "products/create", eventID: "cur-1"), status: .ok)
            #expect(try await runJobs(app, job: job) == 1)
            #expect(try await ShopifyProduct.query(on: app.db).first()?.currency == "EUR")

            // A row mirrored with the old "USD" default is corrected by the next update.
            let row = try #require(try await ShopifyProduct.query(on: app.db).first())
            row.currency = "USD"
            try await row.save(on: app.db)
            try await post(app, body, headers: Self.headers(body, topic: "products/update", eventID: "cur-2"), status: .ok)
            #expect(try await runJobs(app, job: job) == 1)
            #expect(try await ShopifyProduct.query(on: app.db).first()?.currency == "EUR")
            #expect(reads.value == 2)

            // No Shopify client (provider answers nil): the row keeps its currency.
            let unknown = ShopifyWebhookJob(shopCurrency: { nil })
            try await post(app, body, headers: Self.headers(body, topic: "products/update", eventID: "cur-3"), status: .ok)
            #expect(try await runJobs(app, job: unknown) == 1)
            #expect(try await ShopifyProduct.query(on: app.db).first()?.currency == "EUR")
        }
    }
}

private final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
