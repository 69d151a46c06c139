import Foundation
import Plot

/// Meta campaigns, and ad spend next to revenue per channel and per product.
public enum InsightsPage {
    public struct Day: Sendable, Equatable {
        public var date: String
        public var ebay: Decimal
        public var shopify: Decimal
        public var spend: Decimal

        public init(date: String, ebay: Decimal, shopify: Decimal, spend: Decimal) {
            self.date = date
            self.ebay = ebay
            self.shopify = shopify
            self.spend = spend
        }
    }

    public struct Campaign: Sendable, Equatable {
        public var name: String
        public var spend: MoneyText
        public var impressions: Int64
        public var clicks: Int64
        public var conversions: Int64
        public var costPerConversion: MoneyText?
        /// Conversion value ÷ spend, e.g. "3.40".
        public var roas: String?

        public init(name: String, spend: MoneyText, impressions: Int64, clicks: Int64, conversions: Int64, costPerConversion: MoneyText?, roas: String?) {
            self.name = name
            self.spend = spend
            self.impressions = impressions
            self.clicks = clicks
            self.conversions = conversions
            self.costPerConversion = costPerConversion
            self.roas = roas
        }
    }

    public struct ProductLine: Sendable, Equatable {
        public var sku: String
        public var title: String
        public var channel: String
        public var units: Int
        public var revenue: MoneyText

        public init(sku: String, title: String, channel: String, units: Int, revenue: MoneyText) {
            self.sku = sku
            self.title = title
            self.channel = channel
            self.units = units
            self.revenue = revenue
        }
    }

    public struct Model: Sendable, Equatable {
        public var chrome: Chrome
        public var window: Int
        public var currency: String
        public var days: [Day]
        public var campaigns: [Campaign]
        public var products: [ProductLine]
        public var otherCurrencyRows: Int
        public var lastSyncedDay: String?

        public init(chrome: Chrome, window: Int, currency: String, days: [Day], campaigns: [Campaign], products: [ProductLine],
                    otherCurrencyRows: Int, lastSyncedDay: String?) {
            self.chrome = chrome
            self.window = window
            self.currency = currency
            self.days = days
            self.campaigns = campaigns
            self.products = products
            self.otherCurrencyRows = otherCurrencyRows
            self.lastSyncedDay = lastSyncedDay
        }
    }

    public static func render(_ model: Model) -> String {
        Formatting.zoned(model.chrome) {
            let ebay = model.days.reduce(Decimal(0)) { $0 + $1.ebay }, shopify = model.days.reduce(Decimal(0)) { $0 + $1.shopify }
            let spend = model.days.reduce(Decimal(0)) { $0 + $1.spend }
            return Layout.render(
                title: "Insights", chrome: model.chrome, current: .insights,
                content: .group(
                    .h1(.text("Insights")),
                    .nav(.class("tabs"), .ariaLabel("Window"), .ul(.forEach([7, 30, 90]) { days in
                        .li(.a(.href("/insights?days=\(days)"), .if(days == model.window, .attribute(named: "aria-current", value: "page")), .text("\(days) days")))
                    })),
                    .p(.class("lede"), .text("Meta figures are read-only, as of \(model.lastSyncedDay ?? "no sync yet"). Revenue counts paid orders per UTC day in \(model.currency)."),
                       .if(model.otherCurrencyRows > 0, .text(" \(model.otherCurrencyRows) row(s) in other currencies are left out."))),
                    .ul(.class("counts"),
                        tile("eBay revenue", MoneyText(ebay, model.currency).text, "ebay"),
                        tile("Shopify revenue", MoneyText(shopify, model.currency).text, "shopify"),
                        tile("Meta ad spend", MoneyText(spend, model.currency).text, "spend"),
                        tile("Revenue per ad dollar", spend > 0 ? ratio((ebay + shopify) / spend) : Formatting.none, "roas")),
                    .section(
                        .id("spend-vs-revenue"),
                        .h2(.text("Spend versus revenue, last \(model.window) days")),
                        chart(model),
                        .p(.a(.href("/insights.csv?days=\(model.window)"), .attribute(named: "download", value: "insights.csv"), .text("Download as CSV")))
                    ),
                    .section(
                        .h2(.text("Campaigns")),
                        Components.table(
                            ["Campaign", "Spend", "Impressions", "Clicks", "Conversions", "Cost per conversion", "ROAS"],
                            model.campaigns.map { campaign in
                                .tr(.td(.text(campaign.name)), .td(.class("num"), .text(campaign.spend.text)),
                                    .td(.class("num"), .text(String(campaign.impressions))), .td(.class("num"), .text(String(campaign.clicks))),
                                    .td(.class("num"), .text(String(campaign.conversions))),
                                    .td(.class("num"), .text(campaign.costPerConversion?.text ?? Formatting.none)),
                                    .td(.class("num"), .text(campaign.roas ?? Formatting.none)))
                            },
                            empty: "No campaign figures yet: the Meta sync reads them daily.")
                    ),
                    .section(
                        .h2(.text("Revenue per product and channel")),
                        Components.table(
                            ["SKU", "Product", "Channel", "Units", "Revenue"],
                            model.products.map { line in
                                .tr(.td(.code(.text(line.sku))), .td(.text(line.title)), .td(.text(line.channel)),
                                    .td(.class("num"), .text(String(line.units))), .td(.class("num"), .text(line.revenue.text)))
                            },
                            empty: "No orders in this window.")
                    )
                ))
        }
    }

    static func chart(_ model: Model) -> Node<HTML.BodyContext> {
        Charts.barsWithLine(
            title: "eBay and Shopify revenue per day (bars) and Meta ad spend (line), \(model.currency)",
            labels: model.days.map(\.date),
            bars: [Charts.Series(label: "eBay revenue", css: "series-ebay", values: model.days.map(\.ebay)),
                   Charts.Series(label: "Shopify revenue", css: "series-shopify", values: model.days.map(\.shopify))],
            line: Charts.Series(label: "Meta ad spend", css: "series-spend", values: model.days.map(\.spend)),
            currency: model.currency)
    }

    static func tile(_ label: String, _ value: String, _ kind: String) -> Node<HTML.ListContext> {
        .li(.class("count count-\(kind)"), .span(.class("count-value"), .text(value)), .span(.class("count-label"), .text(label)))
    }

    public static func ratio(_ value: Decimal) -> String {
        var value = value, rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        return "\(rounded)"
    }

    /// The window's days as CSV (RFC 4180), amounts as plain decimals.
    public static func csv(_ model: Model) -> String {
        var lines = ["date,ebay_revenue,shopify_revenue,meta_spend,currency"]
        for day in model.days { lines.append("\(day.date),\(day.ebay),\(day.shopify),\(day.spend),\(model.currency)") }
        lines.append("")
        lines.append("campaign,spend,impressions,clicks,conversions")
        for campaign in model.campaigns {
            lines.append("\(quoted(campaign.name)),\(campaign.spend.amount),\(campaign.impressions),\(campaign.clicks),\(campaign.conversions)")
        }
        lines.append("")
        lines.append("sku,product,channel,units,revenue")
        for line in model.products { lines.append("\(quoted(line.sku)),\(quoted(line.title)),\(line.channel),\(line.units),\(line.revenue.amount)") }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Quoted when needed; a leading = + - @ is prefixed so a spreadsheet never runs it as a formula.
    static func quoted(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
