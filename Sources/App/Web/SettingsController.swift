import Fluent
import Foundation
import ShoppyShopCore
import Vapor
import Views

/// `/settings`, `POST /settings/rules` (a whole rule, validated field by field, saved only
/// when every field is valid) and `POST /settings/rules/:name/remove`.
enum SettingsController: WebPage {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("settings", use: show)
        routes.post("settings", "rules", use: saveRule)
        routes.post("settings", "rules", ":name", "remove", use: removeRule)
    }

    static let fields = ["name", "scope", "scope_value", "price_percent", "price_amount", "price_fixed", "rounding",
                         "stock_buffer", "stock_max", "stock_fixed", "out_of_stock", "category_id"]

    @Sendable
    static func show(req: Request) async throws -> Response {
        var form = SettingsPage.RuleForm(values: ["scope": "all"])
        let rules = try await RuleStore.all(on: req.db)
        if let name = req.query[String.self, at: "rule"], let rule = rules.first(where: { $0.name == name }) {
            form.values = values(of: rule)
        } else if let type = req.query[String.self, at: "type"] {
            let name = type.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            form.values = rules.first { $0.scope.kind == .productType && $0.scope.value == type }.map(values(of:))
                ?? ["name": "category-\(name)", "scope": "product_type", "scope_value": type]
        }
        var notices: [Notice] = []
        if let done = req.query[String.self, at: "done"] { notices.append(Notice(level: .warning, title: "Saved.", message: done)) }
        return .html(SettingsPage.render(try await model(req, form: form, notices: notices)))
    }

    @Sendable
    static func saveRule(req: Request) async throws -> Response {
        let posted = try req.content.decode([String: String].self)
        var values: [String: String] = [:]
        for field in fields { values[field] = (posted[field] ?? "").trimmingCharacters(in: .whitespaces) }
        var errors: [String: String] = [:]
        let settings = parse(values, errors: &errors)
        let kind = RuleScope.Kind(rawValue: values["scope"] ?? "")
        if kind == nil { errors["scope"] = "choose what the rule applies to" }
        if let kind, kind != .all, (values["scope_value"] ?? "").isEmpty { errors["scope_value"] = "a \(kind.rawValue.replacingOccurrences(of: "_", with: " ")) rule needs a value" }
        if errors.isEmpty, let kind {
            let scope = RuleScope(kind: kind, value: kind == .all ? nil : values["scope_value"])
            do {
                let rule = try await RuleStore.set(name: values["name"] ?? "", scope: scope, settings: settings, replace: true, on: req.db)
                let message = "Rule \(rule.name) saved. The listing plan shows its effect."
                return req.redirect(to: "/settings?done=" + (message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""), redirectType: .normal)
            } catch let error as RuleError {
                for problem in error.problems { errors[field(of: problem), default: ""] += problem }
            }
        }
        let page = SettingsPage.render(try await model(req, form: SettingsPage.RuleForm(values: values, errors: errors), notices: []))
        return .html(page, status: .unprocessableEntity)
    }

    @Sendable
    static func removeRule(req: Request) async throws -> Response {
        let name = req.parameters.get("name") ?? ""
        let removed = try await RuleStore.remove(name: name, on: req.db)
        let message = removed ? "Rule \(name) removed." : "There was no rule \(name)."
        return req.redirect(to: "/settings?done=" + (message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""), redirectType: .normal)
    }

    /// Every field checked, every error kept: the merchant fixes them all in one go.
    static func parse(_ values: [String: String], errors: inout [String: String]) -> RuleSettings {
        var settings = RuleSettings()
        func decimal(_ name: String) -> Decimal? {
            guard let text = values[name], !text.isEmpty else { return nil }
            guard let value = Decimal(exactly: text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
                errors[name] = "\"\(text)\" is not a number; write a decimal such as 10 or -2.50"
                return nil
            }
            return value
        }
        func integer(_ name: String) -> Int? {
            guard let text = values[name], !text.isEmpty else { return nil }
            guard let value = Int(text) else { errors[name] = "\"\(text)\" is not a whole number"; return nil }
            return value
        }
        settings.pricePercent = decimal("price_percent")
        settings.priceAmount = decimal("price_amount")
        settings.priceFixed = decimal("price_fixed")
        settings.rounding = values["rounding"].flatMap { $0.isEmpty ? nil : RuleSettings.Rounding(rawValue: $0) }
        settings.stockBuffer = integer("stock_buffer")
        settings.stockMax = integer("stock_max")
        settings.stockFixed = integer("stock_fixed")
        settings.outOfStock = values["out_of_stock"].flatMap { $0.isEmpty ? nil : RuleSettings.OutOfStock(rawValue: $0) }
        settings.categoryID = values["category_id"].flatMap { $0.isEmpty ? nil : $0 }
        for problem in settings.problems() { errors[field(of: problem), default: ""] += problem }
        if settings.isEmpty, errors.isEmpty { errors["price_percent"] = "the rule sets nothing; fill in at least one price, stock or category field" }
        return settings
    }

    /// The form field a RuleSettings/RuleStore problem names (they start with the setting's name).
    static func field(of problem: String) -> String {
        let map: [(String, String)] = [("pricePercent", "price_percent"), ("priceAmount", "price_amount"), ("priceFixed", "price_fixed"),
                                       ("stockBuffer", "stock_buffer"), ("stockMax", "stock_max"), ("stockFixed", "stock_fixed"),
                                       ("categoryID", "category_id"), ("name", "name"), ("scope", "scope_value")]
        return map.first { problem.hasPrefix($0.0) }?.1 ?? "name"
    }

    static func values(of rule: Rule) -> [String: String] {
        let s = rule.settings
        return ["name": rule.name, "scope": rule.scope.kind.rawValue, "scope_value": rule.scope.value ?? "",
                "price_percent": s.pricePercent.map { "\($0)" } ?? "", "price_amount": s.priceAmount.map { "\($0)" } ?? "",
                "price_fixed": s.priceFixed.map { "\($0)" } ?? "", "rounding": s.rounding?.rawValue ?? "",
                "stock_buffer": s.stockBuffer.map(String.init) ?? "", "stock_max": s.stockMax.map(String.init) ?? "",
                "stock_fixed": s.stockFixed.map(String.init) ?? "", "out_of_stock": s.outOfStock?.rawValue ?? "",
                "category_id": s.categoryID ?? ""]
    }

    static func model(_ req: Request, form: SettingsPage.RuleForm, notices: [Notice]) async throws -> SettingsPage.Model {
        let app = req.application
        let rules = try await RuleStore.all(on: req.db)
        let health = Dictionary(try await ServiceHealth.query(on: req.db).all().map { ($0.service, $0) }, uniquingKeysWith: { first, _ in first })
        let ebayToken = try await ServiceToken.query(on: req.db).filter(\.$service == "ebay").filter(\.$isActive == true).first()
        let format = ISO8601DateFormatter()
        let chrome = Chrome(req)
        let connections = chrome.services.map { service -> SettingsPage.Connection in
            let key = service.name.lowercased()
            let row = health[key]
            var credential = service.mode == .sandbox ? "sandbox credentials (built in)" : "configured"
            if key == "ebay", let token = ebayToken {
                credential += " · token last used " + (token.lastUsed.map(format.string) ?? "never")
                if let expiry = token.expiresAt { credential += " · access token until " + format.string(from: expiry) }
            }
            if let expiry = row?.tokenExpiresAt { credential += " · expires " + format.string(from: expiry) }
            if service.detail.contains("disabled") { credential = "not configured" }
            return SettingsPage.Connection(service: service.name, mode: service.mode, detail: service.detail, credential: credential,
                                           problem: row?.state == .unauthorized ? (row?.message ?? "refused our credentials") : nil)
        }
        let ruledTypes = Set(rules.filter { $0.scope.kind == .productType && $0.settings.categoryID != nil }.compactMap(\.scope.value))
        let categories = try await EbayCategory.query(on: req.db).sort(\.$productType).all().map {
            SettingsPage.Category(productType: $0.productType, categoryID: $0.categoryID ?? "—", name: $0.categoryName ?? "", ruled: ruledTypes.contains($0.productType))
        }
        let schedule = app.config.schedule
        func every(_ seconds: Int) -> String { seconds % 3600 == 0 ? "\(seconds / 3600) h" : seconds % 60 == 0 ? "\(seconds / 60) min" : "\(seconds) s" }
        let intervals: [(name: String, key: String, value: String)] = [
            ("eBay orders poll", ConfigKey.orderPollInterval.rawValue, every(schedule.orderPoll)),
            ("Stock poll (webhooks off)", ConfigKey.stockPollInterval.rawValue, every(schedule.stockPoll)),
            ("Catalog delta", ConfigKey.catalogSyncInterval.rawValue, every(schedule.catalogSync)),
            ("Reconcile with eBay", ConfigKey.stockReconcileInterval.rawValue, every(schedule.stockReconcile)),
            ("Meta insights", ConfigKey.insightsSyncInterval.rawValue, every(schedule.insightsSync)),
        ]
        return SettingsPage.Model(
            chrome: chrome, notices: notices, connections: connections,
            rules: rules.map { SettingsPage.RuleRow(name: $0.name, scope: "\($0.scope)", settings: (try? $0.settings.json()) ?? "") },
            categories: categories, intervals: intervals, form: form)
    }
}
