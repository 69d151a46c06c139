import FluentKit
import Foundation

/// A signed-in browser. The cookie carries a random token; the table holds its SHA-256, so
/// a database dump cannot be replayed as a session.
public final class AdminSession: Model, @unchecked Sendable {
    public static let schema = "admin_sessions"
    /// Sessions end after this long without a visit.
    public static let idleLifetime: TimeInterval = 7 * 24 * 3600

    @ID(key: .id) public var id: UUID?
    @Field(key: "token_hash") public var tokenHash: String
    @Parent(key: "user_id") public var user: AdminUser
    /// Per-session CSRF token, echoed in every form.
    @Field(key: "csrf_token") public var csrfToken: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}

    public init(tokenHash: String, userID: UUID, csrfToken: String, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}
