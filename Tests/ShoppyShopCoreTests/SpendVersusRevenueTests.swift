import Foundation
import ShoppyShopCore
import Testing

@Suite struct SpendVersusRevenueTests {
    let now = Date(timeIntervalSince1970: 1_796_000_000) // 2026-11-29T...Z
    func day(_ offset: Int) -> Date { now.addingTimeInterval(-Double(offset) * 86_400) }

    @Test func sumsPerDayAndChannel_andPerProduct_inTheShopCurrencyOnly() {
        let orders = [
            SpendVersusRevenue.Order(channel: "ebay", createdAt: day(0), currency: "USD",
                                     items: [OrderItem(sku: "A", title: "Hat", quantity: 2, unitPrice: Decimal(string: "10.50")!)], total: Decimal(string: "25.99")!),
            SpendVersusRevenue.Order(channel: "shopify", createdAt: day(0), currency: "USD",
                                     items: [OrderItem(sku: "A", title: "Hat", quantity: 1, unitPrice: Decimal(string: "10.50")!)], total: Decimal(string: "10.50")!),
            SpendVersusRevenue.Order(channel: "ebay", createdAt: day(1), currency: "EUR",
                                     items: [OrderItem(sku: "B", title: "Mug", quantity: 1, unitPrice: 9)], total: 9),
            // Outside the 3-day window.
            SpendVersusRevenue.Order(channel: "ebay", createdAt: day(5), currency: "USD", items: [], total: 100),
        ]
        let spend = [
            SpendVersusRevenue.SpendDay(campaignID: "c1", date: SpendVersusRevenue.dayString(day(0)), currency: "USD", spend: Decimal(string: "4.25")!),
            SpendVersusRevenue.SpendDay(campaignID: "c2", date: SpendVersusRevenue.dayString(day(2)), currency: "USD", spend: Decimal(string: "0.75")!),
        ]
        let report = SpendVersusRevenue.compute(orders: orders, spend: spend, campaigns: [], currency: "USD", days: 3, now: now)

        #expect(report.days.map(\.date) == [2, 1, 0].map { SpendVersusRevenue.dayString(day($0)) })
        #expect(report.days.last?.ebay == Decimal(string: "25.99"))
        #expect(report.days.last?.shopify == Decimal(string: "10.50"))
        #expect(report.spend == 5)
        #expect(report.days.first?.spend == Decimal(string: "0.75"))
        #expect(report.otherCurrencyRows == 1)
        #expect(report.products.count == 2)
        #expect(report.products.first { $0.channel == "ebay" }?.revenue == 21)
        #expect(report.products.first { $0.channel == "ebay" }?.units == 2)
        #expect(report.products.first { $0.channel == "shopify" }?.revenue == Decimal(string: "10.50"))
    }

    @Test func campaignRatios_areNilWithoutTheirDenominator() {
        var totals = MetaInsightsMapping.Totals()
        totals.spend = 50
        totals.conversions = 4
        totals.conversionValue = 200
        let campaign = SpendVersusRevenue.Campaign(id: "1", name: "Winter", totals: totals)
        #expect(campaign.costPerConversion == Decimal(string: "12.5"))
        #expect(campaign.roas == 4)
        let idle = SpendVersusRevenue.Campaign(id: "2", name: "Idle", totals: MetaInsightsMapping.Totals())
        #expect(idle.costPerConversion == nil)
        #expect(idle.roas == nil)
    }
}
