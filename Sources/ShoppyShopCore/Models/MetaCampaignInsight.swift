import FluentKit
import Foundation

/// Totals of one Meta campaign over the synced window (the seed's table, plus currency and
/// conversion value so spend can be set against revenue).
public final class MetaCampaignInsight: Model, @unchecked Sendable {
    public static let schema = "meta_campaign_insights"

    @ID(key: .id) public var id: UUID?
    @Field(key: "campaign_id") public var campaignID: String
    @Field(key: "name") public var name: String
    @Field(key: "spend") public var spend: StoredDecimal
    @Field(key: "currency") public var currency: String
    @Field(key: "impressions") public var impressions: Int64
    @Field(key: "clicks") public var clicks: Int64
    @Field(key: "conversions") public var conversions: Int64
    @Field(key: "conversion_value") public var conversionValue: StoredDecimal
    @OptionalField(key: "last_synced") public var lastSynced: Date?

    public init() {}

    public init(
        campaignID: String, name: String, spend: Decimal, currency: String, impressions: Int64,
        clicks: Int64, conversions: Int64, conversionValue: Decimal = 0, lastSynced: Date? = nil
    ) {
        self.campaignID = campaignID
        self.name = name
        self.spend = StoredDecimal(spend)
        self.currency = currency
        self.impressions = impressions
        self.clicks = clicks
        self.conversions = conversions
        self.conversionValue = StoredDecimal(conversionValue)
        self.lastSynced = lastSynced
    }
}
