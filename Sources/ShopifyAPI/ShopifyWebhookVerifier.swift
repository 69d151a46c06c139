import Foundation
import IntegrationKit

/// Verifies that a webhook came from Shopify: the `X-Shopify-Hmac-Sha256` header must equal
/// base64(HMAC-SHA256(key: app client secret, message: raw body bytes)).
///
/// Verify the bytes exactly as received: re-serialised JSON differs in whitespace and fails
/// (contracts/shopify/webhooks/hmac_test_vectors.json, "negative/body-whitespace-changed").
public struct ShopifyWebhookVerifier: Sendable {
    public static let hmacHeader = "X-Shopify-Hmac-Sha256"
    /// Newer "events"-style deliveries use the lower-case, unprefixed name.
    public static let eventsHmacHeader = "shopify-hmac-sha256"

    private let secrets: [String]

    /// `previousSecrets` keeps deliveries signed with a secret being rotated out valid until
    /// the rotation completes.
    public init(secret: String, previousSecrets: [String] = []) {
        // An empty key would make a MAC anyone can compute, so empty secrets never verify.
        self.secrets = ([secret] + previousSecrets).filter { !$0.isEmpty }
    }

    /// Whether `hmacHeader` is the signature of `body` under one of the secrets.
    public func isValid(body: some DataProtocol, hmacHeader: String?) -> Bool {
        guard let hmacHeader, !hmacHeader.isEmpty else { return false }
        var valid = false
        // Check every secret (no early exit) so timing does not reveal which one matched.
        for secret in secrets {
            valid = Signatures.isValidHMACSHA256Base64(hmacHeader, message: body, key: secret) || valid
        }
        return valid
    }

    /// Reads the signature from either header name.
    public func isValid(body: some DataProtocol, headers: HTTPHeaderFields) -> Bool {
        isValid(body: body, hmacHeader: headers[Self.hmacHeader] ?? headers[Self.eventsHmacHeader])
    }
}
