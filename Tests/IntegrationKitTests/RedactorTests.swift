import Foundation
import IntegrationKit
import Testing

@Suite struct RedactorTests {
    let redactor = Redactor()

    @Test func headers_secret_values_replaced() {
        let headers: HTTPHeaderFields = [
            "Authorization": "Bearer v^1.1#i^1#p^3#r^1#abc",
            "X-Shopify-Access-Token": "shpat_0123456789abcdef",
            "Cookie": "session=abc",
            "Set-Cookie": "session=abc; HttpOnly",
            "X-Shopify-Hmac-Sha256": "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=",
            "X-EBAY-SIGNATURE": "eyJhbGciOiJlY2RzYSJ9",
            "Content-Type": "application/json",
            "X-EBAY-C-MARKETPLACE-ID": "EBAY_US",
        ]

        let redacted = redactor.redact(headers: headers)

        for name in ["Authorization", "X-Shopify-Access-Token", "Cookie", "Set-Cookie", "X-Shopify-Hmac-Sha256", "X-EBAY-SIGNATURE"] {
            #expect(redacted[name] == Redactor.placeholder, "\(name)")
        }
        #expect(redacted["Content-Type"] == "application/json")
        #expect(redacted["X-EBAY-C-MARKETPLACE-ID"] == "EBAY_US")
    }

    @Test func url_query_parameters_replaced() {
        let url = URL(string: "https://graph.facebook.com/v25.0/act_1/insights?fields=spend&access_token=EAAB123secret&appsecret_proof=deadbeef&limit=25")!

        let text = redactor.redact(url: url)

        #expect(text == "https://graph.facebook.com/v25.0/act_1/insights?fields=spend&access_token=[REDACTED]&appsecret_proof=[REDACTED]&limit=25")
    }

    @Test func url_oauth_parameters_and_password_replaced() {
        let url = URL(string: "https://user:hunter2@example.com/cb?code=v%5E1.1%23abc&state=xyz&client_secret=s3cr3t&refresh_token=r1")!

        let text = redactor.redact(url: url)

        #expect(!text.contains("hunter2"))
        #expect(!text.contains("v%5E1.1"))
        #expect(!text.contains("s3cr3t"))
        #expect(!text.contains("r1"))
        #expect(text.contains("state=xyz"))
    }

    @Test func form_body_replaced() {
        let body = "grant_type=refresh_token&refresh_token=v%5E1.1%23i%5E1&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope"

        let text = redactor.redact(body)

        #expect(text == "grant_type=refresh_token&refresh_token=[REDACTED]&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope")
    }

    @Test func json_body_keys_replaced_and_error_codes_kept() {
        let body = #"{"access_token": "v^1.1#i^1", "expires_in": 7200, "refresh_token":"r-123", "refresh_token_expires_in": 47304000, "client_secret": "cs", "password": "pw", "token": "t", "error": {"code": 190}}"#

        let text = redactor.redact(body)

        #expect(text == #"{"access_token": "[REDACTED]", "expires_in": 7200, "refresh_token":"[REDACTED]", "refresh_token_expires_in": 47304000, "client_secret": "[REDACTED]", "password": "[REDACTED]", "token": "[REDACTED]", "error": {"code": 190}}"#)
    }

    @Test func escaped_json_inside_a_string_replaced() {
        let text = redactor.redact(#"body: "{\"access_token\":\"abc123\",\"x\":1}""#)

        #expect(text == #"body: "{\"access_token\":\"[REDACTED]\",\"x\":1}""#)
    }

    @Test func header_dumps_and_bearer_in_free_text_replaced() {
        let dump = #"[("Authorization", "Bearer abcdefgh12345"), ("X-Shopify-Access-Token", "shpat_abc"), ("Accept", "json")]"#
        let line = "Authorization: Basic YXBwaWQ6Y2VydGlkMTIzNDU2\nAccept: json"
        let prose = "sent Bearer eyJhbGciOi.J9.xyz upstream"

        #expect(redactor.redact(dump) == #"[("Authorization", "[REDACTED]"), ("X-Shopify-Access-Token", "[REDACTED]"), ("Accept", "json")]"#)
        #expect(redactor.redact(line) == "Authorization: [REDACTED]\nAccept: json")
        #expect(redactor.redact(prose) == "sent Bearer [REDACTED] upstream")
        #expect(redactor.redact("Basic plan") == "Basic plan")
    }

    @Test func header_fields_description_is_redactable() {
        let headers: HTTPHeaderFields = ["X-Shopify-Access-Token": "shpat_0123", "Accept": "application/json"]

        #expect(redactor.redact(headers.description) == #"["X-Shopify-Access-Token": "[REDACTED]", "Accept": "application/json"]"#)
    }

    @Test func registered_secrets_replaced_anywhere_in_every_wire_form() {
        let secrets = SecretRegistry()
        let token = "v^1.1#i^1#p^3#r^1#I^3#f^0#t^Ul4xMF8x/abc="
        #expect(secrets.register(token))
        let redactor = Redactor(secrets: secrets)
        let everythingEscaped = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let queryEscaped = token.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
        let lowercaseHex = everythingEscaped.replacingOccurrences(of: "%5E", with: "%5e")
        let jsonEscaped = token.replacingOccurrences(of: "/", with: "\\/")

        #expect(redactor.redact("token was \(token)!") == "token was [REDACTED]!")
        #expect(redactor.redact("x=\(everythingEscaped)") == "x=[REDACTED]")
        #expect(redactor.redact("https://h/p?q=\(queryEscaped)&n=1") == "https://h/p?q=[REDACTED]&n=1")
        #expect(redactor.redact("\(lowercaseHex) end") == "[REDACTED] end")
        #expect(redactor.redact(#"{"t":"\#(jsonEscaped)"}"#) == #"{"t":"[REDACTED]"}"#)
        #expect(redactor.redact("\(token)\(token)") == "[REDACTED][REDACTED]")
    }

    @Test func registry_refuses_short_values() {
        let secrets = SecretRegistry()

        #expect(!secrets.register("abc"))
        #expect(!secrets.register("   "))
        #expect(secrets.isEmpty)
        #expect(Redactor(secrets: secrets).redact("abc 1234") == "abc 1234")
    }

    @Test func body_snippet_is_redacted_and_bounded() {
        let body = Data((#"{"access_token":"abc","data":""# + String(repeating: "x", count: 2_000) + #""}"#).utf8)

        let snippet = redactor.snippet(of: body, limit: 100)

        #expect(snippet.hasPrefix(#"{"access_token":"[REDACTED]","data":""#))
        #expect(snippet.count == 101)
        #expect(snippet.hasSuffix("…"))
        #expect(redactor.snippet(of: Data([0xff, 0xfe, 0x00, 0x81])) == "<4 bytes of binary>")
    }

    @Test func text_without_secrets_is_unchanged() {
        let text = #"GET https://api.ebay.com/sell/inventory/v1/inventory_item?limit=100 -> 200 {"sku":"A-1","code":"ok"}"#

        #expect(redactor.redact(text) == text)
    }
}
