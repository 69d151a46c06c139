import Crypto
import FluentKit
import Foundation

/// Issuing, finding and revoking API tokens. The plaintext exists only in `create`'s answer.
public struct APITokens: Sendable {
    public let database: any Database
    public let now: @Sendable () -> Date

    /// `last_used_at` is a hint for the merchant, not an audit trail: one write a minute per
    /// token keeps a busy client from turning every read into a write.
    public static let lastUsedResolution: TimeInterval = 60
    public static let prefix = "ssk_"

    public init(database: any Database, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    public enum TokenError: Error, CustomStringConvertible, Equatable {
        case nameTaken(String)
        case invalidName(String)
        case unknown(String)

        public var description: String {
            switch self {
            case .nameTaken(let name): return "a token named \"\(name)\" exists; revoke it first or pick another name"
            case .invalidName(let name): return "\"\(name)\" is not a token name: use 1–64 letters, digits, '.', '-' or '_'"
            case .unknown(let name): return "no token named \"\(name)\"; `shoppyshop tokens list` shows them"
            }
        }
    }

    /// A new token: `ssk_` and 32 random bytes, base64url without padding.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return prefix + base64
    }

    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Stores a new token under `name` and returns it: the only time it can be seen.
    public func create(name: String) async throws -> (row: APIToken, token: String) {
        guard name.range(of: #"^[A-Za-z0-9._-]{1,64}$"#, options: .regularExpression) != nil else { throw TokenError.invalidName(name) }
        if try await APIToken.query(on: database).filter(\.$name == name).first() != nil { throw TokenError.nameTaken(name) }
        let token = Self.generate()
        let row = APIToken(name: name, tokenHash: Self.hash(token), createdAt: now())
        do {
            try await row.create(on: database)
        } catch where (error as? any DatabaseError)?.isConstraintFailure == true {
            throw TokenError.nameTaken(name)
        }
        return (row, token)
    }

    public func list() async throws -> [APIToken] {
        try await APIToken.query(on: database).sort(\.$name).all()
    }

    public func revoke(name: String) async throws {
        guard try await APIToken.query(on: database).filter(\.$name == name).first() != nil else { throw TokenError.unknown(name) }
        try await APIToken.query(on: database).filter(\.$name == name).delete()
    }

    /// The token row a presented token belongs to, marking it used; nil if none.
    public func authenticate(_ token: String) async throws -> APIToken? {
        guard token.hasPrefix(Self.prefix), let row = try await APIToken.query(on: database).filter(\.$tokenHash == Self.hash(token)).first() else {
            return nil
        }
        let time = now()
        if row.lastUsedAt.map({ time.timeIntervalSince($0) >= Self.lastUsedResolution }) ?? true {
            try await APIToken.query(on: database).filter(\.$id == row.requireID()).set(\.$lastUsedAt, to: time).update()
            row.lastUsedAt = time
        }
        return row
    }
}
