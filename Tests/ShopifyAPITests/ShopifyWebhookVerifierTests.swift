import Foundation
import IntegrationKit
import Testing

@testable import ShopifyAPI

/// Vectors: Fixtures/hmac_test_vectors.json (copy of contracts/shopify/webhooks, see PROVENANCE.md).
struct HMACVectorFile: Decodable {
    struct Vector: Decodable, CustomTestStringConvertible, Sendable {
        let id: String
        let secret: String
        let body: String
        let expected_header_value: String
        let expected_valid: Bool
        var testDescription: String { id }
    }

    let header: String
    let header_events_style: String
    let vectors: [Vector]

    static func load() throws -> HMACVectorFile {
        try JSONDecoder().decode(HMACVectorFile.self, from: Fixtures.data("hmac_test_vectors.json"))
    }
}

@Suite struct ShopifyWebhookVerifierTests {
    @Test func vectors_all_verify_as_expected() throws {
        let file = try HMACVectorFile.load()
        #expect(file.vectors.count == 4)
        for vector in file.vectors {
            let verifier = ShopifyWebhookVerifier(secret: vector.secret)

            let valid = verifier.isValid(body: Array(vector.body.utf8), hmacHeader: vector.expected_header_value)

            #expect(valid == vector.expected_valid, "\(vector.id)")
        }
    }

    @Test func vectors_header_names_match_contract() throws {
        let file = try HMACVectorFile.load()
        #expect(ShopifyWebhookVerifier.hmacHeader == file.header)
        #expect(ShopifyWebhookVerifier.eventsHmacHeader == file.header_events_style)
    }

    @Test func valid_vectors_fail_after_any_single_flipped_body_byte() throws {
        let file = try HMACVectorFile.load()
        for vector in file.vectors where vector.expected_valid {
            let verifier = ShopifyWebhookVerifier(secret: vector.secret)
            let body = Array(vector.body.utf8)
            for index in body.indices {
                var tampered = body
                tampered[index] ^= 0x01

                #expect(!verifier.isValid(body: tampered, hmacHeader: vector.expected_header_value), "\(vector.id) byte \(index)")
            }
        }
    }

    @Test func valid_vectors_fail_with_flipped_signature_byte_or_wrong_secret() throws {
        let file = try HMACVectorFile.load()
        for vector in file.vectors where vector.expected_valid {
            let body = Array(vector.body.utf8)
            var signature = Array(Data(base64Encoded: vector.expected_header_value)!)
            signature[signature.count - 1] ^= 0x80
            let tampered = Data(signature).base64EncodedString()

            #expect(!ShopifyWebhookVerifier(secret: vector.secret).isValid(body: body, hmacHeader: tampered))
            #expect(!ShopifyWebhookVerifier(secret: vector.secret + "x").isValid(body: body, hmacHeader: vector.expected_header_value))
        }
    }

    @Test func missing_empty_or_garbage_header_is_invalid() {
        let verifier = ShopifyWebhookVerifier(secret: "test_secret_key")
        let body = Array(#"{"foo": "bar"}"#.utf8)

        #expect(!verifier.isValid(body: body, hmacHeader: nil))
        #expect(!verifier.isValid(body: body, hmacHeader: ""))
        #expect(!verifier.isValid(body: body, hmacHeader: "not base64 !!"))
    }

    @Test func empty_secret_never_verifies() {
        let body = Array("payload".utf8)
        let signatureWithEmptyKey = Signatures.hmacSHA256Base64(body, key: "")

        #expect(!ShopifyWebhookVerifier(secret: "").isValid(body: body, hmacHeader: signatureWithEmptyKey))
    }

    @Test func headers_either_name_and_rotated_secret() throws {
        let file = try HMACVectorFile.load()
        let vector = try #require(file.vectors.first { $0.expected_valid })
        let body = Array(vector.body.utf8)
        let rotating = ShopifyWebhookVerifier(secret: "new-secret-after-rotation", previousSecrets: [vector.secret])

        #expect(rotating.isValid(body: body, headers: ["x-shopify-hmac-sha256": vector.expected_header_value]))
        #expect(rotating.isValid(body: body, headers: ["Shopify-Hmac-Sha256": vector.expected_header_value]))
        #expect(!rotating.isValid(body: body, headers: ["X-Shopify-Topic": "products/update"]))
    }
}
