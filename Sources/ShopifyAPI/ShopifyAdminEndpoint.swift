import Foundation

/// Where a store's Admin API lives: `https://{store}` in production, or a loopback base URL
/// for the built-in sandbox.
public struct ShopifyAdminEndpoint: Sendable, Hashable {
    /// Scheme, host and port (and for the sandbox, a path prefix), without a trailing slash.
    public let baseURL: URL

    public init(store: ShopifyStoreDomain) {
        // Force-unwrap is safe: a validated myshopify.com host always forms a URL.
        self.baseURL = URL(string: "https://\(store.host)")!
    }

    /// For the sandbox: `http://127.0.0.1:8080/sandbox/shopify` or similar.
    public init(sandboxBaseURL: URL) {
        var text = sandboxBaseURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        self.baseURL = URL(string: text) ?? sandboxBaseURL
    }

    /// `{base}/admin/api/2025-01/graphql.json`
    public var graphQLURL: URL {
        baseURL.appendingPathComponent("admin/api/\(ShopifyAPI.version)/graphql.json")
    }

    /// The GraphQL endpoint for a store address in any accepted form.
    public static func graphQLURL(store: String) throws(ShopifyStoreDomainError) -> URL {
        ShopifyAdminEndpoint(store: try ShopifyStoreDomain(store)).graphQLURL
    }
}
