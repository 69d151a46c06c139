import Foundation
import IntegrationKit
import Metrics

/// Calls per API per UTC day against eBay's daily quotas, and revisions per listing per day,
/// so the sync engine can plan around both. Exposed as swift-metrics series:
/// - `ebay_api_calls_total{api}` (counter) and `ebay_api_calls_today{api}`,
///   `ebay_api_quota_remaining{api}` (gauges, reset at 00:00 UTC as eBay's quotas are);
/// - `ebay_listing_revisions_total` (counter) and `ebay_listing_revisions_max_today`
///   (gauge: the most-revised listing's count today, against eBay's 250).
public final class EbayUsage: @unchecked Sendable {
    public static let callsTotal = "ebay_api_calls_total"
    public static let callsToday = "ebay_api_calls_today"
    public static let quotaRemaining = "ebay_api_quota_remaining"
    public static let revisionsTotal = "ebay_listing_revisions_total"
    public static let revisionsMaxToday = "ebay_listing_revisions_max_today"

    private let lock = NSLock()
    private let factory: any MetricsFactory
    private let now: @Sendable () -> Date
    private var day: Int
    private var calls: [EbayAPIName: Int] = [:]
    private var operations: [String: Int] = [:]
    private var revisions: [String: Int] = [:]

    public init(factory: any MetricsFactory = MetricsSystem.factory, now: @escaping @Sendable () -> Date = { Date() }) {
        self.factory = factory
        self.now = now
        self.day = Self.utcDay(now())
    }

    /// One HTTP attempt to `api` (retries count: eBay counts every call it receives).
    public func recordCall(_ api: EbayAPIName, operation: String?) {
        let (today, remaining) = lock.withLock { () -> (Int, Int?) in
            rollOver()
            calls[api, default: 0] += 1
            if let operation { operations[operation, default: 0] += 1 }
            let count = calls[api]!
            return (count, api.defaultDailyQuota.map { max(0, $0 - count) })
        }
        let dimensions = [("api", api.rawValue)]
        Counter(label: Self.callsTotal, dimensions: dimensions, factory: factory).increment()
        Gauge(label: Self.callsToday, dimensions: dimensions, factory: factory).record(Double(today))
        if let remaining {
            Gauge(label: Self.quotaRemaining, dimensions: dimensions, factory: factory).record(Double(remaining))
        }
    }

    /// One revision of the listing behind `offerOrSKU` (an offer update, a price/quantity change, a publish).
    public func recordRevision(_ offerOrSKU: String) {
        let maximum = lock.withLock { () -> Int in
            rollOver()
            revisions[offerOrSKU, default: 0] += 1
            return revisions.values.max() ?? 0
        }
        Counter(label: Self.revisionsTotal, factory: factory).increment()
        Gauge(label: Self.revisionsMaxToday, factory: factory).record(Double(maximum))
    }

    public func callsToday(_ api: EbayAPIName) -> Int {
        lock.withLock { rollOver(); return calls[api] ?? 0 }
    }

    /// Calls left today under eBay's default quota; nil for APIs without one.
    public func remainingToday(_ api: EbayAPIName) -> Int? {
        api.defaultDailyQuota.map { max(0, $0 - callsToday(api)) }
    }

    /// HTTP attempts per operation id since start (for measurements and the report).
    public var callsPerOperation: [String: Int] {
        lock.withLock { operations }
    }

    public func revisionsToday(_ offerOrSKU: String) -> Int {
        lock.withLock { rollOver(); return revisions[offerOrSKU] ?? 0 }
    }

    /// Revisions still allowed today for that listing (eBay: 250 per listing per day).
    public func revisionsRemaining(_ offerOrSKU: String) -> Int {
        max(0, EbayLimits.revisionsPerListingPerDay - revisionsToday(offerOrSKU))
    }

    /// Called with the lock held.
    private func rollOver() {
        let today = Self.utcDay(now())
        if today != day {
            day = today
            calls = [:]
            revisions = [:]
        }
    }

    static func utcDay(_ date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }
}

/// Counts every attempt per API before it goes out, retries included.
struct EbayCountingTransport: HTTPTransport {
    let base: any HTTPTransport
    let usage: EbayUsage

    func execute(_ request: OutboundRequest, timeout: Duration) async throws -> OutboundResponse {
        if let api = EbayAPIName.of(path: request.url.path) {
            usage.recordCall(api, operation: request.operation)
        }
        return try await base.execute(request, timeout: timeout)
    }
}
