import Foundation
import Sandbox
import ShopifyAPI

/// A running sandbox with only the Shopify stand-in, and a client pointed at it.
func withShopify<R>(
    products: Int = 50,
    throttle: ShopifyThrottleSettings? = nil,
    variantsPageSize: Int = ShopifyClient.variantsPageSize,
    bulkMinimumDuration: Duration = .zero,
    _ body: (ShopifyClient, ShopifyBackend, SandboxHost) async throws -> R
) async throws -> R {
    var services = SandboxServices()
    let handle = ShopifySandboxHandle()
    services.registerShopify(options: .init(throttle: throttle, webhookRetryBaseDelay: .milliseconds(5), bulkMinimumDuration: bulkMinimumDuration), handle: handle)
    return try await SandboxHost.withRunning(.init(products: products), services: services) { host in
        let endpoint = ShopifyAdminEndpoint(sandboxBaseURL: host.baseURL!)
        let client = ShopifyClient(
            graphQL: ShopifyGraphQLClient(endpoint: endpoint, accessToken: ShopifySandbox.demoAccessToken, retryPolicy: .init(maxAttempts: 3, baseDelay: .milliseconds(10))),
            bulkPollInterval: .milliseconds(20), variantsPageSize: variantsPageSize)
        return try await body(client, handle.backend!, host)
    }
}
