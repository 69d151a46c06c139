import FluentKit
import Foundation

/// A bearer token for `/api/v1`. Only the SHA-256 of the token is kept: a database dump
/// cannot be replayed, and a request is matched by hashing what it presents.
public final class APIToken: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?

    public init() {}

    public init(name: String, tokenHash: String, createdAt: Date) {
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
    }
}
