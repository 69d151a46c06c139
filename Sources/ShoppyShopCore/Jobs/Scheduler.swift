import Foundation
import Logging
import Metrics

/// A job to enqueue every `interval` seconds.
public struct PeriodicJob: Sendable {
    public var kind: String
    public var interval: Int
    public var payload: String
    /// Set for work that is also started on demand under this key (`.coalesce`): the periodic
    /// run shares the key, so it never overlaps an on-demand run. Such a job is enqueued once
    /// per period per scheduler (a restart may add one run; every job is idempotent).
    public var coalesceKey: String?

    public init(kind: String, interval: Int, payload: String = "{}", coalesceKey: String? = nil) {
        self.kind = kind
        self.interval = interval
        self.payload = payload
        self.coalesceKey = coalesceKey
    }

    /// The start of the period `date` falls in, aligned to the epoch so every instance
    /// computes the same one.
    public func periodStart(for date: Date) -> Date {
        let seconds = Int(date.timeIntervalSince1970)
        return Date(timeIntervalSince1970: TimeInterval(seconds - seconds % max(1, interval)))
    }

    /// The unique key holds the period, so two instances (or a restart) never double a run.
    public func uniqueKey(for date: Date) -> String {
        "periodic:\(kind):\(Int(periodStart(for: date).timeIntervalSince1970))"
    }
}

/// Enqueues periodic jobs and publishes queue gauges.
public actor Scheduler {
    private let queue: JobQueue
    private let jobs: [PeriodicJob]
    private let tick: TimeInterval
    private let logger: Logger
    private var loop: Task<Void, Never>?
    /// Coalesced jobs: the last period enqueued by this scheduler.
    private var enqueuedPeriods: [String: Date] = [:]

    public init(queue: JobQueue, jobs: [PeriodicJob], tick: TimeInterval = 5, logger: Logger) {
        self.queue = queue
        self.jobs = jobs
        self.tick = tick
        self.logger = logger
    }

    public func start() {
        guard loop == nil else { return }
        logger.info("scheduler started", metadata: ["jobs": "\(jobs.map { "\($0.kind)/\($0.interval)s" })"])
        loop = Task {
            while !Task.isCancelled {
                await self.runOnce()
                try? await Task.sleep(for: .seconds(self.tick))
            }
        }
    }

    public func stop() async {
        loop?.cancel()
        await loop?.value
        loop = nil
    }

    /// One tick: enqueue what is due this period; refresh gauges. Safe to call from anywhere.
    @discardableResult
    public func runOnce() async -> [EnqueueResult] {
        var results: [EnqueueResult] = []
        let now = queue.now()
        for job in jobs {
            let period = job.periodStart(for: now)
            let spec: JobSpec
            if let key = job.coalesceKey {
                if let last = enqueuedPeriods[job.kind], last >= period { continue }
                enqueuedPeriods[job.kind] = period
                spec = JobSpec(kind: job.kind, rawPayload: job.payload, uniqueKey: key, uniqueness: .coalesce)
            } else {
                // Due from now: a period that began hours ago must not make a fresh install look hours behind.
                spec = JobSpec(kind: job.kind, rawPayload: job.payload, uniqueKey: job.uniqueKey(for: now), uniqueness: .forever, runAfter: now)
            }
            do {
                let result = try await queue.enqueue(spec)
                if case .enqueued = result { logger.debug("periodic job enqueued", metadata: ["kind": "\(job.kind)"]) }
                results.append(result)
            } catch {
                logger.error("enqueueing a periodic job failed", metadata: ["kind": "\(job.kind)", "error": "\(error)"])
            }
        }
        if let counts = try? await queue.counts() {
            for (state, count) in counts {
                Gauge(label: "jobs_queue_depth", dimensions: [("state", state.rawValue)]).record(count)
            }
        }
        if let age = try? await queue.oldestPendingAge() {
            Gauge(label: "jobs_oldest_pending_age_seconds").record(age)
        } else {
            Gauge(label: "jobs_oldest_pending_age_seconds").record(0)
        }
        return results
    }
}
