import Foundation
import IntegrationKit
import Metrics

/// The client's model of Shopify's leaky bucket for one shop, fed from `extensions.cost`
/// of every answer (`throttleStatus`: `maximumAvailable`, `currentlyAvailable`,
/// `restoreRate`). Never guesses the plan: until the first answer nothing is known and
/// requests go out; from then on a request waits until the bucket holds its requested cost.
///
/// Plugged into `IntegrationClient` as its `RateLimiter`: `acquire` before each attempt,
/// `record` after it, in the same task, so the cost being spent travels in a task local.
public actor ShopifyCostBucket: RateLimiter {
    public struct ThrottleStatus: Sendable, Equatable, Decodable {
        public var maximumAvailable: Double
        public var currentlyAvailable: Double
        public var restoreRate: Double
    }

    public struct Cost: Sendable, Equatable, Decodable {
        public var requestedQueryCost: Int?
        public var actualQueryCost: Int?
        public var throttleStatus: ThrottleStatus?
    }

    /// What the bucket has seen, for metrics, tests and benchmarks.
    public struct Statistics: Sendable, Equatable {
        /// Sum of `actualQueryCost` over all answers.
        public var pointsUsed = 0
        /// Sum of `requestedQueryCost` over all answers (throttled ones included).
        public var pointsRequested = 0
        /// Answers that carried a cost.
        public var answers = 0
        /// THROTTLED answers (each was retried).
        public var throttled = 0
        /// Times a request waited for the bucket, and for how long in all.
        public var waits = 0
        public var waited: Duration = .zero
        /// `currentlyAvailable` of the first and the latest answer.
        public var firstAvailable: Double?
        public var lastAvailable: Double?
        public var restoreRate: Double?
    }

    public static let levelGauge = "shopify_cost_bucket_available"
    public static let throttledCounter = "shopify_throttled_total"

    @TaskLocal static var spending: Int = 0

    private var status: ThrottleStatus?
    private var statusAt: ContinuousClock.Instant = .now
    /// Points taken by requests sent but not answered yet.
    private var reserved: Double = 0
    public private(set) var statistics = Statistics()
    private let shop: String
    private let sleep: @Sendable (Duration) async throws -> Void
    private let level: Gauge
    private let throttledTotal: Counter

    public init(shop: String, metrics: any MetricsFactory = MetricsSystem.factory, sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.shop = shop
        self.sleep = sleep
        self.level = Gauge(label: Self.levelGauge, dimensions: [("shop", shop)], factory: metrics)
        self.throttledTotal = Counter(label: Self.throttledCounter, dimensions: [("shop", shop)], factory: metrics)
    }

    /// Points available now, by the last status and the restore rate since; nil before any answer.
    public var available: Double? {
        guard let status else { return nil }
        let elapsed = Self.seconds(statusAt.duration(to: .now))
        return min(status.maximumAvailable, status.currentlyAvailable + elapsed * status.restoreRate)
    }

    public var lastStatus: ThrottleStatus? { status }

    public func acquire(cost: Int) async throws {
        while true {
            try Task.checkCancellation()
            guard let status, let available else {
                reserved += Double(cost)
                return
            }
            // A query can never need more than the bucket holds.
            let needed = min(Double(cost), status.maximumAvailable)
            let free = available - reserved
            if free >= needed {
                reserved += Double(cost)
                return
            }
            let wait = Duration.seconds((needed - free) / max(status.restoreRate, 0.001))
            statistics.waits += 1
            statistics.waited += wait
            try await sleep(wait)
        }
    }

    public func record(_ outcome: RateLimitOutcome) async {
        reserved = max(0, reserved - Double(Self.spending))
        guard case .response(let response) = outcome, response.isSuccess,
              let envelope = try? JSONDecoder().decode(Envelope.self, from: response.body),
              let cost = envelope.extensions?.cost else { return }
        observe(cost, throttled: envelope.isThrottled)
    }

    /// Takes in the cost block of an answer.
    func observe(_ cost: Cost, throttled: Bool) {
        statistics.answers += 1
        statistics.pointsUsed += cost.actualQueryCost ?? 0
        statistics.pointsRequested += cost.requestedQueryCost ?? 0
        if throttled {
            statistics.throttled += 1
            throttledTotal.increment()
        }
        guard let throttleStatus = cost.throttleStatus else { return }
        status = throttleStatus
        statusAt = .now
        if statistics.firstAvailable == nil { statistics.firstAvailable = throttleStatus.currentlyAvailable }
        statistics.lastAvailable = throttleStatus.currentlyAvailable
        statistics.restoreRate = throttleStatus.restoreRate
        level.record(throttleStatus.currentlyAvailable)
    }

    struct Envelope: Decodable {
        struct Extensions: Decodable { var cost: Cost? }
        struct ErrorCode: Decodable {
            struct Ext: Decodable { var code: String? }
            var extensions: Ext?
        }
        var extensions: Extensions?
        var errors: [ErrorCode]?
        var isThrottled: Bool { errors?.contains { $0.extensions?.code == "THROTTLED" } ?? false }

        enum CodingKeys: String, CodingKey { case extensions, errors }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            extensions = try container.decodeIfPresent(Extensions.self, forKey: .extensions)
            errors = try? container.decodeIfPresent([ErrorCode].self, forKey: .errors)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
