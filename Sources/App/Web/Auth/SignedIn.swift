import Fluent
import IntegrationKit
import ShoppyShopCore
import Vapor

/// Who is signed in on this request.
struct SignedInAdmin: Sendable {
    var email: String
    var userID: UUID
    var sessionID: UUID
    var csrfToken: String
}

extension Request {
    var admin: SignedInAdmin? {
        get { storage[SignedInKey.self] }
        set { storage[SignedInKey.self] = newValue }
    }

    private struct SignedInKey: StorageKey { typealias Value = SignedInAdmin }

    /// The shop's time zone, for the pages' times.
    var shopTimeZone: TimeZone? {
        get { storage[ShopTimeZoneKey.self] }
        set { storage[ShopTimeZoneKey.self] = newValue }
    }

    private struct ShopTimeZoneKey: StorageKey { typealias Value = TimeZone }
}

enum SessionCookie {
    static let name = "shoppyshop_session"
    static let signInCSRF = "shoppyshop_signin_csrf"

    static func make(_ name: String, value: String, maxAge: Int?, app: Application) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: value, expires: nil, maxAge: maxAge, domain: nil, path: "/",
            isSecure: app.environment != .development && app.environment != .testing,
            isHTTPOnly: true, sameSite: .lax)
    }
}

/// Pages need a signed-in user: GET without one goes to /login and comes back after; any other
/// method is refused. Every state-changing request must carry the session's CSRF token (form
/// field `_csrf` or header `X-CSRF-Token`), or it gets 403 and does nothing.
struct SignedInMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let admin = try await Self.session(request) else {
            if request.method == .GET || request.method == .HEAD {
                let target = request.url.string
                return request.redirect(to: "/login?next=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
            }
            throw Abort(.unauthorized, reason: "Sign in first.")
        }
        request.admin = admin
        request.shopTimeZone = try await ShopProfile.timeZone(on: request.db)
        if request.method != .GET && request.method != .HEAD {
            _ = try await request.body.collect(max: 4 << 20).get()
            let sent = request.headers.first(name: "X-CSRF-Token") ?? (try? request.content.get(String.self, at: "_csrf"))
            guard let sent, Signatures.secretsEqual(sent, admin.csrfToken) else {
                throw Abort(.forbidden, reason: "This form has expired or did not come from this site (its CSRF token is missing or wrong). Reload the page and try again.")
            }
        }
        return try await next.respond(to: request)
    }

    static func session(_ request: Request) async throws -> SignedInAdmin? {
        guard let token = request.cookies[SessionCookie.name]?.string, !token.isEmpty else { return nil }
        guard let session = try await AdminSession.query(on: request.db).filter(\.$tokenHash == RandomToken.hash(token))
            .with(\.$user).first() else { return nil }
        let now = Date()
        guard session.expiresAt > now else {
            try await session.delete(on: request.db)
            return nil
        }
        // Sliding expiry, written at most once an hour.
        if session.expiresAt.timeIntervalSince(now) < AdminSession.idleLifetime - 3600 {
            session.expiresAt = now.addingTimeInterval(AdminSession.idleLifetime)
            try await session.save(on: request.db)
        }
        return SignedInAdmin(email: session.user.email, userID: try session.user.requireID(), sessionID: try session.requireID(), csrfToken: session.csrfToken)
    }
}
