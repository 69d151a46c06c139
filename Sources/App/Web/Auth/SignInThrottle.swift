import Foundation
import NIOConcurrencyHelpers

/// Failed sign-ins per client address and per email: after `limit` failures within
/// `window`, further attempts are refused until the oldest failure ages out. In memory: a
/// restart forgets, which costs an attacker a restart they cannot cause.
final class SignInThrottle: Sendable {
    let limit: Int
    let window: TimeInterval
    private let failures = NIOLockedValueBox<[String: [Date]]>([:])

    init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// Seconds until `keys` may try again; nil when they may now.
    func retryAfter(_ keys: [String], now: Date = Date()) -> TimeInterval? {
        failures.withLockedValue { table in
            keys.compactMap { key -> TimeInterval? in
                let recent = (table[key] ?? []).filter { now.timeIntervalSince($0) < window }
                table[key] = recent.isEmpty ? nil : recent
                guard recent.count >= limit, let oldest = recent.first else { return nil }
                return window - now.timeIntervalSince(oldest)
            }.max()
        }
    }

    func fail(_ keys: [String], now: Date = Date()) {
        failures.withLockedValue { table in
            for key in keys { table[key, default: []].append(now) }
        }
    }

    func succeed(_ keys: [String]) {
        failures.withLockedValue { table in
            for key in keys { table[key] = nil }
        }
    }
}
