import Foundation

/// Which eBay to talk to. Hosts come from contracts/ebay/oauth_and_notification_auth.json
/// (eBay's own OAuth client, `model/Environment.java`); `custom` points every API at the
/// loopback sandbox.
public struct EbayEnvironment: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    /// REST APIs (`/sell/inventory/v1/...`) and the OAuth token endpoint live here.
    public let apiBaseURL: URL
    /// Where a seller is sent to grant consent (authorization-code grant).
    public let authorizeURL: URL

    public init(name: String, apiBaseURL: URL, authorizeURL: URL) {
        self.name = name
        self.apiBaseURL = apiBaseURL
        self.authorizeURL = authorizeURL
    }

    public static let production = EbayEnvironment(
        name: "production",
        apiBaseURL: URL(string: "https://api.ebay.com")!,
        authorizeURL: URL(string: "https://auth.ebay.com/oauth2/authorize")!
    )

    public static let sandbox = EbayEnvironment(
        name: "sandbox",
        apiBaseURL: URL(string: "https://api.sandbox.ebay.com")!,
        authorizeURL: URL(string: "https://auth.sandbox.ebay.com/oauth2/authorize")!
    )

    /// Our loopback stand-in: the APIs and the consent page are served under one base URL.
    public static func custom(baseURL: URL, name: String = "custom") -> EbayEnvironment {
        var text = baseURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        let base = URL(string: text) ?? baseURL
        return EbayEnvironment(name: name, apiBaseURL: base, authorizeURL: base.appendingPathComponent("oauth2/authorize"))
    }

    /// `POST` here for every grant (client credentials, authorization code, refresh token).
    public var tokenURL: URL { apiBaseURL.appendingPathComponent("identity/v1/oauth2/token") }

    /// `{apiBaseURL}/{path}`, e.g. `url("sell/inventory/v1/inventory_item")`.
    public func url(_ path: String) -> URL {
        apiBaseURL.appendingPathComponent(path.hasPrefix("/") ? String(path.dropFirst()) : path)
    }

    public var description: String { "\(name) (\(apiBaseURL.absoluteString))" }
}
