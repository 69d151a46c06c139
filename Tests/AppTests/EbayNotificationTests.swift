@testable import App
@testable import EbayAPI
import Fluent
import Foundation
import Sandbox
@testable import ShoppyShopCore
import Testing
import TestSupport
import Vapor
import VaporTesting

/// `/webhooks/ebay/notifications` on SQLite (and PostgreSQL when DATABASE_URL is set),
/// against eBay's SDK vectors (copied into EbayAPITests/Fixtures, see PROVENANCE.md there).
@Suite("eBay notification intake", .serialized)
struct EbayNotificationTests {
    static let path = "webhooks/ebay/notifications"

    struct Vector {
        var signature: String
        var body: Data
        var key: EbayPublicKey
    }

    /// A vector's message as eBay sends it: compact JSON, keys in the received order.
    static func vector(_ name: String) throws -> Vector {
        let url = URL(fileURLWithPath: packageRoot + "Tests/EbayAPITests/Fixtures/event-notification-nodejs-sdk.test.json")
        let text = String(decoding: EbayNotificationSignature.compactJSON(try Data(contentsOf: url)), as: UTF8.self)
        let entry = String(text[try #require(text.range(of: "\"\(name)\":{")).upperBound...])
        let signature = String(entry[try #require(entry.range(of: "\"signature\":\"")).upperBound...].prefix { $0 != "\"" })
        let start = try #require(entry.range(of: "\"message\":")).upperBound
        var depth = 0
        var end = start
        for index in entry[start...].indices {
            if entry[index] == "{" { depth += 1 }
            if entry[index] == "}" { depth -= 1; if depth == 0 { end = entry.index(after: index); break } }
        }
        let key = String(entry[try #require(entry.range(of: "\"key\":\"")).upperBound...].prefix { $0 != "\"" })
        return Vector(signature: signature, body: Data(entry[start..<end].utf8), key: EbayPublicKey(algorithm: "ECDSA", digest: "SHA1", key: key))
    }

    /// Keys come from the vector, not the network; counts lookups.
    static func useVectorKey(_ app: Application, _ vector: Vector) -> EbayPublicKeyCache {
        let cache = EbayPublicKeyCache { _ in vector.key }
        app.useEbayPublicKeys(cache)
        return cache
    }

    func post(_ app: Application, _ body: Data, signature: String?, status: HTTPStatus) async throws {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let signature { headers.add(name: "X-EBAY-SIGNATURE", value: signature) }
        try await app.testing().test(.POST, Self.path, headers: headers, body: ByteBuffer(data: body)) { res async in
            #expect(res.status == status)
        }
    }

    func runJobs(_ app: Application) async throws -> Int {
        var ran = 0
        let context = JobContext(database: app.db, queue: app.jobQueue, logger: app.logger)
        while let job = try await app.jobQueue.claim(kinds: [EbayNotificationJob.kind], workerID: "test", lease: 30) {
            try await EbayNotificationJob.handler.run(job, context: context)
            try await app.jobQueue.complete(job)
            ran += 1
        }
        return ran
    }

    @Test func challenge_matchesContractVector() async throws {
        let config = TestConfig.sandbox([
            "EBAY_APP_ID": "app-id", "EBAY_CERT_ID": "cert-id-0123456789", "EBAY_AUTH_TOKEN": "refresh-token-0123456789",
            "EBAY_VERIFICATION_TOKEN": "71745723-d031-455c-bfa5-f90d11b4f20a",
            "EBAY_NOTIFICATION_ENDPOINT": "http://www.testendpoint.com/webhook",
        ])
        try await withConfiguredApp(config) { app in
            try await app.testing().test(.GET, Self.path + "?challenge_code=71745723-d031-455c-bfa5-f90d11b4f20a") { res async throws in
                #expect(res.status == .ok)
                let body = try res.content.decode(AccountDeletionChallenge.ResponseBody.self)
                #expect(body.challengeResponse == "048de9ffd0e35021fefc0388d5c52e0f475324f582f3778ca81a53354ccbbc97")
            }
            try await app.testing().test(.GET, Self.path) { res async in
                #expect(res.status == .badRequest)
            }
        }
    }

    @Test func validSignature_isStoredOnce_andProcessedOnce() async throws {
        try await withConfiguredApp { app in
            let vector = try Self.vector("VALID")
            let keys = Self.useVectorKey(app, vector)
            try await EbayOrder(ebayID: "01-00001-00001", buyerUsername: "test_user", orderTotal: Decimal(string: "10.00")!, currency: "USD",
                                status: "PAID", items: [], shippingDetails: nil, createdAt: Date()).create(on: app.db)

            try await post(app, vector.body, signature: vector.signature, status: .ok)
            try await post(app, vector.body, signature: vector.signature, status: .ok) // eBay redelivers

            let deliveries = try await WebhookDelivery.query(on: app.db).all()
            #expect(deliveries.count == 1)
            #expect(deliveries.first?.provider == "ebay")
            #expect(deliveries.first?.eventID == "49feeaeb-4982-42d9-a377-9645b8479411_33f7e043-fed8-442b-9d44-791923bd9a6d")
            #expect(deliveries.first?.topic == "MARKETPLACE_ACCOUNT_DELETION")
            #expect(try await runJobs(app) == 1)
            #expect(try await runJobs(app) == 0)
            #expect(try await WebhookDelivery.query(on: app.db).first()?.state == .processed)
            #expect(try await EbayOrder.query(on: app.db).first()?.buyerUsername == EbayNotificationJob.erasedUsername)
            #expect(await keys.fetchCount == 1) // the key is cached
        }
    }

    @Test(arguments: ["INVALID", "SIGNATURE_MISMATCH"])
    func badSignature_isRejected_andNothingStored(_ name: String) async throws {
        try await withConfiguredApp { app in
            let vector = try Self.vector(name)
            _ = Self.useVectorKey(app, vector)

            try await post(app, vector.body, signature: vector.signature, status: .preconditionFailed)

            #expect(try await WebhookDelivery.query(on: app.db).count() == 0)
            #expect(try await JobRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func forgedOrMissingSignature_isRejected() async throws {
        try await withConfiguredApp { app in
            let vector = try Self.vector("VALID")
            _ = Self.useVectorKey(app, vector)
            let forged = Data(String(decoding: vector.body, as: UTF8.self).replacingOccurrences(of: "test_user", with: "victim").utf8)

            try await post(app, forged, signature: vector.signature, status: .preconditionFailed)
            try await post(app, vector.body, signature: nil, status: .preconditionFailed)
            try await post(app, vector.body, signature: "bm90IGpzb24=", status: .preconditionFailed)

            #expect(try await WebhookDelivery.query(on: app.db).count() == 0)
        }
    }

    @Test func sandboxNotifier_signsWhatTheIntakeAccepts() async throws {
        try await withConfiguredApp { app in
            let notifier = EbayNotifier(seed: 42)
            let key = EbayPublicKey(algorithm: "ECDSA", digest: "SHA1", key: notifier.publicKeyPEM)
            app.useEbayPublicKeys(EbayPublicKeyCache { kid in
                guard kid == notifier.keyID else { throw Abort(.notFound) }
                return key
            })
            let body = EbayNotifier.payload(topic: "MARKETPLACE_ACCOUNT_DELETION", notificationID: "sandbox-1", eventDate: Date(),
                                            data: .object(["username": .string("someone")]))

            try await post(app, body, signature: notifier.signature(for: body), status: .ok)

            #expect(try await WebhookDelivery.query(on: app.db).count() == 1)
            #expect(EbaySandbox.notificationPath == "/" + Self.path)
        }
    }
    /// An `X-EBAY-SIGNATURE` naming `kid`, with a signature that verifies nothing.
    static func forgedSignature(kid: String) throws -> String {
        let header = EbayNotificationSignature.Header(alg: "ecdsa", kid: kid, signature: "MEUCIQ==", digest: "SHA1")
        return try JSONEncoder().encode(header).base64EncodedString()
    }

    @Test func nonASCIIKid_isRejected_beforeAnyLookup() async throws {
        try await withConfiguredApp { app in
            let host = try await app.startSandbox(app.sandboxConfiguration())
            let vector = try Self.vector("VALID")

            // Used to reach getPublicKey → URLComponents.percentEncodedPath → fatalError.
            for kid in ["é", "١", "鞋", "../oauth", String(repeating: "a", count: 129)] {
                try await post(app, vector.body, signature: try Self.forgedSignature(kid: kid), status: .preconditionFailed)
            }

            #expect(await app.ebayPublicKeys.fetchCount == 0)
            #expect(EbaySandbox.state(of: host.context).callsPerOperation["getPublicKey"] == nil)
            #expect(try await WebhookDelivery.query(on: app.db).count() == 0)
            // Still serving.
            try await app.testing().test(.GET, "health") { res async in #expect(res.status.code < 500) }
        }
    }

    @Test func unknownKid_twice_isOneGetPublicKeyCall() async throws {
        try await withConfiguredApp { app in
            let host = try await app.startSandbox(app.sandboxConfiguration())
            let vector = try Self.vector("VALID")
            let signature = try Self.forgedSignature(kid: "forged-kid-0001")

            try await post(app, vector.body, signature: signature, status: .internalServerError)
            try await post(app, vector.body, signature: signature, status: .internalServerError)

            #expect(EbaySandbox.state(of: host.context).callsPerOperation["getPublicKey"] == 1)
            #expect(try await WebhookDelivery.query(on: app.db).count() == 0)
        }
    }

    @Test func accountDeletion_erasesShippingDetails_andThePayload() async throws {
        try await withConfiguredApp { app in
            let vector = try Self.vector("VALID")
            _ = Self.useVectorKey(app, vector)
            let address = ShippingDetails(fullName: "Test User", addressLine1: "1 Main St", city: "San Jose", stateOrProvince: "CA",
                                          postalCode: "95125", countryCode: "US", phone: "+1 555 0100")
            try await EbayOrder(ebayID: "01-00001-00001", buyerUsername: "test_user", orderTotal: 10, currency: "USD",
                                status: "PAID", items: [], shippingDetails: address, createdAt: Date()).create(on: app.db)
            try await EbayOrder(ebayID: "01-00002-00002", buyerUsername: "someone_else", orderTotal: 12, currency: "USD",
                                status: "PAID", items: [], shippingDetails: address, createdAt: Date()).create(on: app.db)

            try await post(app, vector.body, signature: vector.signature, status: .ok)
            #expect(try await runJobs(app) == 1)

            let erased = try #require(try await EbayOrder.query(on: app.db).filter(\.$ebayID == "01-00001-00001").first())
            #expect(erased.buyerUsername == EbayNotificationJob.erasedUsername)
            #expect(erased.shippingDetails == nil)
            let other = try #require(try await EbayOrder.query(on: app.db).filter(\.$ebayID == "01-00002-00002").first())
            #expect(other.buyerUsername == "someone_else")
            #expect(other.shippingDetails == address)
            let delivery = try #require(try await WebhookDelivery.query(on: app.db).first())
            #expect(delivery.state == .processed)
            #expect(delivery.payload == "")
            #expect(!delivery.payload.contains("test_user"))
        }
    }

    @Test func ebayClient_registersSecretsWithTheProcessWideRegistry() async throws {
        try await withConfiguredApp { app in
            // Refreshed access tokens are registered on the client's registry: it must be the
            // one every log redactor reads.
            #expect(app.makeEbayClient().http.redactor.secrets === Telemetry.secrets)
        }
    }
}
