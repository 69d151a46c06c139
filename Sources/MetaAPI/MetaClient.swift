import Foundation
import IntegrationKit
import Logging

/// The Meta Graph API client. Read-only by construction: the one place that builds a request
/// (`get`, below) fixes the method to GET, and nothing takes a method, a body or a URL from
/// outside. Work Meta offers only through POST (async report runs) is done with GET windows.
public struct MetaClient: Sendable {
    public struct Configuration: Sendable {
        /// `https://graph.facebook.com`, or the sandbox's loopback URL.
        public var baseURL: URL
        public var accessToken: String
        /// Digits only; `act_` is added here.
        public var accountID: String
        /// META_CATALOG_ID; nil discovers the catalog from the ad account's business.
        public var catalogID: String?
        /// Days per insights call. The synchronous endpoint can refuse or time out on large
        /// queries ("Please reduce the amount of data", error 100/1487534); 30 campaign-days
        /// of daily rows stays small, and we never use the POST-only async report runs.
        public var insightsWindowDays: Int
        /// Rows per page (`limit`); paging follows `paging.cursors.after` while `next` is set.
        public var pageSize: Int
        /// Throttling errors survived per call by pausing until Meta's regain time.
        public var throttlingRetries: Int
        /// Longest pause taken in-line; beyond it the call fails with `.throttled` so a job
        /// can be rescheduled rather than hold a worker for an hour.
        public var maxInlinePause: Duration

        public init(
            baseURL: URL = MetaGraph.productionBaseURL, accessToken: String, accountID: String, catalogID: String? = nil,
            insightsWindowDays: Int = 30, pageSize: Int = 100, throttlingRetries: Int = 3, maxInlinePause: Duration = .seconds(300)
        ) {
            self.baseURL = baseURL
            self.accessToken = accessToken
            self.accountID = accountID.hasPrefix("act_") ? String(accountID.dropFirst(4)) : accountID
            self.catalogID = catalogID
            self.insightsWindowDays = insightsWindowDays
            self.pageSize = pageSize
            self.throttlingRetries = throttlingRetries
            self.maxInlinePause = maxInlinePause
        }

        public var accountPath: String { "act_\(accountID)" }
    }

    public let configuration: Configuration
    public let limiter: MetaUsageLimiter
    private let http: IntegrationClient

    public init(
        configuration: Configuration,
        limiter: MetaUsageLimiter = MetaUsageLimiter(),
        transport: any HTTPTransport = AsyncHTTPClientTransport(),
        retryPolicy: RetryPolicy = .standard,
        redactor: Redactor = Redactor(),
        logger: Logger? = nil,
        metrics: IntegrationMetrics = IntegrationMetrics()
    ) {
        self.configuration = configuration
        self.limiter = limiter
        // The token travels in the query string (`access_token`), which Redactor masks by
        // name; registering the value as well masks it wherever else it might surface.
        _ = redactor.secrets.register(configuration.accessToken)
        self.http = IntegrationClient(
            service: "meta", transport: transport, retryPolicy: retryPolicy, rateLimiter: limiter,
            redactor: redactor, logger: logger, metrics: metrics,
            defaultHeaders: ["Accept": "application/json"],
            vendorRequestIDHeaders: ["x-fb-trace-id", "x-fb-request-id"]
        )
    }

    /// The only request builder: GET `{base}/v25.0/{path}?{query}&access_token=…`.
    func get(_ path: String, _ query: [(String, String)], operation: String) async throws -> Data {
        let request = OutboundRequest(method: .get, url: url(path, query), operation: operation)
        var throttled = 0
        while true {
            do {
                return try await http.send(request).body
            } catch let error as IntegrationError {
                guard let failure = error.httpFailure, let graph = MetaGraphError.decode(from: failure.body) else {
                    throw MetaAPIError.transport(error)
                }
                if graph.isInvalidToken { throw MetaAPIError.invalidToken(graph) }
                guard graph.isThrottling else { throw MetaAPIError.graph(graph, status: failure.status) }
                // The limiter has read the regain time from this very response; its next
                // acquire sleeps until then. Retry only if that wait is one we take in-line.
                let pause = await limiter.remainingPause
                guard throttled < configuration.throttlingRetries, (pause ?? .zero) <= configuration.maxInlinePause else {
                    throw MetaAPIError.throttled(graph, retryAfter: pause)
                }
                throttled += 1
            }
        }
    }

    /// Every page of an edge: `limit`, then `after` from `paging.cursors` while Meta sends
    /// `paging.next` (Meta: no `next` means the last page). Cursors, not the `next` URL,
    /// so we only ever call our own base URL and add the token ourselves.
    func getAll<Row: Decodable & Sendable>(
        _ path: String, _ query: [(String, String)], operation: String, as row: Row.Type
    ) async throws -> (rows: [Row], pages: Int) {
        var rows: [Row] = []
        var after: String?
        var pages = 0
        repeat {
            var pageQuery = query + [("limit", String(configuration.pageSize))]
            if let after { pageQuery.append(("after", after)) }
            let page = try decode(MetaPage<Row>.self, from: try await get(path, pageQuery, operation: operation), operation: operation)
            pages += 1
            rows += page.data
            let next = page.paging?.next != nil ? page.paging?.cursors?.after : nil
            // A cursor that does not move would loop forever.
            after = next == after ? nil : next
        } while after != nil
        return (rows, pages)
    }

    func decode<T: Decodable>(_ type: T.Type, from data: Data, operation: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw MetaAPIError.decoding(operation: operation, String(describing: error).prefix(300).description)
        }
    }

    private func url(_ path: String, _ query: [(String, String)]) -> URL {
        var components = URLComponents(url: MetaGraph.url(base: configuration.baseURL, path: path), resolvingAgainstBaseURL: false)!
        components.percentEncodedQuery = (query + [("access_token", configuration.accessToken)])
            .map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }
            .joined(separator: "&")
        return components.url!
    }

    /// RFC 3986 unreserved characters stay; everything else (`{`, `"`, `,`, `+`) is encoded.
    private static func encode(_ text: String) -> String {
        PercentEncoding.component(text)
    }
}

/// A Graph edge page: `{"data": [...], "paging": {"cursors": {"before", "after"}, "next"}}`.
struct MetaPage<Row: Decodable>: Decodable {
    var data: [Row]
    var paging: Paging?

    struct Paging: Decodable {
        var cursors: Cursors?
        var next: String?
    }

    struct Cursors: Decodable {
        var before: String?
        var after: String?
    }
}
