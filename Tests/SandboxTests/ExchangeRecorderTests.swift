import Foundation
import IntegrationKit
import Testing
import Vapor
@testable import Sandbox

@Suite struct ExchangeRecorderTests {
    @Test func jsonLine_sharedFormat_keysInOrder() throws {
        let exchange = Exchange(
            service: .ebay, method: "GET", path: "/sell/inventory/v1/inventory_item",
            query: "limit=25&offset=0", headers: ["Accept": "application/json"],
            status: 200, responseContentType: "application/json",
            response: Data(#"{"total":0,"inventoryItems":[]}"#.utf8)
        )

        let line = exchange.jsonLine()

        #expect(line == #"{"service":"ebay","method":"GET","path":"/sell/inventory/v1/inventory_item","query":{"limit":"25","offset":"0"},"headers":{"Accept":"application/json"},"body":null,"status":200,"response":{"inventoryItems":[],"total":0}}"#)
    }

    @Test func jsonLine_secrets_redacted() throws {
        let exchange = Exchange(
            service: .shopify, method: "POST", path: "/admin/api/2025-01/graphql.json",
            query: "access_token=q-secret&first=10",
            headers: [
                "Authorization": "Bearer b-secret",
                "X-Shopify-Access-Token": "shpat_secret",
                "X-Shopify-Hmac-Sha256": "hmac-secret",
                "X-EBAY-SIGNATURE": "sig-secret",
                "Cookie": "session=c-secret",
                "Content-Type": "application/json",
            ],
            body: Data(#"{"query":"{ shop { name } }","variables":{"refresh_token":"r-secret","nested":[{"client_secret":"s-secret"}]}}"#.utf8),
            status: 200, responseContentType: "application/json; charset=utf-8",
            response: Data(#"{"access_token":"a-secret","expires_in":7200}"#.utf8)
        )

        let line = exchange.jsonLine()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let headers = try #require(object["headers"] as? [String: String])
        let query = try #require(object["query"] as? [String: String])
        let response = try #require(object["response"] as? [String: Any])

        for secret in ["q-secret", "b-secret", "shpat_secret", "hmac-secret", "sig-secret", "c-secret", "r-secret", "s-secret", "a-secret"] {
            #expect(!line.contains(secret), "\(secret) leaked")
        }
        #expect(headers["Authorization"] == "[REDACTED]")
        #expect(headers["X-EBAY-SIGNATURE"] == "[REDACTED]")
        #expect(headers["Content-Type"] == "application/json")
        #expect(query == ["access_token": "[REDACTED]", "first": "10"])
        #expect(response["access_token"] as? String == "[REDACTED]")
        #expect(response["expires_in"] as? Int == 7200)
    }

    /// Names the sandbox's own list used to miss, now IntegrationKit's `Redactor` lists.
    @Test func jsonLine_redactorLists_headersParametersAndBodyKeys() throws {
        let exchange = Exchange(
            service: .meta, method: "GET", path: "/v25.0/oauth/access_token",
            query: "code=c-secret&fb_exchange_token=fbx-secret&input_token=in-secret&fields=id",
            headers: [
                "X-Shopify-Hmac-Sha256": "hmac-secret",
                "Shopify-Hmac-Sha256": "hmac2-secret",
                "Content-Type": "application/json",
            ],
            body: Data(#"{"user":{"password":"pw-secret","token":"t-secret"},"name":"demo"}"#.utf8),
            status: 400, responseContentType: "application/json",
            response: Data(#"{"error":{"message":"Invalid OAuth access token.","code":190,"error_subcode":463}}"#.utf8)
        )

        let line = exchange.jsonLine()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let headers = try #require(object["headers"] as? [String: String])
        let body = try #require(object["body"] as? [String: Any])
        let response = try #require(object["response"] as? [String: Any])

        for secret in ["c-secret", "fbx-secret", "in-secret", "hmac-secret", "hmac2-secret", "pw-secret", "t-secret"] {
            #expect(!line.contains(secret), "\(secret) leaked")
        }
        #expect(headers["X-Shopify-Hmac-Sha256"] == "[REDACTED]")
        #expect(headers["Shopify-Hmac-Sha256"] == "[REDACTED]")
        #expect(object["query"] as? [String: String] == ["code": "[REDACTED]", "fb_exchange_token": "[REDACTED]", "input_token": "[REDACTED]", "fields": "id"])
        #expect(body["user"] as? [String: String] == ["password": "[REDACTED]", "token": "[REDACTED]"])
        #expect(body["name"] as? String == "demo")
        // In JSON `code` is Meta's error code, kept.
        #expect((response["error"] as? [String: Any])?["code"] as? Int == 190)
    }

    /// A secret value registered with the app's redactor is masked wherever it appears, under
    /// any name: JSON strings, text and form bodies (percent-encoded too), headers, query, path.
    @Test func jsonLine_registeredSecretValue_maskedAnywhere() throws {
        let token = "v^1.1#i^1#demo-registered-secret"
        let redactor = Redactor(secrets: SecretRegistry([token]))
        let encoded = try #require(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let json = Exchange(
            service: .ebay, method: "POST", path: "/sell/inventory/v1/bulk_update_price_quantity",
            query: "note=\(encoded)", headers: ["Content-Type": "application/json", "X-Debug": "sent \(token)"],
            body: Data(#"{"requests":[{"sku":"A","comment":"copied \#(token) here"}]}"#.utf8),
            status: 200, responseContentType: "text/plain", response: Data("echo: \(token)".utf8)
        )
        let form = Exchange(
            service: .ebay, method: "POST", path: "/identity/v1/oauth2/token",
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Data("grant_type=refresh_token&scope_hint=\(encoded)".utf8), status: 200
        )

        for exchange in [json, form] {
            let line = exchange.jsonLine(redactor: redactor)
            #expect(!line.contains("demo-registered-secret"), "leaked in \(line)")
            #expect(line.contains("[REDACTED]"))
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.jsonLine(redactor: redactor).utf8)) as? [String: Any])
        let requests = try #require((object["body"] as? [String: Any])?["requests"] as? [[String: String]])
        #expect(requests == [["sku": "A", "comment": "copied [REDACTED] here"]])
        #expect(object["response"] as? String == "echo: [REDACTED]")
        #expect((object["headers"] as? [String: String])?["X-Debug"] == "sent [REDACTED]")
    }

    @Test func record_usesRecordersRedactor() async throws {
        let url = temporaryFile("redactor")
        defer { try? FileManager.default.removeItem(at: url) }
        let recorder = try ExchangeRecorder(url: url, redactor: Redactor(secrets: SecretRegistry(["registered-secret-42"])))

        try await recorder.record(Exchange(
            service: .shopify, method: "POST", path: "/admin/api/2025-01/graphql.json",
            headers: ["Content-Type": "application/json"],
            body: Data(#"{"query":"{ shop { name } }","variables":{"note":"registered-secret-42"}}"#.utf8), status: 200
        ))
        await recorder.close()

        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(!text.contains("registered-secret-42"))
        #expect(text.contains(#""note":"[REDACTED]""#))
    }

    @Test func jsonLine_formBody_redactedAndKeptAsString() throws {
        let exchange = Exchange(
            service: .ebay, method: "POST", path: "/identity/v1/oauth2/token",
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Data("grant_type=refresh_token&refresh_token=v%5E1.1%23secret&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope".utf8),
            status: 200
        )

        let object = try #require(try JSONSerialization.jsonObject(with: Data(exchange.jsonLine().utf8)) as? [String: Any])

        #expect(object["body"] as? String == "grant_type=refresh_token&refresh_token=[REDACTED]&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope")
    }

    @Test func jsonLine_brokenJSON_keptAsString() throws {
        let exchange = Exchange(
            service: .meta, method: "GET", path: "/v25.0/act_1/insights", status: 200,
            responseContentType: "application/json", response: Data(#"{"data":[{"spend":"1"#.utf8)
        )

        let object = try #require(try JSONSerialization.jsonObject(with: Data(exchange.jsonLine().utf8)) as? [String: Any])

        #expect(object["response"] as? String == #"{"data":[{"spend":"1"#)
        #expect(object["body"] is NSNull)
    }

    @Test func jsonLine_repeatedQueryParameter_keepsAll() throws {
        let exchange = Exchange(service: .ebay, method: "GET", path: "/x", query: "sku=A&sku=B%20C", status: 200)

        let object = try #require(try JSONSerialization.jsonObject(with: Data(exchange.jsonLine().utf8)) as? [String: Any])

        #expect(object["query"] as? [String: [String]] == ["sku": ["A", "B C"]])
    }

    @Test func record_concurrentWrites_oneWholeLineEach() async throws {
        let url = temporaryFile("concurrent")
        defer { try? FileManager.default.removeItem(at: url) }
        let recorder = try ExchangeRecorder(url: url)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for number in 0..<300 {
                group.addTask {
                    let body = Data(#"{"n":\#(number),"pad":"\#(String(repeating: "x", count: 2_000))"}"#.utf8)
                    try await recorder.record(Exchange(
                        service: .shopify, method: "POST", path: "/admin/api/2025-01/graphql.json",
                        headers: ["Content-Type": "application/json"], body: body, status: 200
                    ))
                }
            }
            try await group.waitForAll()
        }
        await recorder.close()

        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        let numbers = try lines.map { line -> Int in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require((object["body"] as? [String: Any])?["n"] as? Int)
        }
        #expect(lines.count == 300)
        #expect(Set(numbers) == Set(0..<300))
        #expect(await recorder.linesWritten == 300)
    }

    @Test func record_existingFile_appends() async throws {
        let url = temporaryFile("append")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("{\"earlier\":true}\n".utf8).write(to: url)

        let recorder = try ExchangeRecorder(url: url)
        try await recorder.record(Exchange(service: .meta, method: "GET", path: "/v25.0/me", status: 200))
        await recorder.close()

        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == "{\"earlier\":true}")
    }

    @Test func init_unwritablePath_throws() {
        #expect(throws: ExchangeRecorder.Failure.self) {
            try ExchangeRecorder(url: URL(fileURLWithPath: "/nonexistent-dir-\(UUID())/x.jsonl"))
        }
    }
}

func temporaryFile(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-\(name)-\(UUID().uuidString).jsonl")
}
