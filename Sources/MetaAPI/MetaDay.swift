import Foundation

/// A calendar day as Meta's insights speak it: `"YYYY-MM-DD"` in `time_range` and in
/// `date_start`/`date_stop`, in the ad account's time zone.
public struct MetaDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day),
              let date = Self.calendar.date(from: DateComponents(year: year, month: month, day: day)),
              Self.calendar.component(.day, from: date) == day
        else { return nil }
        ordinal = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// The day `date` falls on in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        let shifted = date.timeIntervalSince1970 + TimeInterval(timeZone.secondsFromGMT(for: date))
        ordinal = Int((shifted / 86_400).rounded(.down))
    }

    public func adding(days: Int) -> MetaDay { MetaDay(ordinal: ordinal + days) }

    public var description: String {
        let date = Date(timeIntervalSince1970: TimeInterval(ordinal) * 86_400)
        let parts = Self.calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    public static func < (lhs: MetaDay, rhs: MetaDay) -> Bool { lhs.ordinal < rhs.ordinal }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

/// An inclusive range of days: `time_range={"since":…,"until":…}`.
public struct MetaDayRange: Sendable, Hashable, CustomStringConvertible {
    public var since: MetaDay
    public var until: MetaDay

    public init(since: MetaDay, until: MetaDay) {
        precondition(since <= until, "a day range runs forwards")
        self.since = since
        self.until = until
    }

    /// The last `days` days up to and including `until`.
    public init(last days: Int, until: MetaDay) {
        self.init(since: until.adding(days: -(max(days, 1) - 1)), until: until)
    }

    public var dayCount: Int { until.ordinal - since.ordinal + 1 }

    /// `{"since":"2025-05-01","until":"2025-05-30"}`, the form `time_range` takes.
    public var timeRangeParameter: String { #"{"since":"\#(since)","until":"\#(until)"}"# }

    /// Consecutive windows of at most `maxDays` days covering the range, oldest first.
    public func windows(maxDays: Int) -> [MetaDayRange] {
        let size = max(maxDays, 1)
        return stride(from: since.ordinal, through: until.ordinal, by: size).map { start in
            MetaDayRange(since: MetaDay(ordinal: start), until: MetaDay(ordinal: min(start + size - 1, until.ordinal)))
        }
    }

    public var description: String { "\(since)…\(until)" }
}
