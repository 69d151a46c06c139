import FluentKit
import Foundation

/// One campaign on one day, for charts. Meta restates recent days, so rows are upserted by
/// (campaign_id, date).
public final class MetaInsightDay: Model, @unchecked Sendable {
    public static let schema = "meta_insight_days"

    @ID(key: .id) public var id: UUID?
    @Field(key: "campaign_id") public var campaignID: String
    /// The ad account's calendar day, "YYYY-MM-DD" as Meta reports `date_start`.
    @Field(key: "date") public var date: String
    @Field(key: "spend") public var spend: StoredDecimal
    @Field(key: "currency") public var currency: String
    @Field(key: "impressions") public var impressions: Int64
    @Field(key: "clicks") public var clicks: Int64
    @Field(key: "conversions") public var conversions: Int64
    @Field(key: "conversion_value") public var conversionValue: StoredDecimal
    @Field(key: "last_synced") public var lastSynced: Date

    public init() {}

    public init(
        campaignID: String, date: String, spend: Decimal, currency: String, impressions: Int64,
        clicks: Int64, conversions: Int64, conversionValue: Decimal, lastSynced: Date
    ) {
        self.campaignID = campaignID
        self.date = date
        self.spend = StoredDecimal(spend)
        self.currency = currency
        self.impressions = impressions
        self.clicks = clicks
        self.conversions = conversions
        self.conversionValue = StoredDecimal(conversionValue)
        self.lastSynced = lastSynced
    }
}
