import Foundation

/// How pages spell durations, times and long text. Times are stored and exchanged in UTC
/// (DESIGN.md §3); pages show them in the shop's zone, whatever the server's zone, and keep
/// UTC in each `<time datetime>`.
enum Formatting {
    /// The zone pages show times in: the shop's (Shopify's `ianaTimezone`), UTC until known.
    @TaskLocal static var timeZone = TimeZone(identifier: "UTC")!

    /// Builds a page with its times in the chrome's zone.
    static func zoned(_ chrome: Chrome?, _ body: () -> String) -> String {
        $timeZone.withValue(chrome?.timeZone ?? TimeZone(identifier: "UTC")!, operation: body)
    }

    /// Placeholder for a value that does not exist (no pending job, no error).
    static let none = "—"

    /// A duration the way a person says it: "3 s", "4 min", "2 h 5 min", "3 d 4 h".
    /// Rounded down, because "1 min" for 119 s is closer to what a reader expects
    /// from a clock than "2 min". Negative ages (clock skew between instances)
    /// read as "0 s"; `nil` reads as "—".
    static func duration(_ interval: TimeInterval?) -> String {
        guard let interval else { return none }
        guard interval.isFinite else { return none }
        // Clamp before converting: `Int(_:)` traps beyond Int.max; 1e15 s is
        // some 31 million years, far past anything a queue holds.
        let seconds = Int(min(max(interval, 0), 1e15).rounded(.down))
        let minute = 60, hour = 3_600, day = 86_400
        switch seconds {
        case ..<minute:
            return "\(seconds) s"
        case ..<hour:
            return "\(seconds / minute) min"
        case ..<day:
            let hours = seconds / hour, minutes = seconds % hour / minute
            return minutes == 0 ? "\(hours) h" : "\(hours) h \(minutes) min"
        default:
            let days = seconds / day, hours = seconds % day / hour
            return hours == 0 ? "\(days) d" : "\(days) d \(hours) h"
        }
    }

    /// "2026-11-25 14:03:00 UTC" (or the shop's zone, e.g. "2026-11-25 09:03:00 EST"), for people.
    static func timestamp(_ date: Date) -> String {
        let zone = timeZone
        let c = components(date, in: zone)
        let name = ["UTC", "GMT"].contains(zone.identifier) ? "UTC" : (zone.abbreviation(for: date) ?? zone.identifier)
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day)) \(pad(c.hour)):\(pad(c.minute)):\(pad(c.second)) \(name)"
    }

    /// "2026-11-25T14:03:00Z", for the `datetime` attribute of `<time>`.
    static func machineTimestamp(_ date: Date) -> String {
        let c = utcComponents(date)
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))Z"
    }

    /// The first `limit` characters of `text`, with "…" when something was cut.
    /// Counts Characters, not bytes, so an emoji or accented letter is never split.
    static func truncated(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }

    // MARK: - Private

    private struct UTCComponents {
        var year, month, day, hour, minute, second: Int
    }

    private static func utcComponents(_ date: Date) -> UTCComponents {
        components(date, in: TimeZone(identifier: "UTC")!)
    }

    private static func components(_ date: Date, in zone: TimeZone) -> UTCComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return UTCComponents(
            year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0,
            hour: c.hour ?? 0, minute: c.minute ?? 0, second: c.second ?? 0
        )
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
