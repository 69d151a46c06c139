import FluentKit
import Foundation

/// A vendor credential kept in the database (e.g. a refreshed eBay access token).
/// `token` holds only ciphertext sealed with the master key: a dump never shows a token.
public final class ServiceToken: Model, @unchecked Sendable {
    public static let schema = "service_tokens"

    @ID(key: .id) public var id: UUID?
    @Field(key: "service") public var service: String
    @Field(key: "token") public var sealedToken: String
    @Field(key: "is_active") public var isActive: Bool
    @OptionalField(key: "last_used") public var lastUsed: Date?
    @OptionalField(key: "expires_at") public var expiresAt: Date?

    public init() {}

    /// Binds the ciphertext to its service, so tokens cannot be swapped between rows.
    static func context(_ service: String) -> String { "service_tokens:\(service)" }

    public init(service: String, token: String, box: SecretBox, isActive: Bool = true, expiresAt: Date? = nil) throws {
        self.service = service
        self.sealedToken = try box.sealString(token, context: Self.context(service))
        self.isActive = isActive
        self.expiresAt = expiresAt
    }

    public func token(using box: SecretBox) throws -> String {
        try box.openString(sealedToken, context: Self.context(service))
    }

    public func setToken(_ token: String, using box: SecretBox) throws {
        sealedToken = try box.sealString(token, context: Self.context(service))
    }
}
