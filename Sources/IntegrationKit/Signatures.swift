import Crypto
import Foundation

/// Signature helpers for webhook and challenge verification.
public enum Signatures {
    /// Compares two byte sequences in time that depends only on their lengths, never on where
    /// they first differ, so a forger cannot find a valid MAC byte by byte from response times.
    /// (A length mismatch returns early: lengths of MACs are public.)
    public static func constantTimeEquals<A: Collection, B: Collection>(_ lhs: A, _ rhs: B) -> Bool
    where A.Element == UInt8, B.Element == UInt8 {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) {
            difference |= left ^ right
        }
        return difference == 0
    }

    /// Constant-time comparison of the UTF-8 bytes of two strings.
    public static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        constantTimeEquals(Array(lhs.utf8), Array(rhs.utf8))
    }

    /// Compares two secrets of any length (passwords) without revealing the length either:
    /// both sides are hashed first, so the compared inputs always have the same size.
    public static func secretsEqual(_ lhs: String, _ rhs: String) -> Bool {
        constantTimeEquals(Array(SHA256.hash(data: Data(lhs.utf8))), Array(SHA256.hash(data: Data(rhs.utf8))))
    }

    public static func hmacSHA256(_ message: some DataProtocol, key: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    public static func hmacSHA256(_ message: some DataProtocol, key: String) -> [UInt8] {
        hmacSHA256(message, key: Array(key.utf8))
    }

    /// Standard base64 with padding, as Shopify's `X-Shopify-Hmac-Sha256` carries it.
    public static func hmacSHA256Base64(_ message: some DataProtocol, key: String) -> String {
        Data(hmacSHA256(message, key: key)).base64EncodedString()
    }

    /// Lower-case hex.
    public static func hmacSHA256Hex(_ message: some DataProtocol, key: String) -> String {
        hex(hmacSHA256(message, key: key))
    }

    /// Lower-case hex SHA-256 digest.
    public static func sha256Hex(_ data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }

    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Checks a base64 HMAC-SHA256 (as sent in a header) against `message`, in constant time.
    /// Malformed base64 is simply invalid.
    public static func isValidHMACSHA256Base64(_ expected: String, message: some DataProtocol, key: String) -> Bool {
        guard let expectedBytes = Data(base64Encoded: expected.trimmingCharacters(in: .whitespaces)) else { return false }
        return constantTimeEquals(hmacSHA256(message, key: key), expectedBytes)
    }
}
