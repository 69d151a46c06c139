import Foundation
import Sandbox
import Testing
@testable import EbayAPI

/// eBay's SDK vectors (Fixtures/event-notification-nodejs-sdk.test.json).
struct SDKVector {
    var signature: String
    var message: Data
    var key: EbayPublicKey?

    /// The compact JSON of `message` in its original key order, cut from the compacted file.
    static func load(_ name: String) throws -> SDKVector {
        let compact = EbayNotificationSignature.compactJSON(try Fixtures.data("event-notification-nodejs-sdk.test.json"))
        let text = String(decoding: compact, as: UTF8.self)
        let start = try #require(text.range(of: "\"\(name)\":{"))
        let entry = String(text[start.upperBound...])
        let signature = try #require(entry.range(of: "\"signature\":\"")).upperBound
        let signatureValue = String(entry[signature...].prefix { $0 != "\"" })
        let messageStart = try #require(entry.range(of: "\"message\":")).upperBound
        var depth = 0
        var end = messageStart
        for index in entry[messageStart...].indices {
            if entry[index] == "{" { depth += 1 }
            if entry[index] == "}" { depth -= 1; if depth == 0 { end = entry.index(after: index); break } }
        }
        let keyText = entry.range(of: "\"key\":\"").map { String(entry[$0.upperBound...].prefix { $0 != "\"" }) }
        let key = keyText.map { EbayPublicKey(algorithm: "ECDSA", digest: "SHA1", key: $0) }
        let responseNull = entry.range(of: "\"response\":null").map { $0.lowerBound < (entry.range(of: "\"public_key\"")?.lowerBound ?? entry.endIndex) } ?? false
        return SDKVector(signature: signatureValue, message: Data(entry[messageStart..<end].utf8), key: responseNull ? nil : key)
    }
}

@Suite struct EbayNotificationSignatureTests {
    @Test func sdkVector_valid_verifies() throws {
        let vector = try SDKVector.load("VALID")
        let header = try #require(EbayNotificationSignature.parseHeader(vector.signature))

        #expect(header.kid == "9936261a-7d7b-4621-a0f1-96ccb428af49")
        #expect(EbayNotificationSignature.isValid(body: vector.message, header: header, publicKey: try #require(vector.key)))
    }

    @Test func sdkVector_prettyPrintedBody_stillVerifies() throws {
        let vector = try SDKVector.load("VALID")
        let header = try #require(EbayNotificationSignature.parseHeader(vector.signature))
        let pretty = Data(String(decoding: vector.message, as: UTF8.self).replacingOccurrences(of: ",\"", with: ",\n  \"").utf8)

        #expect(EbayNotificationSignature.isValid(body: pretty, header: header, publicKey: try #require(vector.key)))
    }

    @Test(arguments: ["INVALID", "SIGNATURE_MISMATCH"])
    func sdkVector_bad_isRejected(_ name: String) throws {
        let vector = try SDKVector.load(name)
        let header = try #require(EbayNotificationSignature.parseHeader(vector.signature))

        #expect(!EbayNotificationSignature.isValid(body: vector.message, header: header, publicKey: try #require(vector.key)))
    }

    @Test func forgedBody_isRejected() throws {
        let vector = try SDKVector.load("VALID")
        let header = try #require(EbayNotificationSignature.parseHeader(vector.signature))
        let forged = Data(String(decoding: vector.message, as: UTF8.self).replacingOccurrences(of: "test_user", with: "someone_else").utf8)

        #expect(!EbayNotificationSignature.isValid(body: forged, header: header, publicKey: try #require(vector.key)))
        #expect(EbayNotificationSignature.parseHeader("not base64 json") == nil)
    }

    @Test func sandboxSignature_verifiesWithKeyFromGetPublicKey() async throws {
        try await Harness.withSandbox { host, _ in
            let client = try Harness.client(host)
            let notifier = EbaySandbox.notifier(of: host.context)
            let body = EbayNotifier.payload(topic: "MARKETPLACE_ACCOUNT_DELETION", notificationID: "n-1", eventDate: Date(), data: .object(["username": .string("u")]))
            let header = try #require(EbayNotificationSignature.parseHeader(notifier.signature(for: body)))
            let cache = EbayPublicKeyCache { try await client.getPublicKey(id: $0) }

            let key = try await cache.key(for: header.kid)
            _ = try await cache.key(for: header.kid)

            #expect(EbayNotificationSignature.isValid(body: body, header: header, publicKey: key))
            #expect(await cache.fetchCount == 1)
        }
    }
}
