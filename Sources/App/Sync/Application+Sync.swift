import EbayAPI
import Fluent
import Foundation
import Sandbox
import ShopifyAPI
import ShoppyShopCore
import Vapor

extension Application {
    /// What the sync engine uses in this process: the vendor clients (made when a job runs,
    /// since the sandbox's port is known only once it has started) and the engine settings.
    public var syncEnvironment: SyncEnvironment {
        if let override = storage[SyncEnvironmentKey.self] { return override }
        var logger = Logger(label: "shoppyshop.sync")
        logger.logLevel = self.logger.logLevel
        let shared = SharedSyncShopify()
        var environment = SyncEnvironment(
            ebay: { [self] in self.ebayClient() },
            shopify: { [self] in
                guard let client = shared.client(orMake: self.shopifyClient) else {
                    throw SyncUnavailable("Shopify is not configured: set SHOPIFY_ACCESS_TOKEN and SHOPIFY_STORE_URL (or remove all vendor credentials to use the sandbox)")
                }
                return client
            },
            locations: config.rules.locationIDs,
            defaults: RuleResolver.Defaults(stockBuffer: config.rules.stockBuffer, stockMax: config.rules.maxListedQuantity),
            logger: logger)
        environment.skipExistingOrders = config.rules.skipExistingOrders
        environment.tokenFingerprints = tokenFingerprints
        return environment
    }

    /// Fingerprints of the configured tokens: a token changed since one was refused is tried again.
    var tokenFingerprints: [VendorService: String] {
        var result: [VendorService: String] = [:]
        if let token = config.shopify?.accessToken { result[.shopify] = ServiceHealthStore.fingerprint(token) }
        if let token = config.ebay?.authToken { result[.ebay] = ServiceHealthStore.fingerprint(token) }
        if let token = config.meta?.accessToken { result[.meta] = ServiceHealthStore.fingerprint(token) }
        return result
    }

    /// Refused tokens and expiries within 30 days, for /health and the dashboard.
    func tokenWarnings() async throws -> [String] {
        let stopped = try await ServiceHealthStore(database: db).all()
        return TokenWarnings.warnings(ebay: config.tokenExpiries.ebay, meta: config.tokenExpiries.meta, stopped: stopped)
    }

    private struct SyncEnvironmentKey: StorageKey { typealias Value = SyncEnvironment }

    /// Replaces the engine's clients and settings (tests: short timeouts, fast retries).
    public func useSyncEnvironment(_ environment: SyncEnvironment) {
        storage[SyncEnvironmentKey.self] = environment
    }

    /// The engine facade with this process's database and queue.
    public var shoppyShop: ShoppyShop {
        ShoppyShop(environment: syncEnvironment, database: db, queue: jobQueue)
    }

    /// The sync jobs this process can run.
    func syncJobs() -> [any JobHandler] {
        let environment = syncEnvironment
        let manual = config.rules.listingMode == .manual
        return [
            CatalogSyncJob(environment: environment), ListingsSyncJob(environment: environment, applyAutomatically: !manual),
            StockPushJob(environment: environment), StockPollJob(environment: environment),
            OrdersPollJob(environment: environment), ReconcileJob(environment: environment),
        ]
    }

    /// The sync jobs' schedules.
    func syncPeriodicJobs() -> [PeriodicJob] {
        let schedule = config.schedule
        var jobs = [
            CatalogSyncJob.periodic(interval: schedule.catalogSync),
            ListingsSyncJob.periodic(interval: 86_400),
            StockPushJob.periodic,
            OrdersPollJob.periodic(interval: schedule.orderPoll),
            ReconcileJob.periodic(interval: schedule.stockReconcile),
        ]
        if !config.rules.webhooks || config.shopify == nil && config.mode == .live {
            jobs.append(StockPollJob.periodic(interval: schedule.stockPoll))
        }
        return jobs
    }

    /// What `serve` does once running. In sandbox mode it records where its stand-ins are
    /// (for `sync …` in another terminal), starts over if they are a new instance (their state
    /// lives in memory), and imports and lists the demo catalog by itself; in live mode it
    /// brings the catalog mirror up to date.
    func startSyncing() async throws {
        try await ServiceHealthStore(database: db).clear(unless: tokenFingerprints)
        if config.mode == .sandbox, let host = sandboxHost, let base = host.baseURL {
            let previous = try await SandboxProbe.record(base, instance: host.context.instanceID, on: db)
            if previous != host.context.instanceID {
                try await SandboxReset.forgetEbayState(on: db)
                if previous != nil { logger.notice("new sandbox instance: forgot what ShoppyShop knew of the previous sandbox's eBay account") }
            }
            try await jobQueue.enqueue(CatalogSyncJob.spec(trigger: "startup", full: true))
        } else if config.shopify != nil {
            try await jobQueue.enqueue(CatalogSyncJob.spec(trigger: "startup"))
        }
    }

    func stopSyncing() async {
        if config.mode == .sandbox, sandboxHost != nil {
            try? await SandboxProbe.forget(on: db)
        }
    }
}

/// Sandbox mode only: the stand-ins keep their state in memory, so a new instance has an
/// empty eBay account. What the database remembers of the old one must go, or plans would
/// think products listed that the new sandbox has never seen.
enum SandboxReset {
    static func forgetEbayState(on db: any Database) async throws {
        try await db.writeTransaction { db in
            try await EbayItem.query(on: db).delete()
            try await EbayItemGroup.query(on: db).delete()
            try await EbayListing.query(on: db).delete()
            try await StockChange.query(on: db).filter(\.$state == .pending).delete()
            try await EbayOrder.query(on: db).delete()
            try await OrderLink.query(on: db).delete()
            try await SyncCursor.query(on: db).filter(\.$stream ~~ [EbayOrderIntake.cursorStream, ListingsSync.incrementalCursor, StockPoll.cursorStream]).delete()
        }
    }
}

/// One Shopify client per environment, made on first use and then kept.
private final class SharedSyncShopify: @unchecked Sendable {
    private let lock = NSLock()
    private var made: ShopifyClient?

    func client(orMake make: () -> ShopifyClient?) -> ShopifyClient? {
        lock.withLock {
            if made == nil { made = make() }
            return made
        }
    }
}
