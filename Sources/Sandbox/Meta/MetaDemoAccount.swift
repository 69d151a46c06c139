import Foundation

/// The demo ad account, its business, catalog and campaigns, derived from the demo store so
/// spend and revenue line up: catalog items are the store's active variants (retailer_id =
/// SKU), and a campaign's purchases are purchases of its promoted items at their prices.
/// Everything is a pure function of (store, seed, day, restatement).
struct MetaDemoAccount: Sendable {
    static let accountID = "100000000000001"
    static let businessID = "200000000000001"
    static let catalogID = "300000000000001"
    static let itemIDBase: Int64 = 400_000_000_000_000
    static let currency = "USD"
    /// Meta's `product_id_limit` idea: breakdown rows for at most this many products.
    static let breakdownProducts = 200

    struct Item: Sendable {
        var id: String
        var retailerID: String
        var name: String
        var availability: String
        var reviewStatus: String
        var errors: [[String: String]]
        var priceCents: Int
    }

    struct Campaign: Sendable {
        var id: String
        var name: String
        /// Days since 1970-01-01 of the first day with delivery.
        var startDay: Int
        var impressions: ClosedRange<Int>
        /// Clicks per thousand impressions.
        var ctrPermille: ClosedRange<Int>
        /// Cost per thousand impressions, in cents.
        var cpmCents: ClosedRange<Int>
        /// Purchases per thousand clicks.
        var conversionPermille: ClosedRange<Int>
        /// Indices into `items` of what the campaign promotes (and what its buyers buy).
        var items: [Int]
    }

    struct DayFigures: Sendable, Equatable {
        var impressions: Int
        var clicks: Int
        var spendCents: Int
        var purchases: Int
        var valueCents: Int
    }

    let seed: UInt64
    let items: [Item]
    let campaigns: [Campaign]

    init(store: DemoStore) {
        seed = SplitMix64.mix(store.seed, 3)
        var items: [Item] = []
        var apparel: [Int] = []
        for product in store.products where product.status == .active {
            for variant in product.variants {
                var random = SplitMix64(seed: SplitMix64.mix(seed, UInt64(variant.id)))
                let roll = random.below(100)
                let review = roll < 88 ? "approved" : roll < 95 ? "pending" : "rejected"
                let errors: [[String: String]] = review == "rejected"
                    ? [["title": "Image quality too low", "description": "The item's image is too small or blurry to show in ads.",
                        "error_type": "BAD_QUALITY_IMAGE", "error_priority": "HIGH"]]
                    : []
                if product.productType == "Apparel" { apparel.append(items.count) }
                items.append(Item(
                    id: String(Self.itemIDBase + Int64(items.count) + 1),
                    retailerID: variant.sku,
                    name: variant.title == "Default Title" ? product.title : "\(product.title) - \(variant.title)",
                    availability: variant.inventoryQuantity > 0 ? "in stock" : "out of stock",
                    reviewStatus: review,
                    errors: errors,
                    priceCents: NSDecimalNumber(decimal: variant.price * 100).intValue
                ))
            }
        }
        self.items = items
        let all = Array(items.indices.prefix(Self.breakdownProducts))
        let everyFifth = Array(stride(from: 0, to: items.count, by: 5).prefix(Self.breakdownProducts))
        let start = SandboxDay("2025-01-06")!.ordinal
        campaigns = [
            Campaign(id: "120200000000000101", name: "Advantage+ Catalog - All Products", startDay: start,
                     impressions: 2_000...6_000, ctrPermille: 12...20, cpmCents: 700...1_100, conversionPermille: 20...45, items: all),
            Campaign(id: "120200000000000102", name: "Spring Apparel Sale", startDay: start + 54,
                     impressions: 1_000...3_500, ctrPermille: 9...16, cpmCents: 800...1_300, conversionPermille: 15...35,
                     items: Array(apparel.prefix(Self.breakdownProducts))),
            Campaign(id: "120200000000000103", name: "Retargeting - Viewed, Not Bought", startDay: start + 14,
                     impressions: 400...1_200, ctrPermille: 20...35, cpmCents: 1_200...1_800, conversionPermille: 50...90, items: everyFifth),
            Campaign(id: "120200000000000104", name: "Brand Awareness - Video", startDay: start,
                     impressions: 5_000...12_000, ctrPermille: 3...6, cpmCents: 300...500, conversionPermille: 0...0, items: []),
        ]
    }

    /// A campaign's figures for one day; nil before it started. Days within `restatedDays`
    /// of `today` move with `restatement`, as Meta's late attribution moves them.
    func figures(_ campaign: Campaign, day: Int, today: Int, restatement: Int, restatedDays: Int) -> DayFigures? {
        guard day >= campaign.startDay, day <= today else { return nil }
        var random = SplitMix64(seed: SplitMix64.mix(SplitMix64.mix(seed, UInt64(campaign.id)!), UInt64(day)))
        var impressions = random.int(in: campaign.impressions)
        var clicks = impressions * random.int(in: campaign.ctrPermille) / 1_000
        var spendCents = impressions * random.int(in: campaign.cpmCents) / 1_000
        var purchases = campaign.items.isEmpty ? 0 : clicks * random.int(in: campaign.conversionPermille) / 1_000
        let late = today - day < restatedDays ? restatement : 0
        impressions += 17 * late
        clicks += late
        spendCents += 23 * late
        if !campaign.items.isEmpty { purchases += late }
        var valueCents = 0
        for _ in 0..<purchases {
            valueCents += items[campaign.items[random.below(campaign.items.count)]].priceCents
        }
        return DayFigures(impressions: impressions, clicks: clicks, spendCents: spendCents, purchases: purchases, valueCents: valueCents)
    }

    /// On-Meta engagement with one promoted item of the catalog campaign on one day.
    func productFigures(item index: Int, day: Int, today: Int) -> DayFigures? {
        let campaign = campaigns[0]
        guard day >= campaign.startDay, day <= today else { return nil }
        var random = SplitMix64(seed: SplitMix64.mix(SplitMix64.mix(seed, UInt64(index) + 7), UInt64(day)))
        let impressions = random.int(in: 0...80)
        let clicks = impressions * random.int(in: campaign.ctrPermille) / 1_000
        let spendCents = impressions * random.int(in: campaign.cpmCents) / 1_000
        return DayFigures(impressions: impressions, clicks: clicks, spendCents: spendCents, purchases: 0, valueCents: 0)
    }

    var diagnostics: [[String: Any]] {
        let rejected = items.filter { $0.reviewStatus == "rejected" }.count
        let outOfStock = items.filter { $0.availability == "out of stock" }.count
        var groups: [[String: Any]] = []
        if rejected > 0 {
            groups.append(["type": "IMAGE_QUALITY", "severity": "MUST_FIX", "title": "Items rejected for image quality",
                           "affected_entity": "product_item", "number_of_affected_items": rejected])
        }
        if outOfStock > 0 {
            groups.append(["type": "DA_VISIBILITY_ISSUES", "severity": "OPPORTUNITY", "title": "Out-of-stock items are not shown in ads",
                           "affected_entity": "product_item", "number_of_affected_items": outOfStock])
        }
        return groups
    }
}

/// A calendar day as days since 1970-01-01 (UTC), written "YYYY-MM-DD" as Meta does.
struct SandboxDay: Sendable, Hashable {
    let ordinal: Int

    init(ordinal: Int) { self.ordinal = ordinal }

    init(_ date: Date) { ordinal = Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    init?(_ text: String) {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10,
              let date = Self.calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
              Self.calendar.component(.day, from: date) == parts[2]
        else { return nil }
        self.init(date)
    }

    var text: String {
        let parts = Self.calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(ordinal) * 86_400))
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
