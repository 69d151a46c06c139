import FluentKit
import Foundation

/// Meta ad spend next to revenue per channel, per UTC day and per product, over a window.
/// Pure over its inputs (`compute`); `load` reads them from the database.
public struct SpendVersusRevenue: Sendable, Equatable {
    public struct Day: Sendable, Equatable {
        /// "2026-12-01" (UTC).
        public var date: String
        public var ebay: Decimal = 0
        public var shopify: Decimal = 0
        public var spend: Decimal = 0
    }

    public struct ProductLine: Sendable, Equatable {
        public var key: String
        public var title: String
        public var channel: String
        public var units: Int
        public var revenue: Decimal
    }

    public struct Campaign: Sendable, Equatable {
        public var id: String
        public var name: String
        public var totals: MetaInsightsMapping.Totals

        public init(id: String, name: String, totals: MetaInsightsMapping.Totals) {
            self.id = id
            self.name = name
            self.totals = totals
        }

        /// Spend per conversion; nil without conversions.
        public var costPerConversion: Decimal? { totals.conversions > 0 ? totals.spend / Decimal(totals.conversions) : nil }
        /// Conversion value per unit of spend; nil without spend.
        public var roas: Decimal? { totals.spend > 0 ? totals.conversionValue / totals.spend : nil }
    }

    public var currency: String
    public var days: [Day]
    public var products: [ProductLine]
    public var campaigns: [Campaign]
    /// Orders or spend in another currency than `currency`, left out of the sums.
    public var otherCurrencyRows: Int

    public var ebayRevenue: Decimal { days.reduce(0) { $0 + $1.ebay } }
    public var shopifyRevenue: Decimal { days.reduce(0) { $0 + $1.shopify } }
    public var spend: Decimal { days.reduce(0) { $0 + $1.spend } }

    public struct Order: Sendable {
        public var channel: String
        public var createdAt: Date
        public var currency: String
        public var items: [OrderItem]
        public var total: Decimal

        public init(channel: String, createdAt: Date, currency: String, items: [OrderItem], total: Decimal) {
            self.channel = channel
            self.createdAt = createdAt
            self.currency = currency
            self.items = items
            self.total = total
        }
    }

    public struct SpendDay: Sendable {
        public var campaignID: String
        public var date: String
        public var currency: String
        public var spend: Decimal

        public init(campaignID: String, date: String, currency: String, spend: Decimal) {
            self.campaignID = campaignID
            self.date = date
            self.currency = currency
            self.spend = spend
        }
    }

    public static func dayString(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// - Parameters: `days` UTC days ending with the day of `now`.
    public static func compute(orders: [Order], spend: [SpendDay], campaigns: [Campaign], currency: String, days: Int, now: Date) -> SpendVersusRevenue {
        let dates = (0..<max(1, days)).reversed().map { dayString(now.addingTimeInterval(-Double($0) * 86_400)) }
        var byDate = Dictionary(uniqueKeysWithValues: dates.map { ($0, Day(date: $0)) })
        var lines: [String: ProductLine] = [:]
        var other = 0
        for order in orders {
            let date = dayString(order.createdAt)
            guard byDate[date] != nil else { continue }
            guard order.currency == currency else { other += 1; continue }
            if order.channel == "ebay" { byDate[date]?.ebay += order.total } else { byDate[date]?.shopify += order.total }
            for item in order.items {
                let key = (item.sku ?? item.title) + "\u{1}" + order.channel
                var line = lines[key] ?? ProductLine(key: item.sku ?? item.title, title: item.title, channel: order.channel, units: 0, revenue: 0)
                line.units += item.quantity
                line.revenue += item.unitPrice.value * Decimal(item.quantity)
                lines[key] = line
            }
        }
        for day in spend where byDate[day.date] != nil {
            guard day.currency == currency else { other += 1; continue }
            byDate[day.date]?.spend += day.spend
        }
        return SpendVersusRevenue(
            currency: currency, days: dates.compactMap { byDate[$0] },
            products: lines.values.sorted { ($0.revenue, $1.key) > ($1.revenue, $0.key) },
            campaigns: campaigns.sorted { ($0.totals.spend, $1.name) > ($1.totals.spend, $0.name) },
            otherCurrencyRows: other)
    }

    public static func load(on db: any Database, days: Int, now: Date = Date()) async throws -> SpendVersusRevenue {
        let since = now.addingTimeInterval(-Double(days) * 86_400)
        let ebay = try await EbayOrder.query(on: db).filter(\.$createdAt >= since).all()
        // Shopify orders we created for eBay orders are eBay revenue, counted once, there.
        let linked = Set(try await OrderLink.query(on: db).filter(\.$shopifyOrderID != nil).all().compactMap(\.shopifyOrderID))
        let shopify = try await ShopifyOrder.query(on: db).filter(\.$createdAt >= since).all().filter { !linked.contains($0.shopifyID) }
        let firstDay = dayString(since)
        let spendRows = try await MetaInsightDay.query(on: db).filter(\.$date >= firstDay).all()
        let names = Dictionary(try await MetaCampaignInsight.query(on: db).all().map { ($0.campaignID, $0.name) }, uniquingKeysWith: { first, _ in first })
        let campaigns = MetaInsightsMapping.totals(spendRows).map { Campaign(id: $0.key, name: names[$0.key] ?? $0.key, totals: $0.value) }
        let currency = try await ShopifyProduct.query(on: db).first()?.currency ?? ebay.first?.currency ?? "USD"
        let orders = ebay.map { Order(channel: "ebay", createdAt: $0.createdAt, currency: $0.currency, items: $0.itemList.elements, total: $0.orderTotal.value) }
            + shopify.map { Order(channel: "shopify", createdAt: $0.createdAt, currency: $0.currency, items: $0.itemList.elements, total: $0.totalPrice.value) }
        return compute(orders: orders, spend: spendRows.map { SpendDay(campaignID: $0.campaignID, date: $0.date, currency: $0.currency, spend: $0.spend.value) },
                       campaigns: campaigns, currency: currency, days: days, now: now)
    }
}
