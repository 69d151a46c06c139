@testable import App
import EbayAPI
import Fluent
import Foundation
import IntegrationKit
import Logging
import Metrics
import Sandbox
import ShopifyAPI
@testable import ShoppyShopCore
import Testing
import TestSupport
import Vapor

/// The real engine against the real sandbox over loopback HTTP, on the test database: the app
/// listens on a free port (the Shopify stand-in delivers its webhooks there), the stand-ins
/// run with a seller account set up, and the vendor clients retry fast.
struct EngineHarness {
    let app: Application
    let host: SandboxHost
    let environment: SyncEnvironment

    var ebay: EbaySandboxState { EbaySandbox.state(of: host.context) }
    var shopify: ShopifyBackend { ShopifySandbox.backend(of: host.context)! }
    var engine: ShoppyShop { ShoppyShop(environment: environment, database: app.db, queue: app.jobQueue) }
    var store: DemoStore { host.store }

    static let retry = RetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(20), maxDelay: .milliseconds(200), maxRetryAfter: .seconds(2))

    static func run(
        products: Int = 16, seed: UInt64 = 7, faults: FaultPlan? = nil, config overrides: [String: String] = [:],
        ebayTimeout: Duration = .seconds(10), record: URL? = nil, webhooks: Bool = true, _ body: (EngineHarness) async throws -> Void
    ) async throws {
        var values = ["SANDBOX_SIMULATE": "off"]
        values.merge(overrides) { _, new in new }
        try await withConfiguredApp(TestConfig.sandbox(values)) { app in
            app.http.server.configuration.port = 0
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)
            do {
                var configuration = SandboxConfiguration(port: 0, products: products, seed: seed, recordURL: record, faults: nil,
                                                         callbackBaseURL: webhooks ? URL(string: "http://127.0.0.1:\(port)") : nil, demoSeller: true)
                configuration.faults = nil
                let host = try await app.startSandbox(configuration)
                let state = EbaySandbox.state(of: host.context)
                var settings = state.settings
                settings.requestsPerSecond = nil // a 2-core test run is not eBay's load test
                state.settings = settings
                let base = try #require(host.baseURL)
                let ebay = EbayClient(
                    environment: .custom(baseURL: base),
                    credentials: EbayCredentials(appID: EbaySandboxCredentials.appID, certID: EbaySandboxCredentials.certID,
                                                 authToken: .refreshToken(EbaySandboxCredentials.refreshToken)),
                    marketplaceID: EbaySandboxCredentials.marketplaceID, retryPolicy: retry,
                    metricsFactory: NOOPMetricsHandler.instance, logger: Logger(label: "test.ebay"), defaultTimeout: ebayTimeout)
                var shopify = ShopifyClient(endpoint: ShopifyAdminEndpoint(sandboxBaseURL: base), accessToken: ShopifySandbox.demoAccessToken, retryPolicy: retry)
                shopify.bulkPollInterval = .milliseconds(20)
                let client = shopify
                var logger = Logger(label: "test.sync")
                logger.logLevel = .warning
                let environment = SyncEnvironment(
                    ebay: { ebay }, shopify: { client }, locations: app.config.rules.locationIDs,
                    defaults: .init(stockBuffer: app.config.rules.stockBuffer, stockMax: app.config.rules.maxListedQuantity),
                    revisionBudget: RevisionBudget(), logger: logger)
                app.useSyncEnvironment(environment)
                host.faults = faults
                try await body(EngineHarness(app: app, host: host, environment: environment))
                host.faults = nil
                await app.background.shutdownAsync(app)
            } catch {
                await app.background.shutdownAsync(app)
                await app.server.shutdown()
                throw error
            }
            await app.server.shutdown()
        }
    }

    /// Imports the catalog and applies a first listing.
    @discardableResult
    func listEverything() async throws -> ListingsSync.Report {
        _ = try await engine.syncCatalog(full: true, trigger: "test")
        return try await engine.listProducts(scope: .all, dryRun: false, trigger: "test")
    }

    /// Background workers, as `serve` runs them.
    func startWorkers() async {
        await app.background.start(app, workers: true, scheduler: false)
    }

    /// eBay write calls the stand-in has answered (every attempt; token requests are not writes).
    var ebayWrites: Int {
        let writes = ["bulk", "create", "update", "publish", "withdraw", "delete"]
        return ebay.callsPerOperation.filter { operation, _ in
            operation != "bulkGetInventoryItem" && writes.contains { operation.hasPrefix($0) }
        }.values.reduce(0, +)
    }

    /// Waits until `condition` holds, at most `seconds`; false if it never did.
    func eventually(_ seconds: Double = 10, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1_000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }

    /// The SKUs the plan lists (active, not blocked), from a dry run.
    func plannedSKUs() async throws -> Set<String> {
        let plan = try await ListingsSync(environment: environment, database: app.db, queue: nil).run(scope: .all, dryRun: true)
        return Set(plan.products.filter { $0.plan.action != .blocked && $0.plan.action != .end && $0.plan.action != .skip }.flatMap { $0.plan.skus.map(\.sku) })
    }
}
