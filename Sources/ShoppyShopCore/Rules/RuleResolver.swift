import Foundation

/// A value and where it came from: a rule's name, `default`, or a configuration key.
public struct Sourced<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public var value: Value
    public var source: String

    public init(_ value: Value, _ source: String) {
        self.value = value
        self.source = source
    }
}

/// The price formula a rule gives: a fixed price, or the Shopify price plus a percentage and an amount.
public struct PriceAdjustment: Sendable, Hashable, Codable {
    public var percent: Decimal?
    public var amount: Decimal?
    public var fixed: Decimal?

    public static let none = PriceAdjustment()

    public init(percent: Decimal? = nil, amount: Decimal? = nil, fixed: Decimal? = nil) {
        self.percent = percent
        self.amount = amount
        self.fixed = fixed
    }
}

/// Every setting for one product (and SKU), each with the rule that gave it.
public struct ResolvedRules: Sendable, Hashable {
    public var priceAdjustment: Sourced<PriceAdjustment>
    public var rounding: Sourced<RuleSettings.Rounding>
    public var stockBuffer: Sourced<Int>
    public var stockMax: Sourced<Int>?
    public var stockFixed: Sourced<Int>?
    public var outOfStock: Sourced<RuleSettings.OutOfStock>
    public var categoryID: Sourced<String>?
    /// Item specific name → its source; the defaults (Brand ← vendor) included.
    public var aspects: [String: Sourced<AspectSourceText>]
    public var fulfillmentPolicyID: Sourced<String>?
    public var paymentPolicyID: Sourced<String>?
    public var returnPolicyID: Sourced<String>?
    public var locationKey: Sourced<String>?
    public var condition: Sourced<String>
    public var drift: Sourced<RuleSettings.DriftRepair>
    public var restockOnCancel: Sourced<Bool>
}

/// `AspectSource` in its written form, so resolved rules can be encoded into plans.
public struct AspectSourceText: Sendable, Hashable, Codable {
    public var text: String
    public init(_ source: AspectSource) { text = source.description }
    public var source: AspectSource { AspectSource(text) ?? .none }
}

/// Combines the merchant's rules for a product: for each value, the most specific rule that
/// sets it wins (sku > product > collection > tag > product type > vendor > all); rules of
/// the same specificity are taken in name order. Pure.
public struct RuleResolver: Sendable {
    public struct Defaults: Sendable, Hashable {
        /// `STOCK_BUFFER`.
        public var stockBuffer: Int
        /// `MAX_LISTED_QUANTITY`.
        public var stockMax: Int?

        public init(stockBuffer: Int = 0, stockMax: Int? = nil) {
            self.stockBuffer = stockBuffer
            self.stockMax = stockMax
        }
    }

    public let rules: [Rule]
    public let defaults: Defaults

    public init(rules: [Rule], defaults: Defaults = Defaults()) {
        // Most specific first; within one specificity, by name, so the winner never depends on storage order.
        self.rules = rules.sorted {
            ($0.scope.kind.specificity, $1.name) > ($1.scope.kind.specificity, $0.name)
        }
        self.defaults = defaults
    }

    /// The rules covering the product (and SKU), most specific first.
    public func matching(_ subject: RuleSubject, sku: String? = nil) -> [Rule] {
        rules.filter { $0.scope.covers(subject, sku: sku) }
    }

    public func resolve(_ subject: RuleSubject, sku: String? = nil) -> ResolvedRules {
        let matched = matching(subject, sku: sku)
        func first<T>(_ pick: (RuleSettings) -> T?) -> Sourced<T>? {
            for rule in matched { if let value = pick(rule.settings) { return Sourced(value, rule.name) } }
            return nil
        }
        let adjustment = matched.first { $0.settings.hasPriceAdjustment }.map {
            Sourced(PriceAdjustment(percent: $0.settings.pricePercent, amount: $0.settings.priceAmount, fixed: $0.settings.priceFixed), $0.name)
        } ?? Sourced(.none, "default")
        var aspects: [String: Sourced<AspectSourceText>] = ["Brand": Sourced(AspectSourceText(.vendor), "default")]
        // General rules first, so more specific ones overwrite them.
        for rule in matched.reversed() {
            for (name, source) in rule.settings.aspects ?? [:] { aspects[name] = Sourced(AspectSourceText(source), rule.name) }
        }
        return ResolvedRules(
            priceAdjustment: adjustment,
            rounding: first { $0.rounding } ?? Sourced(.none, "default"),
            stockBuffer: first { $0.stockBuffer } ?? Sourced(defaults.stockBuffer, "STOCK_BUFFER"),
            stockMax: first { $0.stockMax } ?? defaults.stockMax.map { Sourced($0, "MAX_LISTED_QUANTITY") },
            stockFixed: first { $0.stockFixed },
            outOfStock: first { $0.outOfStock } ?? Sourced(.zero, "default"),
            categoryID: first { $0.categoryID },
            aspects: aspects,
            fulfillmentPolicyID: first { $0.fulfillmentPolicyID },
            paymentPolicyID: first { $0.paymentPolicyID },
            returnPolicyID: first { $0.returnPolicyID },
            locationKey: first { $0.locationKey },
            condition: first { $0.condition } ?? Sourced("NEW", "default"),
            drift: first { $0.drift } ?? Sourced(.ours, "default"),
            restockOnCancel: first { $0.restockOnCancel } ?? Sourced(true, "default"))
    }
}

/// Prices and quantities from resolved rules. Pure.
public enum ListingMath {
    /// The eBay price: fixed, or Shopify's price × (1 + percent/100) + amount, then rounded
    /// as the rules say, always to whole cents (half up).
    public static func price(shopify: Decimal, _ adjustment: PriceAdjustment, rounding: RuleSettings.Rounding) -> Decimal {
        var price = adjustment.fixed ?? (shopify * (1 + (adjustment.percent ?? 0) / 100) + (adjustment.amount ?? 0))
        price = round(price, scale: 2)
        switch rounding {
        case .none: break
        case .ninetyNine:
            var up = Decimal()
            var value = price
            NSDecimalRound(&up, &value, 0, .up)
            price = up - Decimal(string: "0.01")!
        case .whole:
            price = round(price, scale: 0)
        }
        return price
    }

    static func round(_ value: Decimal, scale: Int) -> Decimal {
        var result = Decimal()
        var input = value
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }

    /// The eBay quantity: clamp(available − units sold on eBay not yet in Shopify − buffer,
    /// 0, max), or the rule's fixed quantity (still capped by max).
    public static func quantity(available: Int, pendingSales: Int, buffer: Int, max: Int?, fixed: Int?) -> Int {
        let base = fixed ?? (available - pendingSales - buffer)
        let capped = max.map { Swift.min(base, $0) } ?? base
        return Swift.max(0, capped)
    }
}
