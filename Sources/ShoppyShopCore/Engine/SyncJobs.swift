import FluentKit
import Foundation
import Logging

/// Runs a job's flow; a vendor that refused our token ends the run quietly (the state is on
/// the dashboard and in /health; the work waits for a new token), not as a failure to retry.
func untilStopped(_ context: JobContext, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let stopped as ServiceStopped {
        context.logger.warning("\(stopped)")
    }
}

/// Payload of the sync jobs: who asked (`schedule`, `webhook`, `cli`, `startup`, `dashboard`).
public struct SyncJobPayload: Codable, Sendable {
    public var trigger: String
    public var full: Bool?
    public var scope: String?
    public var poll: Bool?

    public init(trigger: String, full: Bool? = nil, scope: String? = nil, poll: Bool? = nil) {
        self.trigger = trigger
        self.full = full
        self.scope = scope
        self.poll = poll
    }
}

/// `catalog.sync`: the Shopify mirror (a full bulk import the first time or when asked, else
/// changes since the last run), then a listings run for what changed.
public struct CatalogSyncJob: JobHandler {
    public static let kind = "catalog.sync"
    public var kind: String { Self.kind }
    public let environment: SyncEnvironment

    public init(environment: SyncEnvironment) { self.environment = environment }

    public static func spec(trigger: String = "schedule", full: Bool = false) throws -> JobSpec {
        try JobSpec(kind: kind, payload: SyncJobPayload(trigger: trigger, full: full), uniqueKey: kind, uniqueness: .coalesce)
    }

    public static func periodic(interval: Int) -> PeriodicJob {
        PeriodicJob(kind: kind, interval: interval, payload: #"{"trigger":"schedule"}"#, coalesceKey: kind)
    }

    public func run(_ job: ClaimedJob, context: JobContext) async throws {
        try await untilStopped(context) {
            let payload = (try? job.decode(SyncJobPayload.self)) ?? SyncJobPayload(trigger: "schedule")
            let report = try await ShoppyShop(environment: environment, database: context.database, queue: context.queue, jobID: job.id)
                .syncCatalog(full: payload.full ?? false, trigger: payload.trigger)
            if !report.changed.isEmpty || report.mode == "full import" {
                try await context.queue.enqueue(ListingsSyncJob.spec(trigger: payload.trigger, scope: .changed))
            }
        }
    }
}

/// `listings.sync`: plan and apply listings (the products changed since the last run, or all).
public struct ListingsSyncJob: JobHandler {
    public static let kind = "listings.sync"
    public var kind: String { Self.kind }
    public let environment: SyncEnvironment
    /// `LISTING_MODE=manual`: runs the scheduler or a webhook starts only plan (the plan is
    /// kept for the CLI and dashboard); a merchant's own request applies.
    public let applyAutomatically: Bool

    public init(environment: SyncEnvironment, applyAutomatically: Bool = true) {
        self.environment = environment
        self.applyAutomatically = applyAutomatically
    }

    public static func spec(trigger: String = "webhook", scope: ListingsSync.Scope = .changed) throws -> JobSpec {
        let scopeName = scope == .all ? "all" : "changed"
        // One key for both scopes: a pending "changed" run covers new changes; a full run requested meanwhile reruns after.
        return try JobSpec(kind: kind, payload: SyncJobPayload(trigger: trigger, scope: scopeName), uniqueKey: kind, uniqueness: .coalesce)
    }

    public static func periodic(interval: Int) -> PeriodicJob {
        PeriodicJob(kind: kind, interval: interval, payload: #"{"trigger":"schedule","scope":"all"}"#, coalesceKey: kind)
    }

    public func run(_ job: ClaimedJob, context: JobContext) async throws {
        try await untilStopped(context) {
            let payload = (try? job.decode(SyncJobPayload.self)) ?? SyncJobPayload(trigger: "schedule")
            // "dashboard:owner@example.com" is the dashboard too: the trigger names who asked.
            let byMerchant = ["cli", "dashboard", "api"].contains { payload.trigger == $0 || payload.trigger.hasPrefix($0 + ":") }
            _ = try await ShoppyShop(environment: environment, database: context.database, queue: context.queue, jobID: job.id)
                .listProducts(scope: payload.scope == "all" ? .all : .changed, dryRun: !(applyAutomatically || byMerchant), trigger: payload.trigger)
        }
    }
}

/// `stock.push`: every pending stock change to eBay. Coalesced: changes arriving while it
/// runs make it run once more, and two pushes never overlap (an older quantity could
/// otherwise land after a newer one). Also periodic, to pick up what a crash left pending.
public struct StockPushJob: JobHandler {
    public static let kind = "stock.push"
    public var kind: String { Self.kind }
    public let environment: SyncEnvironment

    public init(environment: SyncEnvironment) { self.environment = environment }

    /// Urgent: the workers keep a slot for it (`WorkerPool.Settings.urgentSlots`).
    public static let priority = 10

    public static func spec() throws -> JobSpec {
        JobSpec(kind: kind, rawPayload: "{}", uniqueKey: kind, uniqueness: .coalesce, priority: priority)
    }

    public static let periodic = PeriodicJob(kind: kind, interval: 60, coalesceKey: kind)

    public func run(_ job: ClaimedJob, context: JobContext) async throws {
        try await untilStopped(context) {
            let (report, _) = try await ShoppyShop(environment: environment, database: context.database, queue: context.queue, jobID: job.id).pushStock()
            if report.pushed + report.failed > 0 { context.logger.debug("stock push: \(report)") }
        }
    }
}

/// `stock.poll`: the fallback when webhooks are off: Shopify inventory items changed since the
/// last poll, their levels into the mirror, a push for what changed.
public struct StockPollJob: JobHandler {
    public static let kind = "stock.poll"
    public var kind: String { Self.kind }
    public let environment: SyncEnvironment

    public init(environment: SyncEnvironment) { self.environment = environment }

    public static func periodic(interval: Int) -> PeriodicJob { PeriodicJob(kind: kind, interval: interval, coalesceKey: kind) }

    public func run(_ job: ClaimedJob, context: JobContext) async throws {
        try await untilStopped(context) {
            _ = try await ShoppyShop(environment: environment, database: context.database, queue: context.queue, jobID: job.id).pollStock()
        }
    }
}

/// `orders.sync`: the seed's `process_orders`: eBay orders by last-modified time into the
/// mirror, each paid one into Shopify once, cancellations and refunds both ways, tracking
/// to eBay. One key for the periodic poll and the runs webhooks ask for (`poll: false`), so
/// two never overlap.
public struct OrdersPollJob: JobHandler {
    public static let kind = "orders.sync"
    public static let key = "orders"
    public var kind: String { Self.kind }
    public let environment: SyncEnvironment

    public init(environment: SyncEnvironment) { self.environment = environment }

    public static func periodic(interval: Int) -> PeriodicJob {
        PeriodicJob(kind: kind, interval: interval, payload: #"{"poll":true,"trigger":"schedule"}"#, coalesceKey: key)
    }

    public static func spec(trigger: String, poll: Bool = true) throws -> JobSpec {
        try JobSpec(kind: kind, payload: SyncJobPayload(trigger: trigger, poll: poll), uniqueKey: key, uniqueness: .coalesce)
    }

    public func run(_ job: ClaimedJob, context: JobContext) async throws {
        try await untilStopped(context) {
            let payload = (try? job.decode(SyncJobPayload.self)) ?? SyncJobPayload(trigger: "schedule")
            _ = try await ShoppyShop(environment: environment, database: context.database, queue: context.queue, jobID: job.id)
                .processOrders(poll: payload.poll ?? true, dryRun: false, trigger: payload.trigger)
        }
    }
}

/// `reconcile`: eBay's live quantities (and a slice of prices) against ours; drift reported
/// and repaired as the rules say. Reads without holding anything: other jobs run meanwhile.
public struct ReconcileJob: JobHandler {
    public static let kind = "reconcile"
    public var kind: String { Self.kind }
    public let environment: SyncEnvironment

    public init(environment: SyncEnvironment) { self.environment = environment }

    public static func periodic(interval: Int) -> PeriodicJob { PeriodicJob(kind: kind, interval: interval, payload: #"{"trigger":"schedule"}"#, coalesceKey: kind) }

    public static func spec(trigger: String) throws -> JobSpec {
        try JobSpec(kind: kind, payload: SyncJobPayload(trigger: trigger), uniqueKey: kind, uniqueness: .coalesce)
    }

    public func run(_ job: ClaimedJob, context: JobContext) async throws {
        try await untilStopped(context) {
            let payload = (try? job.decode(SyncJobPayload.self)) ?? SyncJobPayload(trigger: "schedule")
            _ = try await ShoppyShop(environment: environment, database: context.database, queue: context.queue, jobID: job.id)
                .reconcile(dryRun: false, trigger: payload.trigger)
        }
    }
}
