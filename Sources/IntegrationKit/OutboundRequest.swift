import Foundation

/// One HTTP request to a vendor API, described as plain values.
///
/// Whether the request may be sent twice is the caller's statement (`isIdempotent`), not a
/// guess by IntegrationKit: a Shopify GraphQL *query* is a POST that is safe to repeat, a
/// `productSet` mutation is not. It defaults from the method (RFC 9110 §9.2.2).
public struct OutboundRequest: Sendable {
    public var method: Method
    public var url: URL
    public var headers: HTTPHeaderFields
    public var body: Data?
    /// Safe to send again if the first attempt may have reached the server (timeouts, 5xx).
    public var isIdempotent: Bool
    /// Per-request limit for the whole exchange, body included; `nil` uses the client's default.
    public var timeout: Duration?
    /// Units this request takes from a rate limiter (1 for most; Shopify's estimated query cost).
    public var cost: Int
    /// A short name for logs, e.g. `"productsPage"` or `"bulkUpdateQuantity"`.
    public var operation: String?

    public init(
        method: Method,
        url: URL,
        headers: HTTPHeaderFields = [:],
        body: Data? = nil,
        isIdempotent: Bool? = nil,
        timeout: Duration? = nil,
        cost: Int = 1,
        operation: String? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.isIdempotent = isIdempotent ?? method.isIdempotentByDefault
        self.timeout = timeout
        self.cost = cost
        self.operation = operation
    }
}

extension OutboundRequest {
    /// An HTTP method. A struct rather than an enum so unusual methods stay expressible.
    public struct Method: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue.uppercased()
        }

        public init(stringLiteral value: String) {
            self.init(rawValue: value)
        }

        public static let get: Method = "GET"
        public static let head: Method = "HEAD"
        public static let post: Method = "POST"
        public static let put: Method = "PUT"
        public static let patch: Method = "PATCH"
        public static let delete: Method = "DELETE"
        public static let options: Method = "OPTIONS"

        /// RFC 9110 §9.2.2: GET, HEAD, OPTIONS, PUT and DELETE are idempotent; POST and PATCH are not.
        public var isIdempotentByDefault: Bool {
            switch self {
            case .get, .head, .options, .put, .delete: true
            default: false
            }
        }

        public var description: String { rawValue }
    }
}
