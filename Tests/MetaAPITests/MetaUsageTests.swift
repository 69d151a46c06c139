import Foundation
import IntegrationKit
import Testing

@testable import MetaAPI

/// Header examples as written in Fixtures/graph_api_rate_limiting.yaml (copy of contracts/meta,
/// see PROVENANCE.md), read with a line scanner: under `headers:`, the `example: '…'` line of
/// each header's block.
enum RateLimitingContract {
    static func example(for header: String) throws -> String {
        let text = String(decoding: try Fixtures.data("graph_api_rate_limiting.yaml"), as: UTF8.self)
        var inBlock = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") {
                inBlock = line.trimmingCharacters(in: .whitespaces) == "\(header):"
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if inBlock, trimmed.hasPrefix("example: '"), let first = trimmed.firstIndex(of: "'"), let last = trimmed.lastIndex(of: "'"), first < last {
                return String(trimmed[trimmed.index(after: first)..<last])
            }
        }
        throw CocoaError(.fileReadCorruptFile, userInfo: [NSDebugDescriptionErrorKey: "no example for \(header)"])
    }
}

@Suite struct MetaGraphTests {
    @Test func version_matches_vendored_specs() throws {
        let vendored = String(decoding: try Fixtures.data("graph_api_version.txt"), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)

        #expect(MetaGraph.version == vendored)
        #expect(MetaGraph.version == "v25.0")
    }

    @Test func url_carries_the_pinned_version() {
        #expect(MetaGraph.url(path: "act_123/insights").absoluteString == "https://graph.facebook.com/v25.0/act_123/insights")
        #expect(MetaGraph.url(base: URL(string: "http://127.0.0.1:9000/meta")!, path: "/me").absoluteString
            == "http://127.0.0.1:9000/meta/v25.0/me")
    }
}

@Suite struct MetaUsageTests {
    @Test func app_usage_example_from_contract() throws {
        let header = try RateLimitingContract.example(for: "X-App-Usage")
        #expect(header == #"{"call_count": 28, "total_time": 25, "total_cputime": 25}"#)

        let usage = MetaUsage(headers: ["x-app-usage": header])

        #expect(usage.app == AppUsage(callCount: 28, totalCPUTime: 25, totalTime: 25))
        #expect(usage.maxUtilizationPercent == 28)
        #expect(!usage.isThrottled)
        #expect(usage.malformedHeaders.isEmpty)
    }

    @Test func ad_account_usage_example_from_contract() throws {
        let header = try RateLimitingContract.example(for: "X-Ad-Account-Usage")
        #expect(header == #"{"acc_id_util_pct": 9.67, "reset_time_duration": 100, "ads_api_access_tier": "standard_access"}"#)

        let usage = MetaUsage(headers: ["X-Ad-Account-Usage": header])

        #expect(usage.adAccount == AdAccountUsage(accountUtilizationPercent: 9.67, resetTimeDuration: 100, accessTier: "standard_access"))
        #expect(usage.maxUtilizationPercent == 9.67)
    }

    @Test func business_use_case_usage_example_from_contract() throws {
        let header = try RateLimitingContract.example(for: "X-Business-Use-Case-Usage")
        #expect(header.hasPrefix(#"{"66782684": [{"type": "ads_management", "call_count": 95"#))

        let usage = MetaUsage(headers: ["X-Business-Use-Case-Usage": header])

        #expect(usage.businessUseCases == [
            BusinessUseCaseUsage(
                businessID: "66782684", type: "ads_management", callCount: 95, totalCPUTime: 20, totalTime: 20,
                estimatedTimeToRegainAccessMinutes: 0, accessTier: "development_access"
            ),
        ])
        #expect(usage.maxUtilizationPercent == 95)
        #expect(usage.estimatedTimeToRegainAccess == nil)
        #expect(!usage.isThrottled)
    }

    @Test func max_utilisation_across_all_headers() throws {
        let headers: HTTPHeaderFields = [
            "X-App-Usage": try RateLimitingContract.example(for: "X-App-Usage"),
            "X-Ad-Account-Usage": try RateLimitingContract.example(for: "X-Ad-Account-Usage"),
            "X-Business-Use-Case-Usage": try RateLimitingContract.example(for: "X-Business-Use-Case-Usage"),
        ]

        let usage = MetaUsage(headers: headers)

        #expect(usage.maxUtilizationPercent == 95)
    }

    @Test func blocked_business_use_case_reports_regain_time() {
        // Shape of the contract example, with a blocked second business object.
        let header = #"{"66782684": [{"type": "ads_management", "call_count": 95, "total_cputime": 20, "total_time": 20, "estimated_time_to_regain_access": 0}], "1234": [{"type": "ads_insights", "call_count": 100, "total_cputime": 40, "total_time": 101, "estimated_time_to_regain_access": 7}]}"#

        let usage = MetaUsage(headers: ["X-Business-Use-Case-Usage": header])

        #expect(usage.businessUseCases.map(\.businessID) == ["1234", "66782684"])
        #expect(usage.maxUtilizationPercent == 101)
        #expect(usage.estimatedTimeToRegainAccess == .seconds(7 * 60))
        #expect(usage.isThrottled)
    }

    @Test func no_headers_means_unknown_not_zero() {
        let usage = MetaUsage(headers: ["Content-Type": "application/json"])

        #expect(usage.maxUtilizationPercent == nil)
        #expect(!usage.isThrottled)
    }

    @Test func malformed_header_is_reported_not_thrown() throws {
        let usage = MetaUsage(headers: [
            "X-App-Usage": "{call_count: 28",
            "X-Ad-Account-Usage": try RateLimitingContract.example(for: "X-Ad-Account-Usage"),
        ])

        #expect(usage.malformedHeaders == ["X-App-Usage"])
        #expect(usage.app == nil)
        #expect(usage.maxUtilizationPercent == 9.67)
    }

    @Test func insights_throttle_header() {
        let usage = MetaUsage(headers: ["x-fb-ads-insights-throttle": #"{"app_id_util_pct": 100, "acc_id_util_pct": 12.5}"#])

        #expect(usage.insightsThrottle == InsightsThrottle(appUtilizationPercent: 100, accountUtilizationPercent: 12.5))
        #expect(usage.isThrottled)
    }
}
