import FluentKit
import Foundation

/// Someone who may sign in to the dashboard. Only a Bcrypt hash of the password is kept.
public final class AdminUser: Model, @unchecked Sendable {
    public static let schema = "admin_users"

    @ID(key: .id) public var id: UUID?
    /// Lower-cased, so sign-in does not depend on how it was typed.
    @Field(key: "email") public var email: String
    @Field(key: "password_hash") public var passwordHash: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "last_sign_in_at") public var lastSignInAt: Date?

    public init() {}

    public init(email: String, passwordHash: String) {
        self.email = AdminUser.normalise(email)
        self.passwordHash = passwordHash
    }

    public static func normalise(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
