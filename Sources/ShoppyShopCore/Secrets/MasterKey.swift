import Crypto
import Foundation

/// The 256-bit master key that encrypts `.env.<env>.enc` files and tokens in the database.
/// Given as base64 in `SHOPPYSHOP_MASTER_KEY`, or in a key file (gitignored).
public struct MasterKey: Sendable {
    public static let byteCount = 32
    // Kept as bytes: `SymmetricKey` is not `Sendable` in this swift-crypto.
    private let bytes: Data
    var symmetricKey: SymmetricKey { SymmetricKey(data: bytes) }
    /// The key as configured, so the log redactor can mask it.
    public var base64: String { bytes.base64EncodedString() }
    /// A fingerprint (first 4 bytes of SHA-256 over a label and the key), safe to show.
    public let id: String

    public init(bytes: Data) throws {
        guard bytes.count == Self.byteCount else { throw KeyError.wrongLength(bytes.count) }
        self.bytes = bytes
        let digest = SHA256.hash(data: Data("shoppyshop-master-key-id".utf8) + bytes)
        id = digest.prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    public init(base64: String) throws {
        guard let bytes = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw KeyError.notBase64
        }
        try self.init(bytes: bytes)
    }

    /// Where a key file named in configuration lives: absolute as given, else in `directory`.
    public static func filePath(_ name: String, in directory: String) -> String {
        name.hasPrefix("/") ? name : (directory as NSString).appendingPathComponent(name)
    }

    public static func generate() -> (key: MasterKey, base64: String) {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return (try! MasterKey(bytes: bytes), bytes.base64EncodedString())
    }

    /// Writes a new key file readable by its owner only; refuses to overwrite an existing one.
    public static func writeNewKeyFile(at path: String) throws -> MasterKey {
        guard !FileManager.default.fileExists(atPath: path) else { throw KeyError.fileExists(path) }
        let (key, base64) = generate()
        guard FileManager.default.createFile(
            atPath: path, contents: Data((base64 + "\n").utf8), attributes: [.posixPermissions: 0o600]
        ) else { throw KeyError.unwritable(path) }
        return key
    }

    public enum KeyError: Error, Equatable, CustomStringConvertible {
        case notBase64
        case wrongLength(Int)
        case fileExists(String)
        case unwritable(String)

        public var description: String {
            switch self {
            case .notBase64: return "is not base64; generate one with `shoppyshop secrets keygen` or `openssl rand -base64 32`"
            case .wrongLength(let n): return "decodes to \(n) bytes; it must be 32 bytes (`openssl rand -base64 32`)"
            case .fileExists(let p): return "\(p) already exists; refusing to overwrite a key (move it away first)"
            case .unwritable(let p): return "cannot write \(p)"
            }
        }
    }
}
