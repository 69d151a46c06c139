@testable import App
import Foundation
import IntegrationKit
import Logging
import ShoppyShopCore
import Testing
import TestSupport
import Vapor
import VaporTesting

@Suite("Web shell")
struct WebTests {
    @Test func health_reportsDatabaseAndQueue() async throws {
        try await withConfiguredApp { app in
            try await app.jobQueue.enqueue(JobSpec(kind: "k"))

            try await app.testing().test(.GET, "health") { res async throws in
                #expect(res.status == .ok)
                let body = try res.content.decode(HealthController.Report.self)
                #expect(body.status == "ok")
                #expect(body.mode == "sandbox")
                #expect(body.database.reachable)
                #expect(body.jobs?.pending == 1)
                #expect(body.jobs?.oldestPendingAgeSeconds != nil)
            }
        }
    }

    @Test func dashboard_showsSandboxModeAndQueue() async throws {
        try await withConfiguredApp { app in
            try await app.jobQueue.enqueue(JobSpec(kind: "catalog.sync"))

            let res = try await WebSession.signIn(app).get("/")
            do {
                #expect(res.status == .ok)
                #expect(res.headers.contentType == .html)
                let html = res.body.string
                #expect(html.contains(#"class="mode-banner sandbox""#))
                #expect(html.contains("catalog.sync"))
                #expect(html.contains(#"href="/styles.css""#))
                #expect(!html.contains("http://cdn") && !html.contains("https://cdn"))
            }
        }
    }

    @Test func dashboard_inLiveMode_hasNoSandboxBanner() async throws {
        let config = TestConfig.sandbox(["SHOPIFY_ACCESS_TOKEN": "shpat_0123456789abcdef", "SHOPIFY_STORE_URL": "live-shop.myshopify.com"])
        try await withConfiguredApp(config) { app in
            let res = try await WebSession.signIn(app).get("/")
            do {
                #expect(res.status == .ok)
                #expect(!res.body.string.contains("mode-banner sandbox"))
                #expect(res.body.string.contains("live-shop.myshopify.com"))
                #expect(!res.body.string.contains("shpat_0123456789abcdef"))
            }
        }
    }

    @Test func dashboard_showsRevokedMetaTokenAsAnAlert() async throws {
        try await withConfiguredApp { app in
            try await MetaSyncStatus.recordTokenProblem("Error validating access token: Session has expired", on: app.db)

            let res = try await WebSession.signIn(app).get("/")
            do {
                #expect(res.status == .ok)
                #expect(res.body.string.contains(#"role="alert""#))
                #expect(res.body.string.contains("Meta insights sync stopped."))
                #expect(res.body.string.contains("Session has expired"))
            }
        }
    }

    @Test func metrics_servePrometheusText() async throws {
        try await withConfiguredApp { app in
            try await app.testing().test(.GET, "health") { _ in }

            let res = try await WebSession.signIn(app).get("/metrics")
            do {
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.subType == "plain")
                #expect(res.body.string.contains("# TYPE http_requests_total counter"))
                #expect(res.body.string.contains(#"path="/health""#))
            }
        }
    }

    @Test func stylesheet_isServedFromPublic() async throws {
        try await withConfiguredApp { app in
            try await app.testing(method: .running(port: 0)).test(.GET, "styles.css") { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(".mode-banner"))
            }
        }
    }

    @Test func unknownPage_isAnHTMLErrorPageWithTheModeBanner() async throws {
        try await withConfiguredApp { app in
            try await app.testing().test(.GET, "nope", headers: ["Accept": "text/html"]) { res async in
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("mode-banner sandbox"))
            }
        }
    }
}

/// Builds the real app (configure, routes, middleware) over the test database.
func withConfiguredApp(_ config: AppConfig = TestConfig.sandbox(), _ body: (Application) async throws -> Void) async throws {
    try await TestDatabase.withApp(setup: { app in
        app.boot = BootContext(processEnvironment: [:], directory: packageRoot)
        var config = config
        config.database = TestDatabase.postgresURL.map { .postgres(url: $0) } ?? .sqlite(path: ":memory:")
        try await configure(app, config: config)
    }, body)
}

/// The package directory (holds `Public/`), found from this file's path.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path + "/" }
    }
    return FileManager.default.currentDirectoryPath + "/"
}()

@Suite("Configuration documentation")
struct EnvExampleTests {
    @Test func envExample_documentsEveryKey_andIsValidAsIs() throws {
        let text = try String(contentsOfFile: packageRoot + ".env.example", encoding: .utf8)

        let parsed = DotEnv.parse(text)
        let documented = Set(parsed.entries.map(\.key))

        #expect(parsed.errors.isEmpty)
        #expect(documented == Set(ConfigKey.allCases.map(\.rawValue)))
        let decoded = AppConfig.decode(ConfigSource.literal(Dictionary(parsed.entries.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })), environment: "development", directory: "/nonexistent")
        #expect((try? decoded.get())?.mode == .sandbox)
    }
}
