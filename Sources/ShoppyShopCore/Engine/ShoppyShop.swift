import EbayAPI
import FluentKit
import IntegrationKit
import Foundation
import Logging

/// The seed's `ShoppyShop` controller: the flows as calls. The CLI, the jobs the scheduler and
/// webhooks start, and the dashboard all go through here, so every path runs the same code.
public struct ShoppyShop: Sendable {
    public let environment: SyncEnvironment
    public let database: any Database
    public let queue: JobQueue?
    public let jobID: UUID?

    public init(environment: SyncEnvironment, database: any Database, queue: JobQueue?, jobID: UUID? = nil) {
        self.environment = environment
        self.database = database
        self.queue = queue
        self.jobID = jobID
    }

    var now: Date { environment.now() }

    /// Runs a flow that needs `services`: refused at once if one of them has refused our
    /// token since it was last configured; a refusal during the flow marks the service.
    func guarded<T: Sendable>(_ services: [VendorService], _ body: () async throws -> T) async throws -> T {
        let health = ServiceHealthStore(database: database)
        for service in services {
            if let row = try await health.stopped(service) { throw ServiceStopped(service: service, message: row.message ?? "401") }
        }
        do {
            return try await body()
        } catch where ServiceHealthStore.isUnauthorized(error) {
            let service: VendorService = error is EbayError ? .ebay : .shopify
            try? await health.markUnauthorized(service, message: "\(error)", fingerprint: environment.tokenFingerprints[service])
            throw ServiceStopped(service: service, message: "\(error)")
        }
    }

    // MARK: The seed's two entry points

    /// The seed's `sync_inventory()`: the catalog mirror, listings for what changed, and the
    /// stock push for every pending change.
    public func syncInventory(trigger: String = "cli") async throws -> (CatalogSync.Report, ListingsSync.Report, StockPush.Report) {
        let catalog = try await syncCatalog(full: false, trigger: trigger)
        let listings = try await listProducts(scope: .changed, dryRun: false, trigger: trigger)
        let (stock, _) = try await pushStock()
        return (catalog, listings, stock)
    }

    // MARK: Flows

    public func syncCatalog(full: Bool, trigger: String, progress: (@Sendable (Int) -> Void)? = nil) async throws -> CatalogSync.Report {
        let run = try await SyncRuns.begin("catalog", trigger: trigger, on: database, at: now)
        do {
            let sync = CatalogSync(shopify: try environment.shopify(), database: database, logger: environment.logger, now: environment.now)
            let report = try await guarded([.shopify]) { try await sync.run(full: full, progress: progress) }
            try await SyncRuns.finish(run, state: .succeeded, summary: report.description, report: report, on: database, at: now)
            return report
        } catch {
            await SyncRuns.fail(run, error: error, on: database)
            throw error
        }
    }

    /// The seed's `list_products`: plans (and unless `dryRun`, applies) eBay listings.
    public func listProducts(scope: ListingsSync.Scope = .all, dryRun: Bool, trigger: String,
                             progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> ListingsSync.Report {
        let run = try await SyncRuns.begin(dryRun ? "plan" : "listings", trigger: trigger, on: database, at: now)
        do {
            // Bulk work yields eBay's rate to stock pushes (see RequestPriority).
            let report = try await guarded([.ebay]) {
                try await RequestPriority.$current.withValue(.background) {
                    try await ListingsSync(environment: environment, database: database, queue: queue, jobID: jobID)
                        .run(scope: scope, dryRun: dryRun, progress: progress)
                }
            }
            try await SyncRuns.finish(run, state: report.failed > 0 ? .partial : .succeeded, summary: report.description, report: report, on: database, at: now)
            return report
        } catch {
            await SyncRuns.fail(run, error: error, on: database)
            throw error
        }
    }

    public func pushStock(dryRun: Bool = false) async throws -> (StockPush.Report, [StockPush.Preview]) {
        let push = StockPush(
            ebay: try environment.ebay(), reader: MirrorReader(database: database, locations: environment.locations),
            resolver: RuleResolver(rules: try await RuleStore.all(on: database), defaults: environment.defaults),
            audit: AuditRecorder(database: database, jobID: jobID), budget: environment.revisionBudget,
            logger: environment.logger, now: environment.now)
        return try await guarded([.ebay]) { try await push.run(dryRun: dryRun) }
    }

    /// The stock poll (webhooks off): Shopify inventory items changed since the last poll.
    public func pollStock() async throws -> Int {
        let poll = StockPoll(shopify: try environment.shopify(), database: database, now: environment.now)
        let changed = try await guarded([.shopify]) { try await poll.run() }
        if changed > 0, let queue { try await StockChanges.requestPush(queue) }
        return changed
    }

    /// The seed's `process_orders()`: poll eBay (unless `poll` is false), create what is not in
    /// Shopify yet, carry cancellations and refunds both ways, send tracking to eBay.
    public func processOrders(poll: Bool = true, since: Date? = nil, dryRun: Bool = false, trigger: String) async throws -> OrdersReport {
        let run = try await SyncRuns.begin(dryRun ? "orders-plan" : "orders", trigger: trigger, on: database, at: now)
        do {
            let report = try await guarded([.ebay, .shopify]) { try await ordersFlow(poll: poll, since: since, dryRun: dryRun) }
            let failed = (report.imports?.failed ?? 0) + (report.shipments?.failed ?? 0) + (report.cancellations?.needsAttention.count ?? 0)
            try await SyncRuns.finish(run, state: failed > 0 ? .partial : .succeeded, summary: report.description, report: report, on: database, at: now)
            return report
        } catch {
            await SyncRuns.fail(run, error: error, on: database)
            throw error
        }
    }

    func ordersFlow(poll: Bool, since: Date?, dryRun: Bool) async throws -> OrdersReport {
        do {
            var report = OrdersReport(dryRun: dryRun)
            if poll && !dryRun { report.intake = try await pollOrders(since: since) }
            let shopify = try environment.shopify()
            let ebay = try environment.ebay()
            let audit = AuditRecorder(database: database, jobID: jobID)
            var importer = OrderImporter(shopify: shopify, database: database, audit: audit, logger: environment.logger,
                                         skipExisting: environment.skipExistingOrders, now: environment.now)
            importer.parallelism = environment.orderParallelism
            report.imports = try await importer.run(dryRun: dryRun)
            if !dryRun {
                let resolver = RuleResolver(rules: try await RuleStore.all(on: database), defaults: environment.defaults)
                // Fulfillments and cancellations webhooks did not bring (off, late, lost).
                try await ShopifyOrderPoll(shopify: shopify, database: database, now: environment.now).run()
                report.cancellations = try await OrderCancellations(ebay: ebay, shopify: shopify, database: database, audit: audit,
                                                                    resolver: resolver, logger: environment.logger, now: environment.now).run()
                report.shipments = try await ShipmentPush(ebay: ebay, database: database, audit: audit, logger: environment.logger).run()
            }
            return report
        }
    }

    /// A held or failed order, tried again now (its shipments too).
    public func retryOrder(_ ebayOrderID: String) async throws -> OrdersReport {
        var report = OrdersReport(dryRun: false)
        var importer = OrderImporter(shopify: try environment.shopify(), database: database, audit: AuditRecorder(database: database, jobID: jobID),
                                     logger: environment.logger, skipExisting: environment.skipExistingOrders, now: environment.now)
        importer.parallelism = 1
        report.imports = try await importer.run(ebayOrderIDs: [ebayOrderID])
        report.shipments = try await ShipmentPush(ebay: try environment.ebay(), database: database, audit: AuditRecorder(database: database, jobID: jobID),
                                                  logger: environment.logger).run()
        return report
    }

    /// Reads eBay orders into the mirror without moving the poll cursor (a dry run's view).
    public func pollOrdersForPreview(since: Date?) async throws -> EbayOrderIntake.Report {
        let intake = EbayOrderIntake(ebay: try environment.ebay(), database: database, logger: environment.logger, now: environment.now)
        return try await intake.poll(since: since ?? environment.now().addingTimeInterval(-EbayOrderIntake.firstLookback))
    }

    public func pollOrders(since: Date? = nil) async throws -> EbayOrderIntake.Report {
        let intake = EbayOrderIntake(ebay: try environment.ebay(), database: database, logger: environment.logger, now: environment.now)
        let report = try await intake.poll(since: since)
        if !report.skus.isEmpty {
            try await StockChanges.record(report.skus.map { .init(sku: $0, reason: .order) }, seenAt: now, on: database)
            if let queue { try await StockChanges.requestPush(queue) }
        }
        return report
    }

    public struct OrdersReport: Sendable, Codable, CustomStringConvertible {
        public var dryRun: Bool
        public var intake: EbayOrderIntake.Report?
        public var imports: OrderImporter.Report?
        public var cancellations: OrderCancellations.Report?
        public var shipments: ShipmentPush.Report?

        public var description: String {
            [intake?.description, imports.map { dryRun ? "would create \($0.wouldCreate.count) in Shopify, \($0.held) held" : $0.description },
             cancellations?.description, shipments?.description].compactMap { $0 }.joined(separator: "; ")
        }
    }

    public func reconcile(dryRun: Bool, trigger: String) async throws -> Reconcile.Report {
        let run = try await SyncRuns.begin("reconcile", trigger: trigger, on: database, at: now)
        do {
            let report = try await guarded([.ebay]) {
                try await RequestPriority.$current.withValue(.background) {
                    try await Reconcile(environment: environment, database: database, queue: queue, jobID: jobID).run(dryRun: dryRun)
                }
            }
            try await SyncRuns.finish(run, state: .succeeded, summary: report.description, report: report, on: database, at: now)
            return report
        } catch {
            await SyncRuns.fail(run, error: error, on: database)
            throw error
        }
    }
}
