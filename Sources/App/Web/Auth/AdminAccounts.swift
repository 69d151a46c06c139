import Fluent
import ShoppyShopCore
import NIOConcurrencyHelpers
import Vapor

/// Dashboard users: creation with validation, password checks, and the first user a start
/// creates when there is none.
enum AdminAccounts {
    static let minimumPasswordLength = 12
    static let generatedEmail = "admin@localhost"

    struct Invalid: Error, CustomStringConvertible {
        var field: String
        var message: String
        var description: String { "\(field): \(message)" }
    }

    static func validate(email: String, password: String) -> [Invalid] {
        var problems: [Invalid] = []
        let email = AdminUser.normalise(email)
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        if parts.count != 2 || parts[0].isEmpty || parts[1].isEmpty || email.contains(" ") {
            problems.append(Invalid(field: "email", message: "\"\(email)\" is not an email address; use the address you sign in with, e.g. owner@example.com"))
        }
        if password.count < minimumPasswordLength {
            problems.append(Invalid(field: "password", message: "is shorter than \(minimumPasswordLength) characters; use a longer one (e.g. `openssl rand -base64 18`)"))
        }
        return problems
    }

    @discardableResult
    static func create(email: String, password: String, on app: Application) async throws -> AdminUser {
        if let problem = validate(email: email, password: password).first { throw problem }
        let normalised = AdminUser.normalise(email)
        if try await AdminUser.query(on: app.db).filter(\.$email == normalised).first() != nil {
            throw Invalid(field: "email", message: "a user \(normalised) exists already; to change the password run `shoppyshop users password --email \(normalised)`")
        }
        let hash = try await app.password.async.hash(password)
        let user = AdminUser(email: normalised, passwordHash: hash)
        try await user.save(on: app.db)
        return user
    }

    static func setPassword(email: String, password: String, on app: Application) async throws {
        if let problem = validate(email: email, password: password).first(where: { $0.field == "password" }) { throw problem }
        guard let user = try await AdminUser.query(on: app.db).filter(\.$email == AdminUser.normalise(email)).first() else {
            throw Invalid(field: "email", message: "no user \(AdminUser.normalise(email)); create one with `shoppyshop users create`")
        }
        user.passwordHash = try await app.password.async.hash(password)
        try await user.save(on: app.db)
        // A new password ends every session of that user.
        try await AdminSession.query(on: app.db).filter(\.$user.$id == user.requireID()).delete()
    }

    /// The user for these credentials, or nil. A missing user still costs one hash, so timing
    /// does not tell which emails exist.
    static func verify(email: String, password: String, on app: Application) async throws -> AdminUser? {
        let user = try await AdminUser.query(on: app.db).filter(\.$email == AdminUser.normalise(email)).first()
        let hash = user?.passwordHash ?? dummyHash(app)
        let matches = try await app.password.async.verify(password, created: hash)
        return matches ? user : nil
    }

    /// What a start says about sign-in: nil when users exist; otherwise the credentials of the
    /// user it just created (the generated password is shown once and never stored in plaintext).
    static func ensureFirst(on app: Application) async throws -> (email: String, password: String?)? {
        guard try await AdminUser.query(on: app.db).count() == 0 else { return nil }
        if let admin = app.config.admin {
            try await create(email: admin.email, password: admin.password, on: app)
            return (AdminUser.normalise(admin.email), nil)
        }
        let password = RandomToken.password()
        try await create(email: generatedEmail, password: password, on: app)
        return (generatedEmail, password)
    }

    private static func dummyHash(_ app: Application) -> String {
        // A valid hash at the configured cost, made once.
        dummy.withLockedValue { cached in
            if let cached { return cached }
            let hash = (try? app.password.hash(RandomToken.make())) ?? ""
            cached = hash
            return hash
        }
    }

    private static let dummy = NIOLockedValueBox<String?>(nil)
}
