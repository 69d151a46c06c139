import Foundation
import IntegrationKit
import Logging
import Metrics

/// eBay's REST APIs over `IntegrationKit`: OAuth tokens, eBay's required headers, the error
/// envelope, one refresh and one retry on 401, quota counting.
///
/// Retries (429, 5xx, timeouts; backoff with jitter; `Retry-After` honoured) and adaptive
/// concurrency (halved on 429) are `IntegrationClient`'s, configured here.
public final class EbayClient: Sendable {
    public let environment: EbayEnvironment
    /// `X-EBAY-C-MARKETPLACE-ID` and the offers' `marketplaceId`, e.g. `EBAY_US`.
    public let marketplaceID: String
    /// `Content-Language` of inventory items and offers (required by the contract), e.g. `en-US`.
    public let contentLanguage: String
    public let usage: EbayUsage
    public let credentials: EbayCredentials
    let http: IntegrationClient
    let userTokens: EbayTokenProvider
    let applicationTokens: EbayTokenProvider
    let logger: Logger

    public init(
        environment: EbayEnvironment,
        credentials: EbayCredentials,
        marketplaceID: String = "EBAY_US",
        contentLanguage: String = "en-US",
        transport: any HTTPTransport = AsyncHTTPClientTransport(),
        retryPolicy: RetryPolicy = .standard,
        // eBay publishes no per-second budget for the Sell APIs: start at 8 in flight and let
        // 429s find the level (AdaptiveConcurrencyLimiter halves on each), and pace starts
        // under the rate a 429 reveals (AdaptiveRateLimiter), so bursts stop wasting calls.
        rateLimiter: any RateLimiter = CombinedRateLimiter([AdaptiveConcurrencyLimiter(initialLimit: 8, maximumLimit: 32), AdaptiveRateLimiter()]),
        redactor: Redactor = Redactor(),
        metricsFactory: any MetricsFactory = MetricsSystem.factory,
        logger: Logger = Logger(label: "shoppyshop.ebay"),
        defaultTimeout: Duration = .seconds(30),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.environment = environment
        self.marketplaceID = marketplaceID
        self.contentLanguage = contentLanguage
        self.credentials = credentials
        self.logger = logger
        let usage = EbayUsage(factory: metricsFactory, now: now)
        self.usage = usage
        for secret in [credentials.certID, credentials.authToken.value] {
            _ = redactor.secrets.register(secret)
        }
        let http = IntegrationClient(
            service: "ebay",
            transport: EbayCountingTransport(base: transport, usage: usage),
            retryPolicy: retryPolicy,
            rateLimiter: rateLimiter,
            redactor: redactor,
            logger: logger,
            metrics: IntegrationMetrics(factory: metricsFactory),
            defaultTimeout: defaultTimeout,
            defaultHeaders: ["Accept": "application/json"],
            vendorRequestIDHeaders: ["X-EBAY-C-REQUEST-ID", "rlogid"]
        )
        self.http = http
        let userGrant: EbayTokenProvider.Grant = switch credentials.authToken {
        case .refreshToken(let token): .refresh(token: token, scopes: credentials.userScopes)
        case .accessToken(let token): .fixed(token)
        }
        self.userTokens = EbayTokenProvider(grant: userGrant, tokenURL: environment.tokenURL, appID: credentials.appID,
                                            certID: credentials.certID, http: http, now: now)
        self.applicationTokens = EbayTokenProvider(grant: .clientCredentials(scopes: EbayCredentials.applicationScopes),
                                                   tokenURL: environment.tokenURL, appID: credentials.appID,
                                                   certID: credentials.certID, http: http, now: now)
    }

    /// Calls made to the token endpoint (user + application tokens).
    public func tokenRefreshCount() async -> Int {
        await userTokens.refreshCount + applicationTokens.refreshCount
    }

    /// The `config check` description of `EBAY_AUTH_TOKEN`, with the real expiry once known.
    public func authTokenSummary() async -> String {
        EbayAuthTokenSummary.describe(credentials.authToken, knownExpiry: await userTokens.knownExpiry)
    }

    // MARK: Requests

    /// One operation of an eBay contract.
    struct Call: Sendable {
        var api: EbayAPIName
        var method: OutboundRequest.Method
        /// Below the API's base path, already percent-encoded where needed.
        var path: String
        var query: [(String, String)] = []
        var operation: String
        /// `Content-Language` is required on inventory item and offer writes.
        var contentLanguage = false
        /// `X-EBAY-C-MARKETPLACE-ID` where the contract asks for it.
        var marketplaceHeader = false
        var applicationToken = false
        var body: Data?
        var isIdempotent: Bool?
    }

    func send<Response: Decodable>(_ call: Call, as type: Response.Type = Response.self) async throws -> Response {
        let response = try await sendRaw(call)
        if Response.self == EbayEmpty.self { return EbayEmpty() as! Response }
        do {
            return try JSONDecoder().decode(Response.self, from: response.body)
        } catch {
            throw EbayError.malformedResponse(operation: call.operation, detail: "\(error)")
        }
    }

    func sendRaw(_ call: Call) async throws -> OutboundResponse {
        let tokens = call.applicationToken ? applicationTokens : userTokens
        var refreshed = false
        while true {
            let token = try await tokens.token()
            do {
                return try await http.send(request(for: call, token: token))
            } catch let error as IntegrationError {
                // A 401 means the token died early (revoked, clock skew): one refresh and one
                // retry, never a loop.
                if error.status == 401, !refreshed {
                    refreshed = true
                    if await tokens.invalidate(token) { continue }
                    throw EbayError.unauthorized(operation: call.operation, detail:
                        "eBay rejected EBAY_AUTH_TOKEN, an access token that cannot be renewed; set a refresh token")
                }
                throw EbayError(integration: error, operation: call.operation)
            }
        }
    }

    func request(for call: Call, token: String) -> OutboundRequest {
        var components = URLComponents(url: environment.apiBaseURL, resolvingAgainstBaseURL: false)!
        components.percentEncodedPath = components.percentEncodedPath + call.api.basePath + call.path
        if !call.query.isEmpty {
            components.percentEncodedQuery = call.query.map { name, value in
                "\(Self.encodeQueryValue(name))=\(Self.encodeQueryValue(value))"
            }.joined(separator: "&")
        }
        var headers: HTTPHeaderFields = ["Authorization": "Bearer \(token)"]
        if call.body != nil { headers.add(name: "Content-Type", value: "application/json") }
        if call.contentLanguage { headers.add(name: "Content-Language", value: contentLanguage) }
        if call.marketplaceHeader { headers.add(name: "X-EBAY-C-MARKETPLACE-ID", value: marketplaceID) }
        return OutboundRequest(
            method: call.method, url: components.url!, headers: headers, body: call.body,
            isIdempotent: call.isIdempotent, operation: call.operation
        )
    }

    /// eBay's filter syntax (`lastmodifieddate:[a..b]`, `{A|B}`) is sent percent-encoded;
    /// only RFC 3986 unreserved ASCII stays (non-ASCII letters would trap `URLComponents`).
    static func encodeQueryValue(_ value: String) -> String {
        PercentEncoding.component(value)
    }

    static func encodePath(_ segment: String) -> String {
        PercentEncoding.component(segment)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func body(_ value: some Encodable) throws -> Data {
        try encoder.encode(value)
    }
}

/// For operations that answer 204 or an empty 201/200.
struct EbayEmpty: Decodable, Sendable {
    init() {}
}
