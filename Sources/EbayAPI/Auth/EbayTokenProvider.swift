import Foundation
import IntegrationKit

/// Hands out access tokens: cached until shortly before `expires_in`, with at most one
/// refresh in flight however many callers ask at once.
public actor EbayTokenProvider {
    public enum Grant: Sendable, Hashable {
        /// `grant_type=refresh_token` for user tokens (Sell APIs).
        case refresh(token: String, scopes: [String])
        /// `grant_type=client_credentials` for application tokens (Taxonomy, Notification).
        case clientCredentials(scopes: [String])
        /// A fixed access token: nothing to refresh with.
        case fixed(String)
    }

    struct Cached: Sendable {
        var token: String
        var expiresAt: Date
    }

    private let grant: Grant
    private let tokenURL: URL
    private let appID: String
    private let certID: String
    private let http: IntegrationClient
    private let now: @Sendable () -> Date
    private var cached: Cached?
    private var inFlight: Task<Cached, any Error>?
    /// Token endpoint calls made (for tests and the measurements).
    public private(set) var refreshCount = 0

    init(grant: Grant, tokenURL: URL, appID: String, certID: String, http: IntegrationClient, now: @escaping @Sendable () -> Date) {
        self.grant = grant
        self.tokenURL = tokenURL
        self.appID = appID
        self.certID = certID
        self.http = http
        self.now = now
        if case .fixed(let token) = grant {
            cached = Cached(token: token, expiresAt: .distantFuture)
        }
    }

    public var canRefresh: Bool {
        if case .fixed = grant { return false }
        return true
    }

    /// When the current token expires, if a token endpoint said so.
    public var knownExpiry: Date? {
        guard let cached, cached.expiresAt != .distantFuture else { return nil }
        return cached.expiresAt
    }

    public func token() async throws -> String {
        if let cached, cached.expiresAt > now() { return cached.token }
        if let inFlight { return try await inFlight.value.token }
        let task = Task { try await self.fetch() }
        inFlight = task
        defer { inFlight = nil }
        let fresh = try await task.value
        cached = fresh
        return fresh.token
    }

    /// eBay answered 401 with `token`: forget it so the next `token()` refreshes (once,
    /// however many calls saw the same 401). Returns false when no refresh is possible.
    public func invalidate(_ token: String) -> Bool {
        guard canRefresh else { return false }
        if cached?.token == token { cached = nil }
        return true
    }

    private func fetch() async throws -> Cached {
        let body: String
        switch grant {
        case .refresh(let refreshToken, let scopes):
            body = Self.form([("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("scope", scopes.joined(separator: " "))])
        case .clientCredentials(let scopes):
            body = Self.form([("grant_type", "client_credentials"), ("scope", scopes.joined(separator: " "))])
        case .fixed(let token):
            return Cached(token: token, expiresAt: .distantFuture)
        }
        refreshCount += 1
        let basic = Data("\(appID):\(certID)".utf8).base64EncodedString()
        let request = OutboundRequest(
            method: .post, url: tokenURL,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic \(basic)"],
            body: Data(body.utf8),
            // Minting a token twice is harmless: safe to resend after a timeout.
            isIdempotent: true, operation: "oauth2Token"
        )
        let response: OutboundResponse
        do {
            response = try await http.send(request)
        } catch let error as IntegrationError {
            // RFC 6749: invalid_grant is a refresh token eBay no longer honours (revoked, expired,
            // the user changed their password): nothing a retry fixes.
            if let failure = error.httpFailure, [400, 401].contains(failure.status),
               String(decoding: failure.body, as: UTF8.self).contains("invalid_grant") {
                throw EbayError.unauthorized(operation: "oauth2Token", detail:
                    "eBay refused EBAY_AUTH_TOKEN (invalid_grant): the refresh token was revoked or has expired; grant ShoppyShop access again and set the new refresh token")
            }
            throw EbayError(integration: error, operation: "oauth2Token")
        }
        let decoded: EbayTokenResponse
        do {
            decoded = try JSONDecoder().decode(EbayTokenResponse.self, from: response.body)
        } catch {
            throw EbayError.malformedResponse(operation: "oauth2Token", detail: "\(error)")
        }
        _ = http.redactor.secrets.register(decoded.access_token)
        let lifetime = TimeInterval(max(decoded.expires_in, 1))
        // Renew a little early, so a token never expires in flight: 60 s, or a tenth of a
        // short lifetime (the sandbox issues tokens that live seconds).
        let margin = min(60, lifetime / 10)
        return Cached(token: decoded.access_token, expiresAt: now().addingTimeInterval(lifetime - margin))
    }

    /// `application/x-www-form-urlencoded` with RFC 3986 unreserved ASCII kept (a space is `%20`).
    static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { name, value in
            "\(PercentEncoding.component(name))=\(PercentEncoding.component(value))"
        }.joined(separator: "&")
    }
}

/// The token endpoint's answer (eBay OAuth client `TokenResponse`: `access_token`,
/// `token_type`, `expires_in`, `refresh_token`, `refresh_token_expires_in`).
public struct EbayTokenResponse: Codable, Sendable {
    public var access_token: String
    public var token_type: String?
    public var expires_in: Int
    public var refresh_token: String?
    public var refresh_token_expires_in: Int?

    public init(access_token: String, token_type: String?, expires_in: Int, refresh_token: String? = nil, refresh_token_expires_in: Int? = nil) {
        self.access_token = access_token
        self.token_type = token_type
        self.expires_in = expires_in
        self.refresh_token = refresh_token
        self.refresh_token_expires_in = refresh_token_expires_in
    }
}
