import Foundation

/// A doorbell between enqueuers and the workers of one process: `signal()` after an
/// enqueue ends a worker's poll sleep early. Other processes still find the job at their
/// next poll (`WorkerPool.Settings.pollInterval`).
public final class JobWakeup: @unchecked Sendable {
    private let lock = NSLock()
    private var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    private var nextID: UInt64 = 0
    private var pending = false

    public init() {}

    public func signal() {
        let woken: [CheckedContinuation<Void, Never>] = lock.withLock {
            if waiters.isEmpty { pending = true }
            defer { waiters.removeAll() }
            return Array(waiters.values)
        }
        for waiter in woken { waiter.resume() }
    }

    /// Returns at the next signal (at once if one came since the last wait) or after `timeout`.
    public func wait(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [self] in await self.next() }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    private func next() async {
        let id: UInt64 = lock.withLock {
            nextID += 1
            return nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready: Bool = lock.withLock {
                    if pending || Task.isCancelled {
                        pending = false
                        return true
                    }
                    waiters[id] = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let waiter = lock.withLock { waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
