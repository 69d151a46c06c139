import Foundation
import Vapor

extension MetaSandbox {
    /// `GET /act_{id}/insights`: `level` (account or campaign; adset and ad answer as campaign,
    /// the demo has one ad set per campaign), `time_increment` (1 or all_days), `time_range`
    /// (default: Meta's `last_30d`), `breakdowns=product_id`, `fields` checked against
    /// AdsInsights, then cursor paging.
    func insights(query: [String: String], trace: String) -> Response {
        let today = SandboxDay(controls.today ?? Date()).ordinal
        let settings = controls.settings
        let restatement = controls.state.current.restatement

        let fields: [String]
        switch requestedFields(query, type: "AdsInsights", defaults: ["date_start", "date_stop", "impressions", "spend"]) {
        case .failure(let error): return MetaGraphResponses.invalidInsightsField(error.name, trace: trace)
        case .success(let names): fields = names
        }
        let level = query["level"] ?? "account"
        guard ["account", "campaign", "adset", "ad"].contains(level) else {
            return MetaGraphResponses.invalidParameter("Param level must be one of {ad, adset, campaign, account}", trace: trace)
        }
        let daily: Bool
        switch query["time_increment"] ?? "all_days" {
        case "1": daily = true
        case "all_days": daily = false
        case let other: return MetaGraphResponses.invalidParameter("The sandbox serves time_increment 1 or all_days, not \(other)", trace: trace)
        }
        let breakdowns = query["breakdowns"].map { $0.split(separator: ",").map(String.init) } ?? []
        guard breakdowns.allSatisfy({ $0 == "product_id" }) else {
            return MetaGraphResponses.invalidParameter("The sandbox serves breakdowns=product_id only", trace: trace)
        }
        var since = today - 30
        var until = today - 1
        if let raw = query["time_range"] {
            guard let data = raw.data(using: .utf8),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: String],
                  let from = object["since"].flatMap(SandboxDay.init), let to = object["until"].flatMap(SandboxDay.init),
                  from.ordinal <= to.ordinal
            else {
                return MetaGraphResponses.invalidParameter("Param time_range is invalid: expected {\"since\":\"YYYY-MM-DD\",\"until\":\"YYYY-MM-DD\"}", trace: trace)
            }
            since = from.ordinal
            until = to.ordinal
        }
        until = min(until, today)

        let buckets: [(Int, Int)] = since > until ? [] : daily ? (since...until).map { ($0, $0) } : [(since, until)]
        var rows: [[String: Any]] = []
        for (start, stop) in buckets {
            if !breakdowns.isEmpty {
                for index in account.campaigns[0].items {
                    let figures = sum((start...stop).compactMap { account.productFigures(item: index, day: $0, today: today) })
                    guard figures.impressions > 0 else { continue }
                    var row = Self.row(figures, start: start, stop: stop, campaign: nil, fields: fields)
                    row["product_id"] = account.items[index].id
                    rows.append(row)
                }
                continue
            }
            let perCampaign = account.campaigns.map { campaign in
                (campaign, sum((start...stop).compactMap {
                    account.figures(campaign, day: $0, today: today, restatement: restatement, restatedDays: settings.restatedDays)
                }))
            }
            if level == "account" {
                let total = sum(perCampaign.map(\.1))
                if total.impressions > 0 { rows.append(Self.row(total, start: start, stop: stop, campaign: nil, fields: fields)) }
            } else {
                for (campaign, figures) in perCampaign where figures.impressions > 0 {
                    rows.append(Self.row(figures, start: start, stop: stop, campaign: campaign, fields: fields))
                }
            }
        }
        return page(rows, path: "act_\(MetaDemoAccount.accountID)/insights", query: query, trace: trace)
    }

    func sum(_ figures: [MetaDemoAccount.DayFigures]) -> MetaDemoAccount.DayFigures {
        figures.reduce(into: MetaDemoAccount.DayFigures(impressions: 0, clicks: 0, spendCents: 0, purchases: 0, valueCents: 0)) {
            $0.impressions += $1.impressions
            $0.clicks += $1.clicks
            $0.spendCents += $1.spendCents
            $0.purchases += $1.purchases
            $0.valueCents += $1.valueCents
        }
    }

    /// An AdsInsights row: numbers as strings, purchases under the overlapping action types
    /// Meta reports them with (`omni_purchase`, `purchase`, the pixel's own type).
    static func row(_ figures: MetaDemoAccount.DayFigures, start: Int, stop: Int, campaign: MetaDemoAccount.Campaign?, fields: [String]) -> [String: Any] {
        var actions: [[String: String]] = [["action_type": "link_click", "value": String(figures.clicks)]]
        var values: [[String: String]] = []
        if figures.purchases > 0 {
            for type in ["offsite_conversion.fb_pixel_purchase", "omni_purchase", "purchase"] {
                actions.append(["action_type": type, "value": String(figures.purchases)])
                values.append(["action_type": type, "value": money(cents: figures.valueCents)])
            }
        }
        var full: [String: Any] = [
            "account_id": MetaDemoAccount.accountID, "account_name": "ShoppyShop Demo Ads", "account_currency": MetaDemoAccount.currency,
            "impressions": String(figures.impressions), "clicks": String(figures.clicks), "spend": money(cents: figures.spendCents),
            "actions": actions,
            "date_start": SandboxDay(ordinal: start).text, "date_stop": SandboxDay(ordinal: stop).text,
        ]
        if !values.isEmpty { full["action_values"] = values }
        if let campaign {
            full["campaign_id"] = campaign.id
            full["campaign_name"] = campaign.name
        }
        // Meta always returns the row's dates.
        return pick(full, fields + ["date_start", "date_stop"])
    }
}
