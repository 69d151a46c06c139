import Foundation
import Testing
@testable import Views

@Suite struct FormattingTests {
    @Test(arguments: [
        (nil, "—"),
        (0, "0 s"),
        (3, "3 s"),
        (59.9, "59 s"),
        (60, "1 min"),
        (240, "4 min"),
        (3_599, "59 min"),
        (3_600, "1 h"),
        (7_500, "2 h 5 min"),
        (86_399, "23 h 59 min"),
        (86_400, "1 d"),
        (93_600, "1 d 2 h"),
        (-5, "0 s"),
        (.infinity, "—"),
        (.nan, "—"),
    ] as [(TimeInterval?, String)])
    func duration_formatsHumanReadable(interval: TimeInterval?, expected: String) {
        #expect(Formatting.duration(interval) == expected)
    }

    @Test func duration_hugeValue_doesNotTrap() {
        #expect(Formatting.duration(1e300).hasSuffix(" h"))
    }

    @Test func timestamp_isUTC() {
        #expect(Formatting.timestamp(Fixture.now) == "2026-11-25 14:03:00 UTC")
        // date -u -d '1999-01-02 03:04:05' +%s
        #expect(Formatting.timestamp(Date(timeIntervalSince1970: 915_246_245)) == "1999-01-02 03:04:05 UTC")
    }

    @Test func machineTimestamp_isISO8601() {
        #expect(Formatting.machineTimestamp(Fixture.now) == "2026-11-25T14:03:00Z")
    }

    @Test func truncated_countsCharactersNotBytes() {
        #expect(Formatting.truncated("héllo👍🏽x", limit: 6) == "héllo👍🏽…")
        #expect(Formatting.truncated("short", limit: 6) == "short")
    }
}
