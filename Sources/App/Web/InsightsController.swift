import Foundation
import ShoppyShopCore
import Vapor
import Views

/// `/insights` and `/insights.csv`.
enum InsightsController: WebPage {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("insights", use: show)
        routes.get("insights.csv", use: csv)
    }

    static func model(_ req: Request) async throws -> InsightsPage.Model {
        let days = min(366, max(1, req.query[Int.self, at: "days"] ?? 30))
        let report = try await SpendVersusRevenue.load(on: req.db, days: days)
        let currency = report.currency
        return InsightsPage.Model(
            chrome: Chrome(req), window: days, currency: currency,
            days: report.days.map { InsightsPage.Day(date: $0.date, ebay: $0.ebay, shopify: $0.shopify, spend: $0.spend) },
            campaigns: report.campaigns.map { campaign in
                let money = campaign.totals.currency ?? currency
                return InsightsPage.Campaign(
                    name: campaign.name, spend: MoneyText(campaign.totals.spend, money), impressions: campaign.totals.impressions,
                    clicks: campaign.totals.clicks, conversions: campaign.totals.conversions,
                    costPerConversion: campaign.costPerConversion.map { MoneyText($0, money) },
                    roas: campaign.roas.map { InsightsPage.ratio($0) })
            },
            products: report.products.map { InsightsPage.ProductLine(sku: $0.key, title: $0.title, channel: $0.channel, units: $0.units, revenue: MoneyText($0.revenue, currency)) },
            otherCurrencyRows: report.otherCurrencyRows,
            lastSyncedDay: try await MetaSyncStatus.lastSyncedDay(on: req.db))
    }

    @Sendable
    static func show(req: Request) async throws -> Response {
        .html(InsightsPage.render(try await model(req)))
    }

    @Sendable
    static func csv(req: Request) async throws -> Response {
        let model = try await model(req)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.add(name: .contentDisposition, value: "attachment; filename=\"shoppyshop-insights-\(model.window)d.csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: InsightsPage.csv(model)))
    }
}
