/// The secrets a recorded exchange never shows, in one place.
///
/// IntegrationKit's `Redactor` will own this list for the whole app; until the sandbox
/// can use it, this file is the sandbox's copy, and the only one to swap.
enum Redaction {
    static let marker = "[REDACTED]"

    /// Header names, lowercased.
    static let headers: Set<String> = [
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-shopify-access-token",
        "x-shopify-hmac-sha256",
        "x-ebay-signature",
    ]

    /// Names of query parameters, form fields and JSON keys, lowercased. OAuth token
    /// responses carry tokens in JSON bodies, Meta takes `access_token` in the query.
    static let parameters: Set<String> = [
        "access_token",
        "refresh_token",
        "client_secret",
        "appsecret_proof",
    ]

    static func isSecretHeader(_ name: String) -> Bool {
        headers.contains(name.lowercased())
    }

    static func isSecretParameter(_ name: String) -> Bool {
        parameters.contains(name.lowercased())
    }
}
