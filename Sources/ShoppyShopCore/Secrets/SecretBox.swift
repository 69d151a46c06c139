import Crypto
import Foundation

/// Seals and opens secrets with the master key (AES-GCM-256).
///
/// A sealed value is `ss1:` + base64(key id ‖ nonce ‖ ciphertext ‖ tag). The 4-byte key id
/// (derived from the key) tells "sealed with another key" apart from "tampered with", which
/// AES-GCM alone reports the same way. The key id and a context string are authenticated.
public struct SecretBox: Sendable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notSealed
        case malformed
        case wrongKey(sealedWith: String, current: String)
        case tampered

        public var description: String {
            switch self {
            case .notSealed:
                return "the value is not sealed (expected it to start with \"\(SecretBox.prefix)\")"
            case .malformed:
                return "the sealed value is malformed (truncated or not base64); restore it from the original or seal it again"
            case .wrongKey(let sealed, let current):
                return "it was sealed with a different master key (key id \(sealed); the configured key has id \(current)); set SHOPPYSHOP_MASTER_KEY or SHOPPYSHOP_MASTER_KEY_FILE to the key that sealed it"
            case .tampered:
                return "authentication failed: the sealed data was modified or corrupted; restore it from the original or seal it again"
            }
        }
    }

    static let prefix = "ss1:"
    private static let keyIDLength = 4

    private let masterKey: MasterKey
    private var key: SymmetricKey { masterKey.symmetricKey }
    /// Short public fingerprint of the key, safe to print.
    public let keyID: String

    public init(key: MasterKey) {
        self.masterKey = key
        self.keyID = key.id
    }

    public func seal(_ plaintext: Data, context: String = "") throws -> String {
        let idBytes = Data(hexID: keyID)
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: idBytes + Data(context.utf8))
        guard let combined = box.combined else { throw Failure.malformed }
        return Self.prefix + (idBytes + combined).base64EncodedString()
    }

    public func open(_ sealed: String, context: String = "") throws -> Data {
        let text = sealed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix(Self.prefix) else { throw Failure.notSealed }
        guard let raw = Data(base64Encoded: String(text.dropFirst(Self.prefix.count))),
              raw.count >= Self.keyIDLength + 12 + 16
        else { throw Failure.malformed }
        let idBytes = raw.prefix(Self.keyIDLength)
        let sealedID = idBytes.map { String(format: "%02x", $0) }.joined()
        guard sealedID == keyID else { throw Failure.wrongKey(sealedWith: sealedID, current: keyID) }
        do {
            let box = try AES.GCM.SealedBox(combined: raw.dropFirst(Self.keyIDLength))
            return try AES.GCM.open(box, using: key, authenticating: Data(idBytes) + Data(context.utf8))
        } catch {
            throw Failure.tampered
        }
    }

    public func sealString(_ plaintext: String, context: String = "") throws -> String {
        try seal(Data(plaintext.utf8), context: context)
    }

    public func openString(_ sealed: String, context: String = "") throws -> String {
        String(decoding: try open(sealed, context: context), as: UTF8.self)
    }
}

extension Data {
    init(hexID: String) {
        var bytes: [UInt8] = []
        var index = hexID.startIndex
        while index < hexID.endIndex, let next = hexID.index(index, offsetBy: 2, limitedBy: hexID.endIndex) {
            bytes.append(UInt8(hexID[index..<next], radix: 16) ?? 0)
            index = next
        }
        self.init(bytes)
    }
}
