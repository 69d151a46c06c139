import Foundation
import IntegrationKit

/// Paces Meta calls from Meta's own signals (contracts/meta/graph_api_rate_limiting.yaml):
/// the usage headers on every response, and throttling errors in the body.
///
/// - Below `slowdownFromPercent` calls go out as fast as the caller sends them.
/// - From there to 100 % calls are spaced, linearly up to `spacingAtLimit`: Meta counts a
///   rolling hour, so slowing early keeps us from hitting the wall at all.
/// - A throttling error (codes 4, 17, 32, 341, 613, 80000-80014) pauses every call until
///   `estimated_time_to_regain_access` (X-Business-Use-Case-Usage, in minutes), else the ad
///   account header's `reset_time_duration`, else `fallbackPause`.
public actor MetaUsageLimiter: RateLimiter {
    public struct Settings: Sendable {
        public var slowdownFromPercent: Double
        public var spacingAtLimit: Duration
        /// When Meta throttles without saying for how long. Meta sends no Retry-After (yaml).
        public var fallbackPause: Duration
        /// What one unit of `estimated_time_to_regain_access` is worth: Meta's unit is the
        /// minute; tests shrink it so a throttling round trip takes about a second.
        public var regainUnit: Duration

        public init(
            slowdownFromPercent: Double = 75,
            spacingAtLimit: Duration = .seconds(10),
            fallbackPause: Duration = .seconds(60),
            regainUnit: Duration = .seconds(60)
        ) {
            self.slowdownFromPercent = slowdownFromPercent
            self.spacingAtLimit = spacingAtLimit
            self.fallbackPause = fallbackPause
            self.regainUnit = regainUnit
        }
    }

    /// What the limiter has seen, for reports and the dashboard.
    public struct Stats: Sendable, Equatable {
        public var requests = 0
        public var lastUsagePercent: Double?
        public var highestUsagePercent: Double?
        public var throttlingErrors = 0
        public var pauses = 0
        public var pausedFor: Duration = .zero
        public var spacedFor: Duration = .zero
    }

    public let settings: Settings
    private let clock = ContinuousClock()
    private let sleep: @Sendable (Duration) async throws -> Void
    private var pausedUntil: ContinuousClock.Instant?
    private var lastSent: ContinuousClock.Instant?
    private var stats = Stats()

    public init(settings: Settings = Settings(), sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.settings = settings
        self.sleep = sleep
    }

    public var snapshot: Stats { stats }

    /// How long calls are still paused for, if they are.
    public var remainingPause: Duration? {
        guard let pausedUntil else { return nil }
        let left = clock.now.duration(to: pausedUntil)
        return left > .zero ? left : nil
    }

    public func acquire(cost: Int) async throws {
        if let wait = remainingPause {
            stats.pauses += 1
            stats.pausedFor += wait
            try await sleep(wait)
        }
        if let spacing = spacing(), let lastSent {
            let wait = clock.now.duration(to: lastSent + spacing)
            if wait > .zero {
                stats.spacedFor += wait
                try await sleep(wait)
            }
        }
        lastSent = clock.now
        stats.requests += 1
    }

    public func record(_ outcome: RateLimitOutcome) async {
        guard case .response(let response) = outcome else { return }
        let usage = MetaUsage(headers: response.headers)
        if let percent = usage.maxUtilizationPercent {
            stats.lastUsagePercent = percent
            stats.highestUsagePercent = max(stats.highestUsagePercent ?? 0, percent)
        }
        guard !response.isSuccess, let error = MetaGraphError.decode(from: response.body), error.isThrottling else { return }
        stats.throttlingErrors += 1
        let pause = regainTime(from: usage) ?? settings.fallbackPause
        let until = clock.now + pause
        pausedUntil = max(pausedUntil ?? until, until)
    }

    /// The spacing between calls at the last reported usage; nil below the slowdown point.
    func spacing() -> Duration? {
        guard let percent = stats.lastUsagePercent, percent >= settings.slowdownFromPercent else { return nil }
        let span = max(100 - settings.slowdownFromPercent, 1)
        let fraction = min((percent - settings.slowdownFromPercent) / span, 1)
        return settings.spacingAtLimit * fraction
    }

    private func regainTime(from usage: MetaUsage) -> Duration? {
        if let minutes = usage.businessUseCases.map(\.estimatedTimeToRegainAccessMinutes).filter({ $0 > 0 }).max() {
            return settings.regainUnit * Int(minutes)
        }
        if let account = usage.adAccount, account.accountUtilizationPercent >= 100, let seconds = account.resetTimeDuration, seconds > 0 {
            return .seconds(seconds)
        }
        return nil
    }
}
