import Crypto
import Foundation
import IntegrationKit
import Logging

/// Signs notifications the way eBay does and delivers them: ECDSA P-256 over SHA-1 of the
/// body, header `X-EBAY-SIGNATURE` = base64 of `{"alg":"ecdsa","kid":…,"signature":…,"digest":"SHA1"}`
/// (contracts/ebay/oauth_and_notification_auth.json). The key is derived from the sandbox
/// seed, so runs are reproducible; `getPublicKey(kid)` serves its public half.
public final class EbayNotifier: Sendable {
    public let keyID: String
    /// The raw scalar: Crypto's key types are not Sendable.
    let privateKeyBytes: Data
    let transport: any HTTPTransport
    private let delivered = LockedBox<[(notificationID: String, status: Int?)]>([])

    public init(seed: UInt64, transport: any HTTPTransport = AsyncHTTPClientTransport()) {
        let material = SHA256.hash(data: Data("shoppyshop-ebay-sandbox-notification-key-\(seed)".utf8))
        // A SHA-256 digest is a valid P-256 scalar with overwhelming probability; fall back to a fresh key.
        let privateKey = (try? P256.Signing.PrivateKey(rawRepresentation: Data(material))) ?? P256.Signing.PrivateKey()
        self.privateKeyBytes = privateKey.rawRepresentation
        let id = Array(SHA256.hash(data: privateKey.publicKey.derRepresentation)).prefix(16)
        let hex = id.map { String(format: "%02x", $0) }.joined()
        // eBay's key ids are UUIDs (the SDK vectors: 9936261a-7d7b-4621-a0f1-96ccb428af49).
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20).prefix(12)]
        self.keyID = parts.map(String.init).joined(separator: "-")
        self.transport = transport
    }

    var privateKey: P256.Signing.PrivateKey {
        // The bytes came from a valid key, so this cannot fail.
        try! P256.Signing.PrivateKey(rawRepresentation: privateKeyBytes)
    }

    /// The key as `getPublicKey` returns it: PEM on one line, as eBay sends it.
    public var publicKeyPEM: String {
        privateKey.publicKey.pemRepresentation.replacingOccurrences(of: "\n", with: "")
    }

    /// The `X-EBAY-SIGNATURE` value for `body`.
    public func signature(for body: Data) -> String {
        let signature = (try? privateKey.signature(for: Insecure.SHA1.hash(data: body)))?.derRepresentation ?? Data()
        let header = EbayJSON.object([
            "alg": .string("ecdsa"), "kid": .string(keyID),
            "signature": .string(signature.base64EncodedString()), "digest": .string("SHA1"),
        ])
        return header.data().base64EncodedString()
    }

    /// A notification in eBay's envelope (`metadata` + `notification`), compact JSON.
    public static func payload(topic: String, notificationID: String, eventDate: Date, data: EbayJSON) -> Data {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let stamp = formatter.string(from: eventDate)
        return EbayJSON.object([
            "metadata": .object(["topic": .string(topic), "schemaVersion": .string("1.0"), "deprecated": .bool(false)]),
            "notification": .object([
                "notificationId": .string(notificationID), "eventDate": .string(stamp), "publishDate": .string(stamp),
                "publishAttemptCount": .int(1), "data": data,
            ]),
        ]).data()
    }

    /// Signs and POSTs `body` to `url`; returns the status the endpoint answered (nil: unreachable).
    @discardableResult
    public func deliver(_ body: Data, notificationID: String, to url: URL) async -> Int? {
        let request = OutboundRequest(
            method: .post, url: url,
            headers: ["Content-Type": "application/json", "X-EBAY-SIGNATURE": signature(for: body)],
            body: body, isIdempotent: true, timeout: .seconds(10), operation: "ebayNotification")
        let status = try? await transport.execute(request, timeout: .seconds(10)).status
        delivered.withLock { $0.append((notificationID, status)) }
        return status
    }

    /// Every delivery attempt: notification id and the status it got.
    public var deliveries: [(notificationID: String, status: Int?)] { delivered.current }
}
