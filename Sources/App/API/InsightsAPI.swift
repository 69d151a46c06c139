import Fluent
import Foundation
import ShoppyShopCore
import Vapor

/// `GET /api/v1/insights?days=N`: Meta campaign figures summed over the stored days of the
/// window (the same sum the sync keeps for its own window, over the window asked for).
enum InsightsAPI {
    struct InsightsDTO: Encodable {
        var days: Int
        var since: String
        var lastSyncedDay: String?
        var campaigns: [CampaignDTO]
        var revenue: RevenueDTO
    }

    struct RevenueDTO: Encodable {
        var ebay: MoneyDTO
        var shopify: MoneyDTO
        var metaSpend: MoneyDTO
        var otherCurrencyRows: Int
    }

    struct CampaignDTO: Encodable {
        var campaignId: String
        var name: String
        var spend: MoneyDTO
        var impressions: Int64
        var clicks: Int64
        var conversions: Int64
        var conversionValue: MoneyDTO
    }

    @Sendable
    static func show(req: Request) async throws -> Response {
        let days = try PageQuery.int(req, "days") ?? 30
        // Meta keeps insights for 37 months.
        guard (1...1_095).contains(days) else { throw APIError.invalid("days must be between 1 and 1095") }
        let since = SpendVersusRevenue.dayString(Date().addingTimeInterval(-Double(days - 1) * 86_400))
        let rows = try await MetaInsightDay.query(on: req.db).filter(\.$date >= since).all()
        let names = Dictionary(try await MetaCampaignInsight.query(on: req.db).all().map { ($0.campaignID, $0.name) }) { a, _ in a }
        let campaigns = MetaInsightsMapping.totals(rows).sorted { $0.key < $1.key }.map { id, total in
            let currency = total.currency ?? "USD"
            return CampaignDTO(
                campaignId: id, name: names[id] ?? id, spend: MoneyDTO(total.spend, currency), impressions: total.impressions,
                clicks: total.clicks, conversions: total.conversions, conversionValue: MoneyDTO(total.conversionValue, currency))
        }
        let report = try await SpendVersusRevenue.load(on: req.db, days: days)
        let revenue = RevenueDTO(ebay: MoneyDTO(report.ebayRevenue, report.currency), shopify: MoneyDTO(report.shopifyRevenue, report.currency),
                                 metaSpend: MoneyDTO(report.spend, report.currency), otherCurrencyRows: report.otherCurrencyRows)
        return try APIJSON.response(InsightsDTO(
            days: days, since: since, lastSyncedDay: try await MetaSyncStatus.lastSyncedDay(on: req.db), campaigns: campaigns, revenue: revenue))
    }
}
