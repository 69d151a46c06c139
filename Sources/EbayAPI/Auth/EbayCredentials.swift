import Foundation

/// What the client authenticates with. `authToken` is the seed's `EBAY_AUTH_TOKEN`: a
/// refresh token (preferred: the client mints 2-hour user tokens from it) or a user access
/// token used as-is until eBay rejects it.
public struct EbayCredentials: Sendable {
    public var appID: String
    public var certID: String
    public var authToken: EbayAuthToken
    /// Scopes asked for when refreshing: those of the contracts in use
    /// (contracts/ebay/oauth_and_notification_auth.json `scopes_by_contract`).
    public var userScopes: [String]

    public static let defaultUserScopes = [
        "https://api.ebay.com/oauth/api_scope",
        "https://api.ebay.com/oauth/api_scope/sell.inventory",
        "https://api.ebay.com/oauth/api_scope/sell.account",
        "https://api.ebay.com/oauth/api_scope/sell.fulfillment",
    ]
    /// Taxonomy and the notification public key take an application token (client credentials).
    public static let applicationScopes = ["https://api.ebay.com/oauth/api_scope"]

    public init(appID: String, certID: String, authToken: EbayAuthToken, userScopes: [String] = EbayCredentials.defaultUserScopes) {
        self.appID = appID
        self.certID = certID
        self.authToken = authToken
        self.userScopes = userScopes
    }
}

/// `EBAY_AUTH_TOKEN`, classified.
public enum EbayAuthToken: Sendable, Hashable {
    case refreshToken(String)
    case accessToken(String)

    /// eBay's tokens are opaque; what tells them apart in practice: a user *access* token
    /// carries its payload gzip-compressed and base64-encoded after `#t^`, which starts with
    /// `H4sI` (gzip's magic bytes), as in the access-token sample of eBay's OAuth client
    /// (`v^1.1#i^1#p^1#r^0#I^3#f^0#t^H4s…`, TokenResponse.java). Refresh tokens do not.
    /// A value with a `refresh:` or `access:` prefix says so explicitly.
    public init(classifying raw: String) {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.hasPrefix("refresh:") {
            self = .refreshToken(String(value.dropFirst("refresh:".count)))
        } else if value.hasPrefix("access:") {
            self = .accessToken(String(value.dropFirst("access:".count)))
        } else if value.contains("#t^H4sI") || value.contains("t^H4sI") {
            self = .accessToken(value)
        } else {
            self = .refreshToken(value)
        }
    }

    public var value: String {
        switch self {
        case .refreshToken(let token), .accessToken(let token): token
        }
    }

    public var isRefreshToken: Bool {
        if case .refreshToken = self { return true }
        return false
    }
}

/// The `config check` line for `EBAY_AUTH_TOKEN`: which kind it is and when it expires.
public enum EbayAuthTokenSummary {
    /// eBay's lifetimes (TokenResponse sample of eBay's OAuth client): user access tokens
    /// `expires_in` 7200 s; refresh tokens `refresh_token_expires_in` 47,304,000 s (18 months).
    public static let accessTokenLifetime: TimeInterval = 7_200
    public static let refreshTokenLifetime: TimeInterval = 47_304_000

    /// - Parameter knownExpiry: when a token endpoint told us (`expires_in`), if it did.
    public static func describe(_ token: EbayAuthToken, knownExpiry: Date? = nil) -> String {
        let expiry = knownExpiry.map { " at \(ISO8601DateFormatter().string(from: $0))" }
        switch token {
        case .refreshToken:
            return "EBAY_AUTH_TOKEN is a refresh token: expires\(expiry ?? " 18 months after consent (eBay does not say when it was issued)"); "
                + "2-hour access tokens are minted from it automatically"
        case .accessToken:
            return "EBAY_AUTH_TOKEN is an access token: expires\(expiry ?? " within 2 hours of issue"), and cannot be renewed; "
                + "set a refresh token for unattended runs"
        }
    }
}
