import Fluent
import SQLKit
import Foundation
import ShoppyShopCore
import Vapor

/// Workers and the scheduler of this process. `serve` starts both, `worker` only workers;
/// app shutdown (SIGTERM/SIGINT) stops claiming, drains, and releases what is left.
final class BackgroundServices: LifecycleHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var pool: WorkerPool?
    private var scheduler: Scheduler?

    /// Every job kind this build can run.
    static func handlers(_ app: Application) -> [any JobHandler] {
        [MaintenanceJobs.prune, app.metaInsightsJob(), EbayNotificationJob.handler, app.shopifyWebhookJob()] + app.syncJobs()
    }

    /// Every periodic job, with its interval from configuration.
    static func periodicJobs(_ app: Application) -> [PeriodicJob] {
        [MaintenanceJobs.periodic, MetaInsightsSyncJob.periodic(interval: app.config.schedule.insightsSync)] + app.syncPeriodicJobs()
    }

    func start(_ app: Application, workers: Bool, scheduler runScheduler: Bool) async {
        let config = app.config
        if workers {
            let pool = WorkerPool(
                queue: app.jobQueue, handlers: Self.handlers(app),
                settings: .init(concurrency: config.jobs.concurrency, lease: TimeInterval(config.jobs.leaseSeconds)),
                logger: app.logger)
            lock.withLock { self.pool = pool }
            await pool.start()
        }
        if runScheduler {
            let scheduler = Scheduler(queue: app.jobQueue, jobs: Self.periodicJobs(app), logger: app.logger)
            lock.withLock { self.scheduler = scheduler }
            await scheduler.start()
        }
    }

    func shutdownAsync(_ application: Application) async {
        let (pool, scheduler) = lock.withLock { (self.pool, self.scheduler) }
        if scheduler != nil { await application.stopSyncing() }
        await scheduler?.stop()
        await pool?.shutdown(grace: 10)
        lock.withLock {
            self.pool = nil
            self.scheduler = nil
        }
    }
}

extension Application {
    private struct BackgroundKey: StorageKey { typealias Value = BackgroundServices }

    var background: BackgroundServices {
        if let existing = storage[BackgroundKey.self] { return existing }
        let created = BackgroundServices()
        storage[BackgroundKey.self] = created
        lifecycle.use(created)
        return created
    }

    /// SQLite is migrated automatically; on PostgreSQL, shared by several processes,
    /// migrating is an explicit step (`shoppyshop migrate`).
    func prepareDatabase() async throws {
        if case .sqlite(let path) = config.database {
            if path != ":memory:" { try await useWriteAheadLog() }
            try await autoMigrate()
            return
        }
        let pending = try await migrator.previewPrepareBatch().get()
        guard pending.isEmpty else {
            throw CommandFailure(description: "\(pending.count) database migration(s) pending: run `shoppyshop migrate --yes` first")
        }
    }
}

extension Application {
    /// Outside production a missing master key is created (master.key, mode 0600) so a first
    /// run needs no setup; production refuses to start without one (see `AppConfig.decode`).
    func ensureMasterKey() throws {
        guard config.masterKey == nil else { return }
        let path = MasterKey.filePath(config.masterKeyFile, in: boot.directory)
        config.masterKey = try MasterKey.writeNewKeyFile(at: path)
        logger.notice("created \(path) for encrypting stored tokens; back it up with your database")
    }
}
