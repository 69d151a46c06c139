import Foundation

/// What a rule may set. Every field is optional: a rule sets only what it names, and each
/// value is taken from the most specific rule that sets it (the price adjustment — percent,
/// amount or fixed price — counts as one value, so a formula is never half one rule's).
public struct RuleSettings: Sendable, Hashable, Codable {
    // Price. Money as decimal strings in JSON: never through a binary float.
    public var pricePercent: Decimal?
    public var priceAmount: Decimal?
    public var priceFixed: Decimal?
    public var rounding: Rounding?
    // Stock.
    public var stockBuffer: Int?
    public var stockMax: Int?
    public var stockFixed: Int?
    public var outOfStock: OutOfStock?
    // eBay listing.
    public var categoryID: String?
    /// Item specific name → where its value comes from (`AspectSource`).
    public var aspects: [String: AspectSource]?
    public var fulfillmentPolicyID: String?
    public var paymentPolicyID: String?
    public var returnPolicyID: String?
    public var locationKey: String?
    public var condition: String?
    /// What reconcile does with a difference eBay shows (a hand edit on eBay).
    public var drift: DriftRepair?
    /// When eBay cancels an order already in Shopify: put its units back in stock (default) or not.
    public var restockOnCancel: Bool?

    public init() {}

    public enum Rounding: String, Sendable, Hashable, Codable, CaseIterable {
        case none
        /// Up to the next whole amount, less one cent: 21.37 → 21.99, 21.00 → 20.99.
        case ninetyNine = "99"
        /// Half up to a whole amount: 21.50 → 22.00, 21.49 → 21.00.
        case whole
    }

    public enum OutOfStock: String, Sendable, Hashable, Codable, CaseIterable {
        /// Keep the listing live with quantity 0 (eBay shows it out of stock; it keeps its history).
        case zero
        /// End the listing until stock returns.
        case withdraw
    }

    public enum DriftRepair: String, Sendable, Hashable, Codable, CaseIterable {
        /// Push the value ShoppyShop computes: Shopify and the rules win.
        case ours
        /// Keep eBay's value: it becomes a SKU rule (`ebay-edit:<sku>`), so the next plan keeps it.
        case theirs
        /// Only report the difference.
        case report
    }

    public var isEmpty: Bool { self == RuleSettings() }

    var hasPriceAdjustment: Bool { pricePercent != nil || priceAmount != nil || priceFixed != nil }

    /// Every problem at once, each naming the field and the fix.
    public func problems() -> [String] {
        var problems: [String] = []
        if let value = pricePercent, !(Decimal(-90)...Decimal(1_000)).contains(value) {
            problems.append("pricePercent \(value.plain): must be between -90 and 1000 (a percentage added to the Shopify price)")
        }
        if let value = priceFixed, value <= 0 {
            problems.append("priceFixed \(value.plain): must be more than 0")
        }
        if priceFixed != nil, pricePercent != nil || priceAmount != nil {
            problems.append("priceFixed cannot be combined with pricePercent or priceAmount in one rule: a fixed price replaces the adjustment")
        }
        for (name, value) in [("stockBuffer", stockBuffer), ("stockFixed", stockFixed)] {
            if let value, value < 0 { problems.append("\(name) \(value): must be 0 or more") }
        }
        if let value = stockMax, value < 1 { problems.append("stockMax \(value): must be 1 or more") }
        if let value = categoryID, value.isEmpty || !value.allSatisfy(\.isNumber) {
            problems.append("categoryID \"\(value)\": must be an eBay category id (digits), e.g. 15687")
        }
        if let value = condition, !EbayConditionNames.all.contains(value) {
            problems.append("condition \"\(value)\": not an eBay condition; use one of \(EbayConditionNames.all.sorted().joined(separator: ", "))")
        }
        for (name, source) in aspects ?? [:] {
            if name.trimmingCharacters(in: .whitespaces).isEmpty || name.count > 40 {
                problems.append("aspect name \"\(name)\": must be 1 to 40 characters (eBay's limit for an item specific name)")
            }
            if case .value(let text) = source, text.isEmpty || text.count > 65 {
                problems.append("aspect \(name): a fixed value must be 1 to 65 characters")
            }
        }
        for (name, value) in [("fulfillmentPolicyID", fulfillmentPolicyID), ("paymentPolicyID", paymentPolicyID), ("returnPolicyID", returnPolicyID), ("locationKey", locationKey)] {
            if let value, value.isEmpty || value.count > 36 { problems.append("\(name) \"\(value)\": must be 1 to 36 characters") }
        }
        return problems
    }

    /// The fields of `other` that are set replace this one's.
    public func merging(_ other: RuleSettings) -> RuleSettings {
        var merged = self
        if other.hasPriceAdjustment {
            merged.pricePercent = other.pricePercent
            merged.priceAmount = other.priceAmount
            merged.priceFixed = other.priceFixed
        }
        merged.rounding = other.rounding ?? rounding
        merged.stockBuffer = other.stockBuffer ?? stockBuffer
        merged.stockMax = other.stockMax ?? stockMax
        merged.stockFixed = other.stockFixed ?? stockFixed
        merged.outOfStock = other.outOfStock ?? outOfStock
        merged.categoryID = other.categoryID ?? categoryID
        if let aspects = other.aspects { merged.aspects = (self.aspects ?? [:]).merging(aspects) { _, new in new } }
        merged.fulfillmentPolicyID = other.fulfillmentPolicyID ?? fulfillmentPolicyID
        merged.paymentPolicyID = other.paymentPolicyID ?? paymentPolicyID
        merged.returnPolicyID = other.returnPolicyID ?? returnPolicyID
        merged.locationKey = other.locationKey ?? locationKey
        merged.condition = other.condition ?? condition
        merged.drift = other.drift ?? drift
        merged.restockOnCancel = other.restockOnCancel ?? restockOnCancel
        return merged
    }

    // MARK: JSON (money as strings)

    enum CodingKeys: String, CodingKey {
        case pricePercent, priceAmount, priceFixed, rounding, stockBuffer, stockMax, stockFixed, outOfStock
        case categoryID, aspects, fulfillmentPolicyID, paymentPolicyID, returnPolicyID, locationKey, condition, drift, restockOnCancel
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func decimal(_ key: CodingKeys) throws -> Decimal? {
            guard let text = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let value = Decimal(exactly: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\"\(text)\" is not a decimal such as \"10\" or \"-2.50\"")
            }
            return value
        }
        pricePercent = try decimal(.pricePercent)
        priceAmount = try decimal(.priceAmount)
        priceFixed = try decimal(.priceFixed)
        rounding = try c.decodeIfPresent(Rounding.self, forKey: .rounding)
        stockBuffer = try c.decodeIfPresent(Int.self, forKey: .stockBuffer)
        stockMax = try c.decodeIfPresent(Int.self, forKey: .stockMax)
        stockFixed = try c.decodeIfPresent(Int.self, forKey: .stockFixed)
        outOfStock = try c.decodeIfPresent(OutOfStock.self, forKey: .outOfStock)
        categoryID = try c.decodeIfPresent(String.self, forKey: .categoryID)
        if let raw = try c.decodeIfPresent([String: String].self, forKey: .aspects) {
            var parsed: [String: AspectSource] = [:]
            for (name, text) in raw {
                guard let source = AspectSource(text) else {
                    throw DecodingError.dataCorruptedError(forKey: .aspects, in: c, debugDescription: "aspect \(name): \"\(text)\" is not a source; \(AspectSource.syntax)")
                }
                parsed[name] = source
            }
            aspects = parsed
        }
        fulfillmentPolicyID = try c.decodeIfPresent(String.self, forKey: .fulfillmentPolicyID)
        paymentPolicyID = try c.decodeIfPresent(String.self, forKey: .paymentPolicyID)
        returnPolicyID = try c.decodeIfPresent(String.self, forKey: .returnPolicyID)
        locationKey = try c.decodeIfPresent(String.self, forKey: .locationKey)
        condition = try c.decodeIfPresent(String.self, forKey: .condition)
        drift = try c.decodeIfPresent(DriftRepair.self, forKey: .drift)
        restockOnCancel = try c.decodeIfPresent(Bool.self, forKey: .restockOnCancel)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(pricePercent?.plain, forKey: .pricePercent)
        try c.encodeIfPresent(priceAmount?.plain, forKey: .priceAmount)
        try c.encodeIfPresent(priceFixed?.plain, forKey: .priceFixed)
        try c.encodeIfPresent(rounding, forKey: .rounding)
        try c.encodeIfPresent(stockBuffer, forKey: .stockBuffer)
        try c.encodeIfPresent(stockMax, forKey: .stockMax)
        try c.encodeIfPresent(stockFixed, forKey: .stockFixed)
        try c.encodeIfPresent(outOfStock, forKey: .outOfStock)
        try c.encodeIfPresent(categoryID, forKey: .categoryID)
        try c.encodeIfPresent(aspects?.mapValues(\.description), forKey: .aspects)
        try c.encodeIfPresent(fulfillmentPolicyID, forKey: .fulfillmentPolicyID)
        try c.encodeIfPresent(paymentPolicyID, forKey: .paymentPolicyID)
        try c.encodeIfPresent(returnPolicyID, forKey: .returnPolicyID)
        try c.encodeIfPresent(locationKey, forKey: .locationKey)
        try c.encodeIfPresent(condition, forKey: .condition)
        try c.encodeIfPresent(drift, forKey: .drift)
        try c.encodeIfPresent(restockOnCancel, forKey: .restockOnCancel)
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public static func decode(_ json: String) throws -> RuleSettings {
        try JSONDecoder().decode(RuleSettings.self, from: Data(json.utf8))
    }
}

/// Where an item specific's value comes from.
public enum AspectSource: Sendable, Hashable, CustomStringConvertible {
    case vendor
    case productType
    /// A Shopify option (`Size`): the variant's value, so the aspect can vary by variant.
    case option(String)
    /// A product metafield, `namespace.key`.
    case metafield(String)
    /// A fixed text.
    case value(String)
    /// Leave the aspect out (e.g. to drop the default Brand ← vendor).
    case none

    public static let syntax = "use vendor, product_type, option:<Shopify option name>, metafield:<namespace.key>, value:<text> or none"

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed {
        case "vendor": self = .vendor
        case "product_type", "type": self = .productType
        case "none": self = .none
        default:
            guard let colon = trimmed.firstIndex(of: ":") else { return nil }
            let head = trimmed[..<colon], tail = String(trimmed[trimmed.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            guard !tail.isEmpty else { return nil }
            switch head {
            case "option": self = .option(tail)
            case "metafield":
                guard tail.contains("."), !tail.hasPrefix("."), !tail.hasSuffix(".") else { return nil }
                self = .metafield(tail)
            case "value": self = .value(tail)
            default: return nil
            }
        }
    }

    public var description: String {
        switch self {
        case .vendor: "vendor"
        case .productType: "product_type"
        case .option(let name): "option:\(name)"
        case .metafield(let key): "metafield:\(key)"
        case .value(let text): "value:\(text)"
        case .none: "none"
        }
    }
}

/// eBay's `ConditionEnum` values (eBay's type reference; the Inventory contract only links it).
public enum EbayConditionNames {
    public static let all: Set<String> = [
        "NEW", "LIKE_NEW", "NEW_OTHER", "NEW_WITH_DEFECTS", "MANUFACTURER_REFURBISHED", "CERTIFIED_REFURBISHED",
        "EXCELLENT_REFURBISHED", "VERY_GOOD_REFURBISHED", "GOOD_REFURBISHED", "SELLER_REFURBISHED", "USED_EXCELLENT",
        "USED_VERY_GOOD", "USED_GOOD", "USED_ACCEPTABLE", "FOR_PARTS_OR_NOT_WORKING", "PRE_OWNED_EXCELLENT",
        "PRE_OWNED_FAIR", "PRE_OWNED_GOOD",
    ]
}
