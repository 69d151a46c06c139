import Foundation

/// One `AdsActionStats` entry of `actions` / `action_values`: `{action_type, value}`.
struct MetaActionStat: Decodable, Sendable {
    var actionType: String?
    var value: String?

    enum CodingKeys: String, CodingKey { case actionType = "action_type", value }
}

/// An `AdsInsights` row as the wire has it: every number a string.
struct MetaInsightsRow: Decodable, Sendable {
    var campaignID: String?
    var campaignName: String?
    var accountCurrency: String?
    var spend: String?
    var impressions: String?
    var clicks: String?
    var actions: [MetaActionStat]?
    var actionValues: [MetaActionStat]?
    var dateStart: String?
    var dateStop: String?
    /// Present only with `breakdowns=product_id`.
    var productID: String?

    enum CodingKeys: String, CodingKey {
        case campaignID = "campaign_id", campaignName = "campaign_name", accountCurrency = "account_currency"
        case spend, impressions, clicks, actions, actionValues = "action_values"
        case dateStart = "date_start", dateStop = "date_stop", productID = "product_id"
    }
}

/// One campaign on one day, with exact money.
public struct MetaCampaignDay: Sendable, Equatable {
    public var campaignID: String
    public var campaignName: String
    /// `date_start`, which with `time_increment=1` is also `date_stop`.
    public var day: MetaDay
    public var currency: String?
    public var spend: Decimal
    public var impressions: Int64
    public var clicks: Int64
    /// Purchases, from `actions` (see `MetaPurchases`).
    public var purchases: Int64
    /// Purchase value in the account currency, from `action_values`.
    public var purchaseValue: Decimal

    public init(
        campaignID: String, campaignName: String, day: MetaDay, currency: String?, spend: Decimal,
        impressions: Int64, clicks: Int64, purchases: Int64, purchaseValue: Decimal
    ) {
        self.campaignID = campaignID
        self.campaignName = campaignName
        self.day = day
        self.currency = currency
        self.spend = spend
        self.impressions = impressions
        self.clicks = clicks
        self.purchases = purchases
        self.purchaseValue = purchaseValue
    }
}

/// Which action types count as a purchase. Meta reports the same purchase under several
/// overlapping types (`omni_purchase` is the cross-channel total that includes the pixel's
/// `offsite_conversion.fb_pixel_purchase` and on-Meta `onsite_web_purchase`), so summing
/// them would count one sale two or three times: take the first type present, in order.
enum MetaPurchases {
    static let preference = ["omni_purchase", "purchase", "offsite_conversion.fb_pixel_purchase"]

    static func pick(_ stats: [MetaActionStat]?) -> String? {
        guard let stats else { return nil }
        for type in preference {
            if let stat = stats.first(where: { $0.actionType == type }) { return stat.value }
        }
        return nil
    }
}

extension MetaCampaignDay {
    init(row: MetaInsightsRow) throws {
        guard let campaignID = row.campaignID, let dateText = row.dateStart, let day = MetaDay(dateText) else {
            throw MetaAPIError.decoding(operation: "campaignInsights", "row without campaign_id or date_start")
        }
        guard let spend = MetaNumber.decimal(row.spend ?? "0") else {
            throw MetaAPIError.decoding(operation: "campaignInsights", "spend is not a decimal: \(row.spend ?? "")")
        }
        guard let value = MetaNumber.decimal(MetaPurchases.pick(row.actionValues) ?? "0") else {
            throw MetaAPIError.decoding(operation: "campaignInsights", "purchase value is not a decimal")
        }
        self.init(
            campaignID: campaignID, campaignName: row.campaignName ?? campaignID, day: day, currency: row.accountCurrency,
            spend: spend, impressions: MetaNumber.count(row.impressions) ?? 0, clicks: MetaNumber.count(row.clicks) ?? 0,
            purchases: MetaNumber.count(MetaPurchases.pick(row.actions)) ?? 0, purchaseValue: value
        )
    }
}
