import Foundation

/// The Meta stand-in's knobs and counters, shared with tests: token state (to produce code
/// 190), the usage budget (to produce throttling), restatement of recent days, and the
/// count of refused non-GET requests.
public final class MetaSandboxControls: Sendable {
    public enum TokenState: String, Sendable {
        case valid
        /// 190 / subcode 463: "Session has expired".
        case expired
        /// 190 / subcode 460: the password changed or the person revoked the app.
        case revoked
    }

    public struct Settings: Sendable {
        /// Calls allowed per `usageWindow` before Meta throttles (100 % usage). The real
        /// budget depends on tier and active ads (yaml: ads_management quota); this is a
        /// demo-sized one so usage visibly rises with load.
        public var callBudget: Int
        public var usageWindow: Duration
        /// How long a throttled account stays blocked; reported in whole minutes (rounded
        /// up) as `estimated_time_to_regain_access`, Meta's unit.
        public var regainAfter: Duration
        /// The last days Meta may still restate (the sandbox changes them on `restate()`).
        public var restatedDays: Int

        public init(callBudget: Int = 400, usageWindow: Duration = .seconds(3_600), regainAfter: Duration = .seconds(300), restatedDays: Int = 3) {
            self.callBudget = callBudget
            self.usageWindow = usageWindow
            self.regainAfter = regainAfter
            self.restatedDays = restatedDays
        }
    }

    struct State: Sendable {
        var settings: Settings
        var token: TokenState = .valid
        var callTimes: [ContinuousClock.Instant] = []
        var blockedUntil: ContinuousClock.Instant?
        var restatement = 0
        var refusedWrites = 0
        var throttled = 0
        var served = 0
        var today: Date?
    }

    let state: LockedBox<State>
    let clock = ContinuousClock()

    public init(settings: Settings = Settings()) {
        state = LockedBox(State(settings: settings))
    }

    public var settings: Settings {
        get { state.current.settings }
        set { state.withLock { $0.settings = newValue } }
    }

    public var tokenState: TokenState {
        get { state.current.token }
        set { state.withLock { $0.token = newValue } }
    }

    /// Non-GET requests refused so far. Meta is read-only for us: this must stay 0.
    public var refusedWrites: Int { state.current.refusedWrites }
    /// Throttling errors sent so far.
    public var throttledResponses: Int { state.current.throttled }
    /// GET requests answered (errors included).
    public var servedRequests: Int { state.current.served }

    /// Meta revises recent days after the fact: bump the figures of the last `restatedDays`.
    public func restate() { state.withLock { $0.restatement += 1 } }

    /// The day insights end on; nil is the real current date.
    public var today: Date? {
        get { state.current.today }
        set { state.withLock { $0.today = newValue } }
    }

    func refusedWrite() { state.withLock { $0.refusedWrites += 1 } }

    /// Counts a GET, whatever its answer; returns its number (from 1).
    func served() -> Int { state.withLock { $0.served += 1; return $0.served } }

    /// Usage after admitting one more call, or the time left blocked if throttled.
    func admit() -> Admission {
        let now = clock.now
        return state.withLock { state in
            if let until = state.blockedUntil, now < until {
                state.throttled += 1
                return Admission(percent: 100, blockedFor: now.duration(to: until))
            }
            state.blockedUntil = nil
            let window = state.settings.usageWindow
            state.callTimes.removeAll { now - $0 > window }
            state.callTimes.append(now)
            let percent = Double(state.callTimes.count) * 100 / Double(max(state.settings.callBudget, 1))
            if state.callTimes.count > state.settings.callBudget {
                // Over budget: blocked for `regainAfter`, after which the window starts afresh.
                state.blockedUntil = now + state.settings.regainAfter
                state.callTimes.removeAll()
                state.throttled += 1
                return Admission(percent: 100, blockedFor: state.settings.regainAfter)
            }
            return Admission(percent: min(percent, 100), blockedFor: nil)
        }
    }

    struct Admission {
        var percent: Double
        var blockedFor: Duration?

        /// Whole minutes, rounded up: Meta's unit for `estimated_time_to_regain_access`.
        var regainMinutes: Int {
            guard let blockedFor else { return 0 }
            let seconds = Double(blockedFor.components.seconds) + Double(blockedFor.components.attoseconds) / 1e18
            return max(1, Int((seconds / 60).rounded(.up)))
        }
    }
}
