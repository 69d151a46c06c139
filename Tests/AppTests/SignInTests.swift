@testable import App
import Fluent
import Foundation
import ShoppyShopCore
import Testing
import TestSupport
import Vapor
import VaporTesting

@Suite("Sign-in and sessions")
struct SignInTests {
    @Test func signedOut_pagesRedirectToSignIn_healthDoesNot() async throws {
        try await withConfiguredApp { app in
            for path in ["/", "/products", "/metrics"] {
                try await app.testing().test(.GET, path) { res async in
                    #expect(res.status == .seeOther, "\(path)")
                    #expect(res.headers.first(name: .location)?.hasPrefix("/login?next=") == true, "\(path)")
                }
            }
            try await app.testing().test(.GET, "health") { res async in #expect(res.status == .ok) }
            try await app.testing().test(.POST, "logout") { res async in #expect(res.status == .unauthorized) }
        }
    }

    @Test func signIn_setsAHardenedCookie_storesOnlyItsHash_andSignOutEndsIt() async throws {
        try await withConfiguredApp { app in
            try await AdminAccounts.create(email: "Owner@Example.com", password: WebSession.password, on: app)
            let user = try #require(try await AdminUser.query(on: app.db).first())
            #expect(user.email == "owner@example.com")
            #expect(user.passwordHash.hasPrefix("$2"))
            #expect(!user.passwordHash.contains(WebSession.password))

            let form = try await SignInForm.load(app)
            var cookie: HTTPCookies.Value?
            try await app.testing().test(.POST, "login", headers: form.headers, beforeRequest: { req in
                try req.content.encode(["email": " OWNER@example.com ", "password": WebSession.password, "_csrf": form.csrf, "next": "/orders"], as: .urlEncodedForm)
            }) { res async in
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "/orders")
                cookie = res.headers.setCookie?[SessionCookie.name]
            }
            let session = try #require(cookie)
            #expect(session.isHTTPOnly)
            #expect(session.sameSite == .lax)
            let stored = try #require(try await AdminSession.query(on: app.db).first())
            #expect(stored.tokenHash == RandomToken.hash(session.string))
            #expect(stored.tokenHash != session.string)

            var signedIn = WebSession(app: app, cookie: session.string, csrf: "")
            let home = try await signedIn.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("owner@example.com"))
            signedIn.csrf = try #require(WebSession.csrf(in: home.body.string))
            #expect(signedIn.csrf == stored.csrfToken)

            let out = try await signedIn.post("/logout")
            #expect(out.status == .seeOther)
            #expect(try await AdminSession.query(on: app.db).count() == 0)
            #expect(try await signedIn.get("/").status == .seeOther)
        }
    }

    @Test func formsWithoutTheirCSRFToken_get403_andChangeNothing() async throws {
        try await withConfiguredApp { app in
            let session = try await WebSession.signIn(app)
            let refused = try await session.post("/logout", csrf: false)
            #expect(refused.status == .forbidden)
            #expect(try await AdminSession.query(on: app.db).count() == 1)
            var forged = session
            forged.csrf = "not-the-token"
            #expect(try await forged.post("/logout").status == .forbidden)
            #expect(try await AdminSession.query(on: app.db).count() == 1)

            // The sign-in form double-submits its token: without the cookie's value, 403.
            try await app.testing().test(.POST, "login", beforeRequest: { req in
                try req.content.encode(["email": WebSession.email, "password": WebSession.password, "_csrf": "guess"], as: .urlEncodedForm)
            }) { res async in #expect(res.status == .forbidden) }
        }
    }

    @Test func wrongPasswords_areThrottled_evenTheRightOneAfterFive() async throws {
        try await withConfiguredApp { app in
            try await AdminAccounts.create(email: WebSession.email, password: WebSession.password, on: app)
            let form = try await SignInForm.load(app)
            func attempt(_ password: String) async throws -> HTTPStatus {
                var status: HTTPStatus = .ok
                try await app.testing().test(.POST, "login", headers: form.headers, beforeRequest: { req in
                    try req.content.encode(["email": WebSession.email, "password": password, "_csrf": form.csrf], as: .urlEncodedForm)
                }) { res async in status = res.status }
                return status
            }
            for _ in 0..<5 { #expect(try await attempt("wrong password 123") == .unauthorized) }
            #expect(try await attempt(WebSession.password) == .tooManyRequests)
            #expect(try await AdminSession.query(on: app.db).count() == 0)
        }
    }

    @Test func redirectsAfterSignIn_stayOnThisSite() {
        #expect(SignInController.safeNext("/orders?page=2") == "/orders?page=2")
        for hostile in ["https://evil.example", "//evil.example", "/\\evil.example", "", nil, "orders"] as [String?] {
            #expect(SignInController.safeNext(hostile) == "/", "\(hostile ?? "nil")")
        }
    }

    @Test func firstStart_createsTheConfiguredUser_orAGeneratedOne_once() async throws {
        let config = TestConfig.sandbox(["ADMIN_EMAIL": "boss@shop.example", "ADMIN_PASSWORD": "twelve chars or more"])
        try await withConfiguredApp(config) { app in
            let created = try #require(try await AdminAccounts.ensureFirst(on: app))
            #expect(created.email == "boss@shop.example")
            #expect(created.password == nil)
            #expect(try await AdminAccounts.verify(email: "boss@shop.example", password: "twelve chars or more", on: app) != nil)
            #expect(try await AdminAccounts.ensureFirst(on: app) == nil)
        }
        try await withConfiguredApp { app in
            let created = try #require(try await AdminAccounts.ensureFirst(on: app))
            let password = try #require(created.password)
            #expect(password.count >= AdminAccounts.minimumPasswordLength)
            #expect(try await AdminAccounts.verify(email: created.email, password: password, on: app) != nil)
            #expect(try await AdminAccounts.verify(email: created.email, password: password + "x", on: app) == nil)
        }
    }

    @Test func invalidUsers_areRefused_namingTheField() async throws {
        try await withConfiguredApp { app in
            let problems = AdminAccounts.validate(email: "not-an-email", password: "short")
            #expect(problems.map(\.field) == ["email", "password"])
            try await AdminAccounts.create(email: WebSession.email, password: WebSession.password, on: app)
            await #expect(throws: AdminAccounts.Invalid.self) {
                try await AdminAccounts.create(email: WebSession.email.uppercased(), password: WebSession.password, on: app)
            }
        }
    }
}
