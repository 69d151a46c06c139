import Fluent
import IntegrationKit
import ShoppyShopCore
import Vapor
import Views

/// `/login` and `/logout`.
enum SignInController {
    static func register(_ app: Application) {
        app.get("login", use: form)
        app.post("login", use: signIn)
        app.grouped(SignedInMiddleware()).post("logout", use: signOut)
    }

    struct SignInForm: Content {
        var email: String?
        var password: String?
        var next: String?
        var _csrf: String?
    }

    @Sendable
    static func form(req: Request) async throws -> Response {
        if try await SignedInMiddleware.session(req) != nil { return req.redirect(to: safeNext(req.query[String.self, at: "next"])) }
        return page(req, email: "", next: safeNext(req.query[String.self, at: "next"]), error: nil)
    }

    @Sendable
    static func signIn(req: Request) async throws -> Response {
        let input = try req.content.decode(SignInForm.self)
        // Double submit: the field must equal the cookie this form was served with.
        guard let cookie = req.cookies[SessionCookie.signInCSRF]?.string, let sent = input._csrf, !cookie.isEmpty,
              Signatures.secretsEqual(cookie, sent) else {
            throw Abort(.forbidden, reason: "This sign-in form has expired or did not come from this site (its CSRF token is missing or wrong). Reload the page and try again.")
        }
        let email = AdminUser.normalise(input.email ?? "")
        let next = safeNext(input.next)
        let keys = ["ip:" + (req.remoteAddress?.ipAddress ?? "?"), "email:" + email]
        let throttle = req.application.signInThrottle
        if let wait = throttle.retryAfter(keys) {
            let minutes = Int((wait / 60).rounded(.up))
            let response = page(req, email: email, next: next, error: "Too many failed sign-ins. Try again in \(minutes) min.", status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(Int(wait.rounded(.up))))
            return response
        }
        guard let user = try await AdminAccounts.verify(email: email, password: input.password ?? "", on: req.application) else {
            throttle.fail(keys)
            req.logger.notice("sign-in refused", metadata: ["email": .string(email)])
            return page(req, email: email, next: next, error: "Wrong email or password.", status: .unauthorized)
        }
        throttle.succeed(keys)
        let token = RandomToken.make()
        let session = AdminSession(tokenHash: RandomToken.hash(token), userID: try user.requireID(), csrfToken: RandomToken.make(),
                                   expiresAt: Date().addingTimeInterval(AdminSession.idleLifetime))
        try await session.save(on: req.db)
        user.lastSignInAt = Date()
        try await user.save(on: req.db)
        let response = req.redirect(to: next, redirectType: .normal)
        response.cookies[SessionCookie.name] = SessionCookie.make(SessionCookie.name, value: token, maxAge: Int(AdminSession.idleLifetime), app: req.application)
        response.cookies[SessionCookie.signInCSRF] = SessionCookie.make(SessionCookie.signInCSRF, value: "", maxAge: 0, app: req.application)
        return response
    }

    @Sendable
    static func signOut(req: Request) async throws -> Response {
        if let id = req.admin?.sessionID {
            try await AdminSession.query(on: req.db).filter(\.$id == id).delete()
        }
        let response = req.redirect(to: "/login", redirectType: .normal)
        response.cookies[SessionCookie.name] = SessionCookie.make(SessionCookie.name, value: "", maxAge: 0, app: req.application)
        return response
    }

    private static func page(_ req: Request, email: String, next: String, error: String?, status: HTTPResponseStatus = .ok) -> Response {
        let csrf = req.cookies[SessionCookie.signInCSRF]?.string.nonEmpty ?? RandomToken.make()
        var chrome = Chrome(req.application)
        chrome.csrfToken = csrf
        let response = Response.html(SignInPage.render(.init(chrome: chrome, email: email, next: next, error: error)), status: status)
        response.cookies[SessionCookie.signInCSRF] = SessionCookie.make(SessionCookie.signInCSRF, value: csrf, maxAge: 3600, app: req.application)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// Only a path on this site: never an open redirect to another host.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), !next.contains("\n"), !next.contains("\r") else { return "/" }
        return next
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

extension Application {
    /// Set once by `configure`, before requests arrive.
    var signInThrottle: SignInThrottle {
        get { storage[SignInThrottleKey.self] ?? SignInThrottle() }
        set { storage[SignInThrottleKey.self] = newValue }
    }

    private struct SignInThrottleKey: StorageKey { typealias Value = SignInThrottle }
}
