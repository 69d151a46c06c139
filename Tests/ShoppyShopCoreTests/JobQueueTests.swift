import FluentKit
import Foundation
import Logging
import ShoppyShopCore
import Testing
import TestSupport

@Suite("Job queue")
struct JobQueueTests {
    let logger = Logger(label: "test.jobs")

    @Test func enqueue_sameUniqueKey_isOneRow() async throws {
        try await TestDatabase.withDatabase { db in
            let queue = JobQueue(database: db)
            let first = try await queue.enqueue(JobSpec(kind: "k", uniqueKey: "push:SKU-1"))

            let second = try await queue.enqueue(JobSpec(kind: "k", uniqueKey: "push:SKU-1"))

            #expect(second == .duplicate(first.id))
            #expect(try await JobRecord.query(on: db).count() == 1)
        }
    }

    @Test func enqueue_whileActiveKey_reusesFinishedRow_foreverKeyDoesNot() async throws {
        try await TestDatabase.withDatabase { db in
            let queue = JobQueue(database: db)
            let active = try await queue.enqueue(JobSpec(kind: "k", rawPayload: #"{"v":1}"#, uniqueKey: "a"))
            let forever = try await queue.enqueue(JobSpec(kind: "k", uniqueKey: "periodic:x:1", uniqueness: .forever))
            for _ in 0..<2 {
                let job = try #require(try await queue.claim(kinds: ["k"], workerID: "w", lease: 60))
                try await queue.complete(job)
            }

            let again = try await queue.enqueue(JobSpec(kind: "k", rawPayload: #"{"v":2}"#, uniqueKey: "a"))
            let foreverAgain = try await queue.enqueue(JobSpec(kind: "k", uniqueKey: "periodic:x:1", uniqueness: .forever))

            #expect(again == .enqueued(active.id))
            #expect(foreverAgain == .duplicate(forever.id))
            let row = try #require(try await JobRecord.find(active.id, on: db))
            #expect(row.state == .pending)
            #expect(row.payload == #"{"v":2}"#)
            #expect(row.attempts == 0)
        }
    }

    @Test func claim_respectsRunAfterKindsAndPriority() async throws {
        try await TestDatabase.withDatabase { db in
            let clock = TestClock()
            let queue = JobQueue(database: db, now: clock.function)
            try await queue.enqueue(JobSpec(kind: "later", runAfter: clock.now.addingTimeInterval(60)))
            try await queue.enqueue(JobSpec(kind: "other"))
            let low = try await queue.enqueue(JobSpec(kind: "k", priority: 0))
            let high = try await queue.enqueue(JobSpec(kind: "k", priority: 5))

            let first = try await queue.claim(kinds: ["k", "later"], workerID: "w", lease: 60)
            let second = try await queue.claim(kinds: ["k", "later"], workerID: "w", lease: 60)
            let third = try await queue.claim(kinds: ["k", "later"], workerID: "w", lease: 60)
            for job in [first, second].compactMap({ $0 }) { try await queue.complete(job) }
            clock.advance(61)
            let fourth = try await queue.claim(kinds: ["k", "later"], workerID: "w", lease: 60)

            #expect(first?.id == high.id)
            #expect(second?.id == low.id)
            #expect(third == nil)
            #expect(fourth?.kind == "later")
            #expect(first?.attempt == 1)
        }
    }

    @Test func twoWorkers_racingForJobs_runEachOnce() async throws {
        try await TestDatabase.withDatabase { db in
            let queue = JobQueue(database: db)
            let ledger = Ledger()
            let handler = ClosureJobHandler(kind: "race") { job, _ in
                await ledger.record(job.id)
                try await Task.sleep(for: .milliseconds(5))
            }
            var ids: [UUID] = []
            for index in 0..<40 { ids.append(try await queue.enqueue(JobSpec(kind: "race", rawPayload: "{\"i\":\(index)}")).id) }
            let settings = WorkerPool.Settings(concurrency: 4, lease: 60, pollInterval: 0.02)
            let a = WorkerPool(queue: queue, handlers: [handler], settings: settings, logger: logger, id: "A")
            let b = WorkerPool(queue: queue, handlers: [handler], settings: settings, logger: logger, id: "B")

            await a.start()
            await b.start()
            try await waitUntil { try await JobRecord.query(on: db).filter(\.$state == .succeeded).count() == 40 }
            await a.shutdown()
            await b.shutdown()

            let runs = await ledger.runs
            #expect(runs.count == 40)
            #expect(Set(runs) == Set(ids))
        }
    }

    @Test func concurrentClaims_ofOneJob_giveItToOneWorker() async throws {
        try await TestDatabase.withDatabase { db in
            let queue = JobQueue(database: db)
            let id = try await queue.enqueue(JobSpec(kind: "solo")).id

            let winners = try await withThrowingTaskGroup(of: ClaimedJob?.self) { group in
                for worker in 0..<8 {
                    group.addTask { try await queue.claim(kinds: ["solo"], workerID: "w\(worker)", lease: 60) }
                }
                return try await group.reduce(into: [ClaimedJob]()) { if let job = $1 { $0.append(job) } }
            }

            #expect(winners.count == 1)
            #expect(winners.first?.id == id)
        }
    }

    @Test func workerKilledMidJob_leaseExpires_jobRunsAgain() async throws {
        try await TestDatabase.withDatabase { db in
            let clock = TestClock()
            let queue = JobQueue(database: db, now: clock.function)
            let id = try await queue.enqueue(JobSpec(kind: "k")).id
            let dead = try #require(try await queue.claim(kinds: ["k"], workerID: "crashed", lease: 30))
            #expect(try await queue.claim(kinds: ["k"], workerID: "other", lease: 30) == nil)

            clock.advance(31)
            let again = try #require(try await queue.claim(kinds: ["k"], workerID: "other", lease: 30))
            try await queue.complete(dead) // the crashed worker wakes up late: must change nothing

            #expect(again.id == id)
            #expect(again.attempt == 2)
            let row = try #require(try await JobRecord.find(id, on: db))
            #expect(row.state == .running)
            #expect(row.lockedBy == "other")
            try await queue.complete(again)
            #expect(try await JobRecord.find(id, on: db)?.state == .succeeded)
        }
    }

    @Test func leaseExpiringOnLastAttempt_endsDead() async throws {
        try await TestDatabase.withDatabase { db in
            let clock = TestClock()
            let queue = JobQueue(database: db, now: clock.function)
            let id = try await queue.enqueue(JobSpec(kind: "k", maxAttempts: 2)).id
            for _ in 0..<2 {
                _ = try #require(try await queue.claim(kinds: ["k"], workerID: "crashing", lease: 10))
                clock.advance(11)
            }

            let claimed = try await queue.claim(kinds: ["k"], workerID: "next", lease: 10)

            #expect(claimed == nil)
            let row = try #require(try await JobRecord.find(id, on: db))
            #expect(row.state == .dead)
            #expect(row.lastError?.contains("lease expired") == true)
        }
    }

    @Test func failingJob_backsOffExponentially_thenDiesWithItsError() async throws {
        try await TestDatabase.withDatabase { db in
            let clock = TestClock()
            let queue = JobQueue(database: db, backoff: Backoff(base: 10, cap: 1_000), now: clock.function)
            let id = try await queue.enqueue(JobSpec(kind: "k", maxAttempts: 3)).id
            var delays: [TimeInterval] = []

            for attempt in 1...3 {
                let job = try #require(try await queue.claim(kinds: ["k"], workerID: "w", lease: 60))
                #expect(job.attempt == attempt)
                let state = try await queue.fail(job, error: TestFailure(message: "vendor said no #\(attempt)"), randomUnit: 1)
                let row = try #require(try await JobRecord.find(id, on: db))
                if attempt < 3 {
                    #expect(state == .retrying)
                    delays.append(row.runAfter.timeIntervalSince(clock.now))
                    #expect(try await queue.claim(kinds: ["k"], workerID: "w", lease: 60) == nil)
                    clock.advance(row.runAfter.timeIntervalSince(clock.now) + 0.001)
                } else {
                    #expect(state == .dead)
                }
            }

            #expect(delays.map { $0.rounded() } == [10, 20])
            let row = try #require(try await JobRecord.find(id, on: db))
            #expect(row.state == .dead)
            #expect(row.lastError == "vendor said no #3")
            #expect(row.finishedAt != nil)
        }
    }

    @Test func permanentError_diesAtOnce() async throws {
        try await TestDatabase.withDatabase { db in
            let queue = JobQueue(database: db)
            let id = try await queue.enqueue(JobSpec(kind: "k", maxAttempts: 5)).id
            let job = try #require(try await queue.claim(kinds: ["k"], workerID: "w", lease: 60))

            let state = try await queue.fail(job, error: PermanentJobError("SKU too long"))

            #expect(state == .dead)
            #expect(try await JobRecord.find(id, on: db)?.lastError == "SKU too long")
        }
    }

    @Test func shutdown_releasesRunningJobs_noneLeftRunning() async throws {
        try await TestDatabase.withDatabase { db in
            let queue = JobQueue(database: db)
            let started = Ledger()
            let slow = ClosureJobHandler(kind: "slow") { job, _ in
                await started.record(job.id)
                try await Task.sleep(for: .seconds(30))
            }
            let ids = [try await queue.enqueue(JobSpec(kind: "slow", rawPayload: "{\"n\":1}")).id,
                       try await queue.enqueue(JobSpec(kind: "slow", rawPayload: "{\"n\":2}")).id]
            let pool = WorkerPool(queue: queue, handlers: [slow], settings: .init(concurrency: 2, lease: 60, pollInterval: 0.02), logger: logger)
            await pool.start()
            try await waitUntil { await started.runs.count == 2 }

            await pool.shutdown(grace: 0.2)

            #expect(try await JobRecord.query(on: db).filter(\.$state == .running).count() == 0)
            for id in ids {
                let row = try #require(try await JobRecord.find(id, on: db))
                #expect(row.state == .pending)
                #expect(row.attempts == 0)
                #expect(row.lockedBy == nil)
            }
            #expect(await pool.inFlight == 0)
        }
    }

    @Test func leaseLost_whileRunning_stopsTheHandler_andLeavesTheRowAlone() async throws {
        try await TestDatabase.withDatabase { db in
            let queue = JobQueue(database: db)
            let started = Ledger()
            let stopped = Ledger()
            let slow = ClosureJobHandler(kind: "slow") { job, _ in
                await started.record(job.id)
                do {
                    try await Task.sleep(for: .seconds(30))
                } catch {
                    await stopped.record(job.id)
                    throw error
                }
            }
            let id = try await queue.enqueue(JobSpec(kind: "slow")).id
            let pool = WorkerPool(queue: queue, handlers: [slow], settings: .init(concurrency: 1, lease: 0.6, pollInterval: 0.05), logger: logger)
            await pool.start()
            try await waitUntil { await started.runs.count == 1 }

            #expect(try await queue.cancel(id: id)) // an operator cancels the running job
            try await waitUntil(timeout: .seconds(5)) { await stopped.runs.count == 1 }
            await pool.shutdown(grace: 1)

            #expect(try await JobRecord.find(id, on: db)?.state == .cancelled)
            #expect(await started.runs.count == 1)
        }
    }

    @Test func shutdown_letsQuickJobsFinish() async throws {
        try await TestDatabase.withDatabase { db in
            let queue = JobQueue(database: db)
            let started = Ledger()
            let quick = ClosureJobHandler(kind: "quick") { job, _ in
                await started.record(job.id)
                try await Task.sleep(for: .milliseconds(200))
            }
            let id = try await queue.enqueue(JobSpec(kind: "quick")).id
            let pool = WorkerPool(queue: queue, handlers: [quick], settings: .init(concurrency: 1, lease: 60, pollInterval: 0.02), logger: logger)
            await pool.start()
            try await waitUntil { await started.runs.count == 1 }

            await pool.shutdown(grace: 5)

            #expect(try await JobRecord.find(id, on: db)?.state == .succeeded)
        }
    }

    @Test func scheduler_twoInstances_enqueueOnePerPeriod() async throws {
        try await TestDatabase.withDatabase { db in
            let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_030))
            let queue = JobQueue(database: db, now: clock.function)
            let periodic = [PeriodicJob(kind: "orders.poll", interval: 60)]
            let one = Scheduler(queue: queue, jobs: periodic, logger: logger)
            let two = Scheduler(queue: queue, jobs: periodic, logger: logger)

            async let a = one.runOnce()
            async let b = two.runOnce()
            _ = await (a, b)
            await one.runOnce()
            clock.advance(60)
            await two.runOnce()

            let rows = try await JobRecord.query(on: db).sort(\.$runAfter).all()
            #expect(rows.count == 2)
            #expect(rows.map(\.uniqueKey) == ["periodic:orders.poll:1800000000", "periodic:orders.poll:1800000060"])
        }
    }

    @Test func operator_retryDead_andCancelPending() async throws {
        try await TestDatabase.withDatabase { db in
            let queue = JobQueue(database: db)
            let deadID = try await queue.enqueue(JobSpec(kind: "k", maxAttempts: 1)).id
            let job = try #require(try await queue.claim(kinds: ["k"], workerID: "w", lease: 60))
            try await queue.fail(job, error: TestFailure(message: "boom"))
            let pendingID = try await queue.enqueue(JobSpec(kind: "k")).id

            #expect(try await queue.retry(id: deadID))
            #expect(try await queue.cancel(id: pendingID))
            #expect(try await queue.cancel(id: pendingID) == false)
            await #expect(throws: JobQueue.QueueError.self) { try await queue.retry(id: UUID()) }

            #expect(try await JobRecord.find(deadID, on: db)?.state == .pending)
            #expect(try await JobRecord.find(deadID, on: db)?.attempts == 0)
            #expect(try await JobRecord.find(pendingID, on: db)?.state == .cancelled)
            let counts = try await queue.counts()
            #expect(counts[.pending] == 1)
            #expect(counts[.cancelled] == 1)
        }
    }

    @Test func oldestPendingAge_countsOnlyDueJobs() async throws {
        try await TestDatabase.withDatabase { db in
            let clock = TestClock()
            let queue = JobQueue(database: db, now: clock.function)
            #expect(try await queue.oldestPendingAge() == nil)
            try await queue.enqueue(JobSpec(kind: "k"))
            try await queue.enqueue(JobSpec(kind: "k", runAfter: clock.now.addingTimeInterval(500)))

            clock.advance(42)

            #expect(try await queue.oldestPendingAge() == 42)
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

actor Ledger {
    private(set) var runs: [UUID] = []
    func record(_ id: UUID) { runs.append(id) }
}

func waitUntil(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("condition not met within \(timeout)")
    throw CancellationError()
}

@Suite("Job queue: coalesced keys")
struct JobQueueCoalesceTests {
    @Test func workArrivingWhileRunning_runsOnceMore_neverTwiceAtOnce() async throws {
        try await TestDatabase.withDatabase { db in
            let queue = JobQueue(database: db)
            let spec = JobSpec(kind: "push", uniqueKey: "push", uniqueness: .coalesce)
            let first = try await queue.enqueue(spec)
            let job = try #require(try await queue.claim(kinds: ["push"], workerID: "w1", lease: 60))

            // While it runs: more work arrives, twice. No second row, no second claim.
            let during = try await queue.enqueue(spec)
            _ = try await queue.enqueue(spec)
            let overlapping = try await queue.claim(kinds: ["push"], workerID: "w2", lease: 60)
            try await queue.complete(job)

            #expect(during == .duplicate(first.id))
            #expect(overlapping == nil)
            #expect(try await JobRecord.query(on: db).count() == 1)
            let row = try #require(try await JobRecord.find(first.id, on: db))
            #expect(row.state == .pending) // runs once more for the work that came meanwhile
            #expect(row.rerun == false)
            let rerun = try #require(try await queue.claim(kinds: ["push"], workerID: "w2", lease: 60))
            try await queue.complete(rerun)
            #expect(try await JobRecord.find(first.id, on: db)?.state == .succeeded)
        }
    }

    @Test func enqueueWhilePending_isOneRun_andAfterFinishing_reusesTheRow() async throws {
        try await TestDatabase.withDatabase { db in
            let queue = JobQueue(database: db)
            let spec = JobSpec(kind: "push", uniqueKey: "push", uniqueness: .coalesce)
            let first = try await queue.enqueue(spec)
            #expect(try await queue.enqueue(spec) == .duplicate(first.id))
            let job = try #require(try await queue.claim(kinds: ["push"], workerID: "w", lease: 60))
            try await queue.complete(job)
            #expect(try await JobRecord.find(first.id, on: db)?.state == .succeeded)

            #expect(try await queue.enqueue(spec) == .enqueued(first.id))
            #expect(try await JobRecord.find(first.id, on: db)?.state == .pending)
        }
    }

    @Test func enqueue_ringsTheWakeup() async throws {
        try await TestDatabase.withDatabase { db in
            let wakeup = JobWakeup()
            let queue = JobQueue(database: db, wakeup: wakeup)
            let started = ContinuousClock.now
            async let woke: Void = wakeup.wait(timeout: .seconds(30))
            try await Task.sleep(for: .milliseconds(50))
            try await queue.enqueue(JobSpec(kind: "k"))
            await woke
            #expect(started.duration(to: .now) < .seconds(30))
        }
    }
}
