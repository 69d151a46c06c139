import Foundation
import MetaAPI

/// Pure mapping from Meta's answers to what we store: no database, no network.
public enum MetaInsightsMapping {
    /// The key a day row is upserted by: Meta restates recent days, so the same
    /// (campaign, day) arrives again with new figures and must replace, not add.
    public struct DayKey: Hashable, Sendable {
        public var campaignID: String
        public var date: String
    }

    public static func key(_ day: MetaCampaignDay) -> DayKey {
        DayKey(campaignID: day.campaignID, date: day.day.description)
    }

    /// Copies Meta's figures onto a stored day row (new or existing).
    public static func apply(_ day: MetaCampaignDay, currency: String, to row: MetaInsightDay, at now: Date) {
        row.campaignID = day.campaignID
        row.date = day.day.description
        row.spend = StoredDecimal(day.spend)
        row.currency = day.currency ?? currency
        row.impressions = day.impressions
        row.clicks = day.clicks
        row.conversions = day.purchases
        row.conversionValue = StoredDecimal(day.purchaseValue)
        row.lastSynced = now
    }

    /// A campaign's totals over its stored days.
    public struct Totals: Sendable, Equatable {
        public var spend: Decimal = 0
        public var impressions: Int64 = 0
        public var clicks: Int64 = 0
        public var conversions: Int64 = 0
        public var conversionValue: Decimal = 0
        public var currency: String?

        public init() {}
    }

    public static func totals(_ days: [MetaInsightDay]) -> [String: Totals] {
        var totals: [String: Totals] = [:]
        for day in days {
            var total = totals[day.campaignID, default: Totals()]
            total.spend += day.spend.value
            total.impressions += day.impressions
            total.clicks += day.clicks
            total.conversions += day.conversions
            total.conversionValue += day.conversionValue.value
            total.currency = total.currency ?? day.currency
            totals[day.campaignID] = total
        }
        return totals
    }

    /// The status we keep for a catalog item: Meta's review status, with "" (not reviewed
    /// yet) shown as "pending", and items with errors marked so the dashboard can flag them.
    public static func status(of product: MetaCatalogProduct) -> String {
        let review = (product.reviewStatus ?? "").isEmpty ? "pending" : product.reviewStatus!
        return product.errors.isEmpty ? review : "\(review) (\(product.errors.count) error\(product.errors.count == 1 ? "" : "s"))"
    }

    public static func insights(_ engagement: MetaProductEngagement?) -> CatalogInsights {
        guard let engagement else { return CatalogInsights() }
        return CatalogInsights(impressions: engagement.impressions, clicks: engagement.clicks, purchases: 0, spend: engagement.spend)
    }
}
