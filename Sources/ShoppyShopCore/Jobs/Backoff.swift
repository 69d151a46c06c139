import Foundation

/// Exponential backoff with jitter for failed jobs: base × 2^(attempt−1), capped, then a
/// random factor in [0.5, 1] so retries of many failed jobs do not arrive together.
public struct Backoff: Sendable {
    public var base: Double
    public var cap: Double

    public init(base: Double = 15, cap: Double = 3_600) {
        self.base = base
        self.cap = cap
    }

    /// `attempt` is the attempt that just failed (1 for the first). `unit` is a random value
    /// in 0...1 (injectable so tests are deterministic).
    public func delay(afterAttempt attempt: Int, unit: Double = Double.random(in: 0...1)) -> Double {
        let exponent = Double(max(0, min(attempt - 1, 30)))
        let ceiling = min(cap, base * pow(2, exponent))
        return ceiling * (0.5 + 0.5 * min(max(unit, 0), 1))
    }
}
