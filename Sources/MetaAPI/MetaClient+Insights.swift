import Foundation

extension MetaClient {
    /// `get_campaign_insights`: daily rows per campaign over `range`, from
    /// `GET /act_{id}/insights?level=campaign&time_increment=1&time_range=…`, every page of
    /// every window. Meta restates recent days, so callers re-read the last few days each run
    /// and upsert by (campaign, day).
    public func getCampaignInsights(_ range: MetaDayRange) async throws -> [MetaCampaignDay] {
        var days: [MetaCampaignDay] = []
        for window in range.windows(maxDays: configuration.insightsWindowDays) {
            let (rows, _) = try await getAll(
                "\(configuration.accountPath)/insights",
                [
                    ("level", "campaign"),
                    ("time_increment", "1"),
                    ("time_range", window.timeRangeParameter),
                    ("fields", MetaRequestedFields.campaignInsights.joined(separator: ",")),
                ],
                operation: "campaignInsights", as: MetaInsightsRow.self
            )
            days += try rows.map(MetaCampaignDay.init(row:))
        }
        return days
    }

    /// Per-product engagement from `breakdowns=product_id` at account level, summed over the
    /// windows of `range`. Nil when Meta refuses the breakdown (code 100: the account runs
    /// no catalog ads), which is "not available", not a failure of the sync.
    public func getProductEngagement(_ range: MetaDayRange) async throws -> [String: MetaProductEngagement]? {
        var totals: [String: MetaProductEngagement] = [:]
        for window in range.windows(maxDays: configuration.insightsWindowDays) {
            let rows: [MetaInsightsRow]
            do {
                rows = try await getAll(
                    "\(configuration.accountPath)/insights",
                    [
                        ("level", "account"),
                        ("breakdowns", "product_id"),
                        ("time_range", window.timeRangeParameter),
                        ("fields", MetaRequestedFields.productInsights.joined(separator: ",")),
                    ],
                    operation: "productInsights", as: MetaInsightsRow.self
                ).rows
            } catch MetaAPIError.graph(let error, _) where error.code == 100 {
                return nil
            }
            for row in rows {
                guard let key = Self.productKey(row.productID) else { continue }
                var total = totals[key, default: MetaProductEngagement()]
                total.impressions += MetaNumber.count(row.impressions) ?? 0
                total.clicks += MetaNumber.count(row.clicks) ?? 0
                total.spend += MetaNumber.decimal(row.spend ?? "0") ?? 0
                totals[key] = total
            }
        }
        return totals
    }

    /// The product item id of a `product_id` breakdown value. Reports show it as
    /// "<id>, <product name>"; only the part before the first comma is the id (unverified
    /// against a live answer, so a bare id is accepted too).
    static func productKey(_ value: String?) -> String? {
        guard let value, let first = value.split(separator: ",", maxSplits: 1).first else { return nil }
        let id = first.trimmingCharacters(in: .whitespaces)
        return id.isEmpty ? nil : id
    }
}
