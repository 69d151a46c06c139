import FluentKit
import Foundation
import Logging
import Metrics

/// Claims and runs jobs with up to `concurrency` in flight (plus `urgentSlots` for urgent ones). Leases are renewed while a job
/// runs. `shutdown` stops claiming, lets running jobs finish within a grace period, then
/// cancels the rest and releases their leases, so no job is left marked running.
public actor WorkerPool {
    public struct Settings: Sendable {
        public var concurrency: Int
        public var lease: TimeInterval
        public var pollInterval: TimeInterval
        /// Slots beyond `concurrency` that only jobs of `urgentPriority` or more may take, so a
        /// stock push never waits behind a long listing run, reconcile or catalog import.
        public var urgentSlots: Int
        public var urgentPriority: Int

        public init(concurrency: Int = 2, lease: TimeInterval = 300, pollInterval: TimeInterval = 0.5, urgentSlots: Int = 1, urgentPriority: Int = 10) {
            self.concurrency = concurrency
            self.lease = lease
            self.pollInterval = pollInterval
            self.urgentSlots = urgentSlots
            self.urgentPriority = urgentPriority
        }

        var capacity: Int { concurrency + max(0, urgentSlots) }
    }

    public let id: String
    private let queue: JobQueue
    private let handlers: [String: any JobHandler]
    private let settings: Settings
    private let logger: Logger
    private var running: [UUID: (job: ClaimedJob, task: Task<Void, Never>)] = [:]
    private var loop: Task<Void, Never>?
    private var stopping = false

    public init(queue: JobQueue, handlers: [any JobHandler], settings: Settings, logger: Logger, id: String? = nil) {
        self.queue = queue
        self.handlers = Dictionary(handlers.map { ($0.kind, $0) }, uniquingKeysWith: { _, last in last })
        self.settings = settings
        self.logger = logger
        self.id = id ?? "\(ProcessInfo.processInfo.hostName)/\(ProcessInfo.processInfo.processIdentifier)/\(UUID().uuidString.prefix(8))"
    }

    public var inFlight: Int { running.count }

    public func start() {
        guard loop == nil else { return }
        stopping = false
        logger.info("worker started", metadata: ["worker": "\(id)", "concurrency": "\(settings.concurrency)", "kinds": "\(handlers.keys.sorted())"])
        loop = Task { await self.claimLoop() }
    }

    /// Claims until nothing is due or all slots are busy; returns how many jobs were started.
    @discardableResult
    public func drainOnce() async -> Int {
        var started = 0
        while !stopping, running.count < settings.capacity {
            do {
                let floor = running.count < settings.concurrency ? nil : settings.urgentPriority
                guard let job = try await queue.claim(kinds: Array(handlers.keys), workerID: id, lease: settings.lease, minimumPriority: floor) else { break }
                begin(job)
                started += 1
            } catch {
                logger.error("claiming a job failed", metadata: ["error": "\(error)"])
                break
            }
        }
        return started
    }

    private func claimLoop() async {
        while !stopping && !Task.isCancelled {
            let started = await drainOnce()
            if started == 0 || running.count >= settings.capacity {
                // An enqueue in this process, or a job of ours finishing, rings the bell.
                await queue.wakeup.wait(timeout: .milliseconds(Int(settings.pollInterval * 1_000)))
            }
        }
    }

    private func begin(_ job: ClaimedJob) {
        let task = Task { await self.execute(job) }
        running[job.id] = (job, task)
    }

    private func execute(_ job: ClaimedJob) async {
        var log = logger
        log[metadataKey: "job"] = "\(job.id)"
        log[metadataKey: "kind"] = "\(job.kind)"
        log[metadataKey: "attempt"] = "\(job.attempt)/\(job.maxAttempts)"
        let started = ContinuousClock.now
        do {
            guard let handler = handlers[job.kind] else { throw PermanentJobError("no handler for kind \(job.kind)") }
            try await runHoldingLease(job) { [queue, log] in
                try await handler.run(job, context: JobContext(database: queue.database, queue: queue, logger: log))
            }
            if Task.isCancelled { throw CancellationError() }
            try await queue.complete(job)
            log.debug("job succeeded")
            Counter(label: "jobs_finished_total", dimensions: [("kind", job.kind), ("outcome", "succeeded")]).increment()
        } catch is CancellationError where stopping {
            // Shutdown interrupted it; `shutdown` releases the lease.
            return
        } catch is LeaseLost {
            // Another worker owns the job now (or an operator cancelled it): stop, change nothing.
            log.warning("job lease lost; stopped without recording an outcome")
            Counter(label: "jobs_finished_total", dimensions: [("kind", job.kind), ("outcome", "lease_lost")]).increment()
        } catch {
            let state = (try? await queue.fail(job, error: error)) ?? .running
            log.warning("job failed", metadata: ["error": "\(error)", "now": "\(state.rawValue)"])
            Counter(label: "jobs_finished_total", dimensions: [("kind", job.kind), ("outcome", state.rawValue)]).increment()
        }
        let elapsed = (ContinuousClock.now - started).components
        Timer(label: "job_duration_seconds", dimensions: [("kind", job.kind)])
            .recordSeconds(Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
        finished(job.id)
    }

    struct LeaseLost: Error {}

    /// Runs `body` while renewing the job's lease every third of it. If the lease cannot be
    /// renewed (the row was reclaimed or cancelled, or the database was unreachable for longer
    /// than the lease), `body` is cancelled: two workers must never run one job at once.
    private func runHoldingLease(_ job: ClaimedJob, _ body: @escaping @Sendable () async throws -> Void) async throws {
        let lease = settings.lease
        try await withThrowingTaskGroup(of: Void.self) { [queue] group in
            group.addTask { try await body() }
            group.addTask {
                var renewed = ContinuousClock.now
                while true {
                    try await Task.sleep(for: .seconds(max(0.2, lease / 3)))
                    do {
                        guard try await queue.extendLease(job, by: lease) else { throw LeaseLost() }
                        renewed = ContinuousClock.now
                    } catch is LeaseLost {
                        throw LeaseLost()
                    } catch is CancellationError {
                        throw CancellationError()
                    } catch where ContinuousClock.now - renewed > .seconds(lease) {
                        throw LeaseLost()
                    } catch {
                        continue // a passing database error: try again before the lease runs out
                    }
                }
            }
            defer { group.cancelAll() }
            try await group.next() // the body, or the heartbeat when the lease is lost
        }
    }

    private func finished(_ id: UUID) {
        running[id] = nil
        queue.wakeup.signal()
    }

    /// Stops claiming; waits up to `grace` for running jobs; cancels and releases the rest.
    public func shutdown(grace: TimeInterval = 10) async {
        stopping = true
        loop?.cancel()
        await loop?.value
        loop = nil
        let deadline = ContinuousClock.now + .milliseconds(Int(grace * 1_000))
        while !running.isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        let leftovers = running
        for (_, entry) in leftovers {
            entry.task.cancel()
        }
        for (id, entry) in leftovers {
            // A handler that ignores cancellation must not hold shutdown forever.
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await entry.task.value }
                group.addTask { try? await Task.sleep(for: .seconds(max(1, grace))) }
                await group.next()
                group.cancelAll()
            }
            do {
                try await queue.release(entry.job)
            } catch {
                logger.error("releasing a job at shutdown failed; its lease will expire", metadata: ["job": "\(id)", "error": "\(error)"])
            }
            running[id] = nil
        }
        logger.info("worker stopped", metadata: ["worker": "\(id)", "released": "\(leftovers.count)"])
    }
}
