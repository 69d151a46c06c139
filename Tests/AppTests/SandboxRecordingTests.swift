@testable import App
import AsyncHTTPClient
import Foundation
import IntegrationKit
import Testing
import TestSupport
import Vapor

@Suite("Sandbox recording from the app")
struct SandboxRecordingTests {
    @Test func appSandbox_recordsExchanges_withTheAppsSecretsMasked() async throws {
        let recording = FileManager.default.temporaryDirectory.appendingPathComponent("app-sandbox-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: recording) }
        let secret = "app-known-secret-\(UUID().uuidString.prefix(8))"
        Telemetry.secrets.register(secret)
        try await withConfiguredApp(TestConfig.sandbox(["SANDBOX_RECORD": recording.path])) { app in
            try await app.startSandboxIfNeeded()
            let base = try #require(app.sandboxBaseURL)
            var request = HTTPClientRequest(url: base.appendingPathComponent("admin/api/2025-01/graphql.json").absoluteString)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: #"{"query":"{ shop { name } }","variables":{"note":"\#(secret)"}}"#))

            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            await app.sandboxHost?.shutdown()

            #expect(response.status.code == 401) // no access token: refused, but recorded
            let text = try String(contentsOf: recording, encoding: .utf8)
            #expect(text.contains(#""service":"shopify""#))
            #expect(!text.contains(secret))
            #expect(text.contains("[REDACTED]"))
        }
    }
}
