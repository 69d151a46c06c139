import Metrics
import Foundation

/// A `MetricsFactory` that keeps every value in memory, injected instead of bootstrapping the
/// process-wide `MetricsSystem` (which can be done only once per process).
final class CapturingMetrics: MetricsFactory, @unchecked Sendable {
    private let lock = NSLock()
    private var counters: [String: Int64] = [:]
    private var timers: [String: [Int64]] = [:]

    static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        ([label] + dimensions.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }).joined(separator: ",")
    }

    func counter(_ label: String, _ dimensions: [(String, String)]) -> Int64 {
        lock.withLock { counters[Self.key(label, dimensions)] ?? 0 }
    }

    func timerValues(_ label: String, _ dimensions: [(String, String)]) -> [Int64] {
        lock.withLock { timers[Self.key(label, dimensions)] ?? [] }
    }

    fileprivate func add(_ key: String, _ amount: Int64) { lock.withLock { counters[key, default: 0] += amount } }
    fileprivate func time(_ key: String, _ nanoseconds: Int64) { lock.withLock { timers[key, default: []].append(nanoseconds) } }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        Handler(metrics: self, key: Self.key(label, dimensions))
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        Handler(metrics: self, key: Self.key(label, dimensions))
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        Handler(metrics: self, key: Self.key(label, dimensions))
    }

    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}

    private final class Handler: CounterHandler, RecorderHandler, TimerHandler, Sendable {
        let metrics: CapturingMetrics
        let key: String

        init(metrics: CapturingMetrics, key: String) {
            self.metrics = metrics
            self.key = key
        }

        func increment(by amount: Int64) { metrics.add(key, amount) }
        func reset() {}
        func record(_ value: Int64) { metrics.time(key, value) }
        func record(_ value: Double) { metrics.time(key, Int64(value)) }
        func recordNanoseconds(_ duration: Int64) { metrics.time(key, duration) }
    }
}
