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
///
/// The `kid` comes from an unverified header, so a forger chooses it: a malformed one is
/// refused before any lookup, a failed lookup is remembered for `failureLifetime` (one
/// `getPublicKey` per unknown kid, not one per notification), and at most `capacity` kids
/// are remembered at all.
public actor EbayPublicKeyCache {
    public typealias Fetch = @Sendable (String) async throws -> EbayPublicKey

    public enum LookupError: Error, Sendable, CustomStringConvertible {
        /// Not `^[A-Za-z0-9_-]{1,128}$`: not a kid eBay issues; nothing was looked up.
        case invalidKeyID
        /// `capacity` lookups are already in flight; nothing was looked up.
        case busy

        public var description: String {
            switch self {
            case .invalidKeyID: "malformed kid"
            case .busy: "too many public key lookups in flight"
            }
        }
    }

    private enum Entry {
        case key(EbayPublicKey)
        case failure(any Error)
    }

    private let fetch: Fetch
    private let lifetime: TimeInterval
    private let failureLifetime: TimeInterval
    private let capacity: Int
    private let now: @Sendable () -> Date
    private var entries: [String: (entry: Entry, at: Date)] = [:]
    private var inFlight: [String: Task<EbayPublicKey, any Error>] = [:]
    public private(set) var fetchCount = 0

    public init(lifetime: TimeInterval = 3_600, failureLifetime: TimeInterval = 300, capacity: Int = 64,
                now: @escaping @Sendable () -> Date = { Date() }, fetch: @escaping Fetch) {
        self.fetch = fetch
        self.lifetime = lifetime
        self.failureLifetime = failureLifetime
        self.capacity = max(capacity, 1)
        self.now = now
    }

    /// `^[A-Za-z0-9_-]{1,128}$`: the shape of the kids eBay issues (UUIDs).
    public static func isValidKeyID(_ kid: String) -> Bool {
        let bytes = kid.utf8
        guard (1...128).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"): true
            default: false
            }
        }
    }

    /// Kids remembered (keys and failures).
    public var cachedCount: Int { entries.count }

    public func key(for kid: String) async throws -> EbayPublicKey {
        guard Self.isValidKeyID(kid) else { throw LookupError.invalidKeyID }
        if let cached = entries[kid] {
            let age = now().timeIntervalSince(cached.at)
            switch cached.entry {
            case .key(let key) where age < lifetime: return key
            case .failure(let error) where age < failureLifetime: throw error
            default: entries[kid] = nil
            }
        }
        if let task = inFlight[kid] { return try await task.value }
        guard inFlight.count < capacity else { throw LookupError.busy }
        fetchCount += 1
        let fetch = self.fetch
        let task = Task { try await fetch(kid) }
        inFlight[kid] = task
        defer { inFlight[kid] = nil }
        do {
            let key = try await task.value
            remember(kid, .key(key))
            return key
        } catch {
            remember(kid, .failure(error))
            throw error
        }
    }

    private func remember(_ kid: String, _ entry: Entry) {
        let time = now()
        entries[kid] = nil
        if entries.count >= capacity {
            // Expired entries first, then the oldest failure, then the oldest key.
            entries = entries.filter { _, value in
                switch value.entry {
                case .key: time.timeIntervalSince(value.at) < lifetime
                case .failure: time.timeIntervalSince(value.at) < failureLifetime
                }
            }
        }
        while entries.count >= capacity {
            let failures = entries.filter { if case .failure = $0.value.entry { true } else { false } }
            let pool = failures.isEmpty ? entries : failures
            guard let oldest = pool.min(by: { $0.value.at < $1.value.at })?.key else { break }
            entries[oldest] = nil
        }
        entries[kid] = (entry, time)
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
