import Crypto
import Foundation

/// `X-EBAY-SIGNATURE` verification as eBay's event-notification SDKs do it
/// (eBay/event-notification-nodejs-sdk `lib/validator.js`, transcribed in
/// contracts/ebay/oauth_and_notification_auth.json):
/// the header is base64 of `{"alg":"ecdsa","kid":…,"signature":<base64 DER>,"digest":"SHA1"}`;
/// the key comes from the Notification API's `getPublicKey(kid)`; the signature is ECDSA
/// (P-256) with SHA-1 over the compact JSON of the message (`JSON.stringify`, keys in
/// received order).
public enum EbayNotificationSignature {
    public static let headerName = "X-EBAY-SIGNATURE"

    /// The decoded header.
    public struct Header: Codable, Sendable, Hashable {
        public var alg: String
        public var kid: String
        public var signature: String
        public var digest: String

        public init(alg: String, kid: String, signature: String, digest: String) {
            self.alg = alg
            self.kid = kid
            self.signature = signature
            self.digest = digest
        }
    }

    public static func parseHeader(_ value: String) -> Header? {
        guard let json = Data(base64Encoded: value.trimmingCharacters(in: .whitespaces)) else { return nil }
        return try? JSONDecoder().decode(Header.self, from: json)
    }

    /// Whether `body` carries a valid signature by `publicKey`. The SDK re-serialises the
    /// parsed body compactly before verifying, so both the bytes as received and their
    /// compact form are tried (eBay sends compact JSON; a proxy may not).
    public static func isValid(body: Data, header: Header, publicKey: EbayPublicKey) -> Bool {
        guard header.alg.lowercased() == "ecdsa", header.digest.uppercased() == "SHA1",
              (publicKey.algorithm ?? "ECDSA").uppercased() == "ECDSA",
              (publicKey.digest ?? "SHA1").uppercased() == "SHA1",
              let pem = publicKey.key.map(formatPEM),
              let key = try? P256.Signing.PublicKey(pemRepresentation: pem),
              let der = Data(base64Encoded: header.signature),
              let signature = try? P256.Signing.ECDSASignature(derRepresentation: der)
        else { return false }
        if key.isValidSignature(signature, for: Insecure.SHA1.hash(data: body)) { return true }
        let compact = compactJSON(body)
        return compact != body && key.isValidSignature(signature, for: Insecure.SHA1.hash(data: compact))
    }

    /// eBay sends the PEM on one line; the SDK puts line breaks after the BEGIN line and
    /// before the END line (validator.js `formatKey`).
    public static func formatPEM(_ key: String) -> String {
        let begin = "-----BEGIN PUBLIC KEY-----", end = "-----END PUBLIC KEY-----"
        var body = key.replacingOccurrences(of: begin, with: "").replacingOccurrences(of: end, with: "")
        body.removeAll { $0.isWhitespace }
        var lines: [String] = []
        var rest = Substring(body)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(64)))
            rest = rest.dropFirst(64)
        }
        return ([begin] + lines + [end]).joined(separator: "\n")
    }

    /// JSON with the whitespace between tokens removed, keys and escapes untouched: what
    /// `JSON.stringify(JSON.parse(body))` gives for the JSON eBay sends.
    public static func compactJSON(_ data: Data) -> Data {
        var output = Data()
        output.reserveCapacity(data.count)
        var inString = false
        var escaped = false
        for byte in data {
            if inString {
                output.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "\""): inString = true; output.append(byte)
            default: output.append(byte)
            }
        }
        return output
    }
}

/// Public keys by `kid`, fetched once and kept (eBay's SDK caches them for an hour).
public actor EbayPublicKeyCache {
    public typealias Fetch = @Sendable (String) async throws -> EbayPublicKey
    private let fetch: Fetch
    private let lifetime: TimeInterval
    private let now: @Sendable () -> Date
    private var keys: [String: (key: EbayPublicKey, fetchedAt: Date)] = [:]
    private var inFlight: [String: Task<EbayPublicKey, any Error>] = [:]
    public private(set) var fetchCount = 0

    public init(lifetime: TimeInterval = 3_600, now: @escaping @Sendable () -> Date = { Date() }, fetch: @escaping Fetch) {
        self.fetch = fetch
        self.lifetime = lifetime
        self.now = now
    }

    public func key(for kid: String) async throws -> EbayPublicKey {
        if let cached = keys[kid], now().timeIntervalSince(cached.fetchedAt) < lifetime { return cached.key }
        if let task = inFlight[kid] { return try await task.value }
        fetchCount += 1
        let fetch = self.fetch
        let task = Task { try await fetch(kid) }
        inFlight[kid] = task
        defer { inFlight[kid] = nil }
        let key = try await task.value
        keys[kid] = (key, now())
        return key
    }
}

/// The envelope of an eBay notification (`metadata` + `notification`), as in the SDK's
/// test vectors; `data` is topic-specific and kept raw by the intake.
public struct EbayNotificationEnvelope: Decodable, Sendable {
    public struct Metadata: Decodable, Sendable {
        public var topic: String?
        public var schemaVersion: String?
        public var deprecated: Bool?
    }

    public struct Notification: Decodable, Sendable {
        public var notificationId: String
        public var eventDate: String?
        public var publishDate: String?
        public var publishAttemptCount: Int?
    }

    public var metadata: Metadata?
    public var notification: Notification
}
