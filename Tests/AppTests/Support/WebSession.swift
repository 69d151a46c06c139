@testable import App
import Fluent
import Foundation
import ShoppyShopCore
import Testing
import Vapor
import VaporTesting

/// A browser signed in through the real sign-in form: its cookie and CSRF token go with
/// every request.
struct WebSession {
    static let email = "owner@example.com"
    static let password = "correct horse battery staple"

    let app: Application
    var cookie: String
    var csrf: String

    /// Creates the user (unless it exists) and signs in as it.
    static func signIn(_ app: Application, email: String = email, password: String = password) async throws -> WebSession {
        if try await AdminUser.query(on: app.db).filter(\.$email == email).first() == nil {
            try await AdminAccounts.create(email: email, password: password, on: app)
        }
        let form = try await SignInForm.load(app)
        var sessionCookie: String?
        try await app.testing().test(.POST, "login", headers: form.headers, beforeRequest: { req in
            try req.content.encode(["email": email, "password": password, "_csrf": form.csrf, "next": "/"], as: .urlEncodedForm)
        }) { res async in
            #expect(res.status == .seeOther)
            sessionCookie = res.headers.setCookie?[SessionCookie.name]?.string
        }
        let cookie = try #require(sessionCookie)
        var session = WebSession(app: app, cookie: cookie, csrf: "")
        let home = try await session.get("/")
        session.csrf = try #require(Self.csrf(in: home.body.string))
        return session
    }

    var headers: HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: .cookie, value: "\(SessionCookie.name)=\(cookie)")
        headers.add(name: .accept, value: "text/html")
        return headers
    }

    func get(_ path: String) async throws -> TestingHTTPResponse {
        var response: TestingHTTPResponse?
        try await app.testing().test(.GET, path, headers: headers) { res async in response = res }
        return try #require(response)
    }

    /// A form POST; `csrf: false` leaves the token out.
    func post(_ path: String, _ form: [String: String] = [:], csrf: Bool = true) async throws -> TestingHTTPResponse {
        var fields = form
        if csrf { fields["_csrf"] = self.csrf }
        var response: TestingHTTPResponse?
        try await app.testing().test(.POST, path, headers: headers, beforeRequest: { req in
            try req.content.encode(fields, as: .urlEncodedForm)
        }) { res async in response = res }
        return try #require(response)
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}

/// The sign-in form as served: its CSRF cookie and field.
struct SignInForm {
    var csrf: String
    var headers: HTTPHeaders

    static func load(_ app: Application) async throws -> SignInForm {
        var csrf: String?, cookie: String?
        try await app.testing().test(.GET, "login") { res async in
            csrf = WebSession.csrf(in: res.body.string)
            cookie = res.headers.setCookie?[SessionCookie.signInCSRF]?.string
        }
        var headers = HTTPHeaders()
        headers.add(name: .cookie, value: "\(SessionCookie.signInCSRF)=\(try #require(cookie))")
        return SignInForm(csrf: try #require(csrf), headers: headers)
    }
}
