import Foundation
import IntegrationKit

/// Sends the operations in `Operations/` to one shop's Admin GraphQL endpoint through
/// `IntegrationClient` (retries, timeouts, redacted logs, metrics) with the cost bucket as
/// its rate limiter. THROTTLED answers are retried after the wait the bucket computes from
/// `throttleStatus`, and never reach the caller.
public struct ShopifyGraphQLClient: Sendable {
    public let endpoint: ShopifyAdminEndpoint
    public let http: IntegrationClient
    public let bucket: ShopifyCostBucket
    private let accessToken: String
    private let knownCosts = CostMemory()
    /// A guard, not a policy: each THROTTLED answer already made us wait the computed time.
    static let maximumThrottledAttempts = 50

    /// - Parameters:
    ///   - retryPolicy: for 5xx and timeouts; applied to queries only (mutations may have run).
    public init(endpoint: ShopifyAdminEndpoint, accessToken: String, retryPolicy: RetryPolicy = .standard, transport: any HTTPTransport = AsyncHTTPClientTransport(),
                bucket: ShopifyCostBucket? = nil, timeout: Duration = .seconds(30)) {
        self.endpoint = endpoint
        self.accessToken = accessToken
        let bucket = bucket ?? ShopifyCostBucket(shop: endpoint.baseURL.host ?? "shop")
        self.bucket = bucket
        let redactor = Redactor(secrets: SecretRegistry([accessToken]))
        self.http = IntegrationClient(
            service: "shopify", transport: transport, retryPolicy: retryPolicy, rateLimiter: bucket,
            redactor: redactor, defaultTimeout: timeout, defaultHeaders: ["Content-Type": "application/json", "Accept": "application/json"],
            vendorRequestIDHeaders: ["X-Request-Id"])
    }

    struct Body<Variables: Encodable>: Encodable {
        var query: String
        var operationName: String
        var variables: Variables
    }

    struct Envelope<Data: Decodable>: Decodable {
        var data: Data?
        var errors: [ShopifyGraphQLError]?
        var extensions: ShopifyCostBucket.Envelope.Extensions?
    }

    /// Runs `operation` and decodes its `data`. Top-level errors throw `ShopifyError.graphQL`.
    public func run<Variables: Encodable & Sendable, Response: Decodable & Sendable>(
        _ operation: ShopifyOperation, variables: Variables, as: Response.Type = Response.self
    ) async throws -> Response {
        let body = try JSONEncoder().encode(Body(query: try operation.document, operationName: operation.name, variables: variables))
        var throttled = 0
        while true {
            let cost = knownCosts.get(operation.name) ?? operation.costHint
            let request = OutboundRequest(
                method: .post, url: endpoint.graphQLURL,
                headers: ["X-Shopify-Access-Token": accessToken], body: body,
                isIdempotent: operation.isIdempotent, cost: cost, operation: operation.name)
            let response: OutboundResponse
            do {
                response = try await ShopifyCostBucket.$spending.withValue(cost) { try await http.send(request) }
            } catch let error as IntegrationError {
                throw Self.map(error)
            }
            let envelope: Envelope<Response>
            do {
                envelope = try Self.decoder.decode(Envelope<Response>.self, from: response.body)
            } catch {
                throw ShopifyError.decoding("\(operation.name): \(error)")
            }
            if let requested = envelope.extensions?.cost?.requestedQueryCost {
                knownCosts.set(operation.name, requested)
            }
            if let errors = envelope.errors, !errors.isEmpty {
                if errors.contains(where: { $0.code == "THROTTLED" }) {
                    throttled += 1
                    guard throttled < Self.maximumThrottledAttempts else { throw ShopifyError.throttled(operation: operation.name, attempts: throttled) }
                    continue
                }
                throw ShopifyError.graphQL(operation: operation.name, errors)
            }
            guard let data = envelope.data else { throw ShopifyError.decoding("\(operation.name): no data and no errors") }
            return data
        }
    }

    public func run<Response: Decodable & Sendable>(_ operation: ShopifyOperation, as: Response.Type = Response.self) async throws -> Response {
        try await run(operation, variables: [String: String](), as: Response.self)
    }

    /// 401/403/404 become clear errors (IntegrationKit never retries them); Shopify's
    /// `{"errors": "<text>"}` message is kept.
    static func map(_ error: IntegrationError) -> ShopifyError {
        guard let failure = error.httpFailure else { return .transport(error) }
        let message = (try? JSONDecoder().decode(TextErrors.self, from: failure.body))?.errors ?? failure.bodySnippet
        switch failure.status {
        case 401: return .unauthorized(message)
        case 403: return .forbidden(message)
        case 404: return .notFound(message)
        default: return .transport(error)
        }
    }

    struct TextErrors: Decodable { var errors: String }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = ShopifyDates.parse(text) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
        }
        return decoder
    }()
}

/// Shopify's DateTime: ISO 8601, with or without fractional seconds.
public enum ShopifyDates {
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    public static func string(_ date: Date) -> String { date.formatted(.iso8601) }
}

/// The requested cost Shopify last reported per operation: a better estimate than the hint.
private final class CostMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var costs: [String: Int] = [:]
    func get(_ name: String) -> Int? { lock.withLock { costs[name] } }
    func set(_ name: String, _ cost: Int) { lock.withLock { costs[name] = cost } }
}
