import Foundation
import IntegrationKit

/// Meta's rate-limit usage as reported in response headers, as percentages of the budget.
///
/// Shapes from contracts/meta/graph_api_rate_limiting.yaml. Meta sends these headers only
/// "once enough calls have been made to an endpoint": a missing header is *unknown* usage,
/// not zero, which is why `maxUtilizationPercent` is optional.
public struct MetaUsage: Sendable, Equatable {
    public static let appUsageHeader = "X-App-Usage"
    public static let adAccountUsageHeader = "X-Ad-Account-Usage"
    public static let businessUseCaseUsageHeader = "X-Business-Use-Case-Usage"
    /// Legacy Insights throttle header (yaml: `secondary`).
    public static let insightsThrottleHeader = "x-fb-ads-insights-throttle"

    public var app: AppUsage?
    public var adAccount: AdAccountUsage?
    public var businessUseCases: [BusinessUseCaseUsage]
    public var insightsThrottle: InsightsThrottle?
    /// Names of usage headers that were present but could not be read.
    public var malformedHeaders: [String]

    public init(
        app: AppUsage? = nil,
        adAccount: AdAccountUsage? = nil,
        businessUseCases: [BusinessUseCaseUsage] = [],
        insightsThrottle: InsightsThrottle? = nil,
        malformedHeaders: [String] = []
    ) {
        self.app = app
        self.adAccount = adAccount
        self.businessUseCases = businessUseCases
        self.insightsThrottle = insightsThrottle
        self.malformedHeaders = malformedHeaders
    }

    /// Reads every usage header present. Never throws: a header Meta changes shape of is
    /// listed in `malformedHeaders` rather than failing the call that carried it.
    public init(headers: HTTPHeaderFields) {
        self.init()
        if let value = headers[Self.appUsageHeader] {
            do { app = try AppUsage(headerValue: value) } catch { malformedHeaders.append(Self.appUsageHeader) }
        }
        if let value = headers[Self.adAccountUsageHeader] {
            do { adAccount = try AdAccountUsage(headerValue: value) } catch { malformedHeaders.append(Self.adAccountUsageHeader) }
        }
        if let value = headers[Self.businessUseCaseUsageHeader] {
            do { businessUseCases = try BusinessUseCaseUsage.parse(headerValue: value) } catch {
                malformedHeaders.append(Self.businessUseCaseUsageHeader)
            }
        }
        if let value = headers[Self.insightsThrottleHeader] {
            do { insightsThrottle = try InsightsThrottle(headerValue: value) } catch { malformedHeaders.append(Self.insightsThrottleHeader) }
        }
    }

    /// The highest usage percentage in any header (100 = throttled), or `nil` if none was sent.
    public var maxUtilizationPercent: Double? {
        let values = [app?.maxUtilizationPercent, adAccount?.accountUtilizationPercent, insightsThrottle?.maxUtilizationPercent]
            .compactMap { $0 } + businessUseCases.map(\.maxUtilizationPercent)
        return values.max()
    }

    /// The longest wait Meta announced before calls are allowed again (BUC header, in minutes).
    public var estimatedTimeToRegainAccess: Duration? {
        businessUseCases.map(\.estimatedTimeToRegainAccessMinutes).filter { $0 > 0 }.max().map { .seconds($0 * 60) }
    }

    /// Whether Meta says we are at or over a limit: any usage at 100 %, or a regain time.
    public var isThrottled: Bool {
        (maxUtilizationPercent ?? 0) >= 100 || estimatedTimeToRegainAccess != nil
    }
}

/// `X-App-Usage`: Platform rate limit usage of the app over a rolling hour.
public struct AppUsage: Sendable, Equatable, Decodable {
    public var callCount: Double
    public var totalCPUTime: Double
    public var totalTime: Double

    public init(callCount: Double, totalCPUTime: Double, totalTime: Double) {
        self.callCount = callCount
        self.totalCPUTime = totalCPUTime
        self.totalTime = totalTime
    }

    public init(headerValue: String) throws {
        self = try MetaUsageDecoding.decode(AppUsage.self, from: headerValue)
    }

    public var maxUtilizationPercent: Double { max(callCount, totalCPUTime, totalTime) }

    enum CodingKeys: String, CodingKey {
        case callCount = "call_count", totalCPUTime = "total_cputime", totalTime = "total_time"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        callCount = try container.decodePercent(.callCount) ?? 0
        totalCPUTime = try container.decodePercent(.totalCPUTime) ?? 0
        totalTime = try container.decodePercent(.totalTime) ?? 0
    }
}

/// `X-Ad-Account-Usage`: usage of one ad account's Marketing API budget.
public struct AdAccountUsage: Sendable, Equatable, Decodable {
    public var accountUtilizationPercent: Double
    /// Seconds until usage resets to 0.
    public var resetTimeDuration: Int?
    /// `development_access` or `standard_access`.
    public var accessTier: String?

    public init(accountUtilizationPercent: Double, resetTimeDuration: Int? = nil, accessTier: String? = nil) {
        self.accountUtilizationPercent = accountUtilizationPercent
        self.resetTimeDuration = resetTimeDuration
        self.accessTier = accessTier
    }

    public init(headerValue: String) throws {
        self = try MetaUsageDecoding.decode(AdAccountUsage.self, from: headerValue)
    }

    enum CodingKeys: String, CodingKey {
        case accountUtilizationPercent = "acc_id_util_pct", resetTimeDuration = "reset_time_duration", accessTier = "ads_api_access_tier"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accountUtilizationPercent = try container.decodePercent(.accountUtilizationPercent) ?? 0
        resetTimeDuration = try container.decodePercent(.resetTimeDuration).map { Int($0) }
        accessTier = try container.decodeIfPresent(String.self, forKey: .accessTier)
    }
}

/// One entry of `X-Business-Use-Case-Usage`: `{"<business id>": [{type, call_count, …}]}`.
public struct BusinessUseCaseUsage: Sendable, Equatable, Decodable {
    /// The business object (ad account, page…) the usage belongs to; the header's outer key.
    public var businessID: String
    /// BUC type, e.g. `ads_management`, `ads_insights`, `catalog_management`.
    public var type: String
    public var callCount: Double
    public var totalCPUTime: Double
    public var totalTime: Double
    /// Minutes until calls are allowed again; 0 when not blocked.
    public var estimatedTimeToRegainAccessMinutes: Int64
    public var accessTier: String?

    public init(
        businessID: String, type: String, callCount: Double, totalCPUTime: Double, totalTime: Double,
        estimatedTimeToRegainAccessMinutes: Int64 = 0, accessTier: String? = nil
    ) {
        self.businessID = businessID
        self.type = type
        self.callCount = callCount
        self.totalCPUTime = totalCPUTime
        self.totalTime = totalTime
        self.estimatedTimeToRegainAccessMinutes = estimatedTimeToRegainAccessMinutes
        self.accessTier = accessTier
    }

    public var maxUtilizationPercent: Double { max(callCount, totalCPUTime, totalTime) }

    /// Every entry of every business object in the header, ordered by business id.
    public static func parse(headerValue: String) throws -> [BusinessUseCaseUsage] {
        let byBusiness = try MetaUsageDecoding.decode([String: [BusinessUseCaseUsage]].self, from: headerValue)
        return byBusiness.keys.sorted().flatMap { id in
            byBusiness[id, default: []].map { entry in
                var entry = entry
                entry.businessID = id
                return entry
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case type, callCount = "call_count", totalCPUTime = "total_cputime", totalTime = "total_time"
        case estimatedTimeToRegainAccess = "estimated_time_to_regain_access", accessTier = "ads_api_access_tier"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        businessID = ""
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? "unknown"
        callCount = try container.decodePercent(.callCount) ?? 0
        totalCPUTime = try container.decodePercent(.totalCPUTime) ?? 0
        totalTime = try container.decodePercent(.totalTime) ?? 0
        estimatedTimeToRegainAccessMinutes = Int64(try container.decodePercent(.estimatedTimeToRegainAccess) ?? 0)
        accessTier = try container.decodeIfPresent(String.self, forKey: .accessTier)
    }
}

/// `x-fb-ads-insights-throttle`: `{app_id_util_pct, acc_id_util_pct}` (yaml: `secondary`).
public struct InsightsThrottle: Sendable, Equatable, Decodable {
    public var appUtilizationPercent: Double
    public var accountUtilizationPercent: Double

    public init(appUtilizationPercent: Double, accountUtilizationPercent: Double) {
        self.appUtilizationPercent = appUtilizationPercent
        self.accountUtilizationPercent = accountUtilizationPercent
    }

    public init(headerValue: String) throws {
        self = try MetaUsageDecoding.decode(InsightsThrottle.self, from: headerValue)
    }

    public var maxUtilizationPercent: Double { max(appUtilizationPercent, accountUtilizationPercent) }

    enum CodingKeys: String, CodingKey {
        case appUtilizationPercent = "app_id_util_pct", accountUtilizationPercent = "acc_id_util_pct"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        appUtilizationPercent = try container.decodePercent(.appUtilizationPercent) ?? 0
        accountUtilizationPercent = try container.decodePercent(.accountUtilizationPercent) ?? 0
    }
}

enum MetaUsageDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from headerValue: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(headerValue.utf8))
    }
}

extension KeyedDecodingContainer {
    /// Percentages arrive as integers (`28`), decimals (`9.67`) and, in some reports, strings.
    fileprivate func decodePercent(_ key: Key) throws -> Double? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let number = try? decode(Double.self, forKey: key) { return number }
        let text = try decode(String.self, forKey: key)
        guard let number = Double(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a number: \(text)")
        }
        return number
    }
}
