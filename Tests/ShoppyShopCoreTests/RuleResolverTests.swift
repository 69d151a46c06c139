import Foundation
import ShoppyShopCore
import Testing

@Suite("Rules: the most specific wins")
struct RuleResolverTests {
    let mug = RuleSubject(shopifyID: 42, productType: "Kitchen", vendor: "Alder Goods", tags: ["sale", "kitchen"],
                          collections: [CollectionRef(handle: "summer", title: "Summer Picks")])

    func rule(_ name: String, _ scope: RuleScope, _ change: (inout RuleSettings) -> Void) -> Rule {
        var settings = RuleSettings()
        change(&settings)
        return Rule(name: name, scope: scope, settings: settings)
    }

    @Test func eachValue_comesFromTheMostSpecificRuleThatSetsIt() {
        let rules = [
            rule("everything", .all) { $0.stockBuffer = 1; $0.rounding = .ninetyNine; $0.pricePercent = 5 },
            rule("kitchen", RuleScope(kind: .productType, value: "kitchen")) { $0.pricePercent = 10 },
            rule("sale-tag", RuleScope(kind: .tag, value: "SALE")) { $0.stockBuffer = 3 },
            rule("this-mug", RuleScope(kind: .product, value: "42")) { $0.priceFixed = Decimal(string: "9.50") },
            rule("other-vendor", RuleScope(kind: .vendor, value: "Bluebird Makers")) { $0.stockBuffer = 99 },
        ]

        let resolved = RuleResolver(rules: rules).resolve(mug)

        #expect(resolved.priceAdjustment.source == "this-mug")
        #expect(resolved.priceAdjustment.value.fixed == Decimal(string: "9.50"))
        #expect(resolved.priceAdjustment.value.percent == nil) // a formula is never half of one rule
        #expect(resolved.stockBuffer == Sourced(3, "sale-tag"))
        #expect(resolved.rounding == Sourced(.ninetyNine, "everything"))
        #expect(resolved.outOfStock == Sourced(.zero, "default"))
    }

    @Test func collectionMatchesHandleOrTitle_andSkuRulesOnlyForTheirSku() {
        let rules = [
            rule("summer", RuleScope(kind: .collection, value: "Summer Picks")) { $0.stockMax = 4 },
            rule("one-sku", RuleScope(kind: .sku, value: "MUG-RED")) { $0.stockMax = 1 },
        ]
        let resolver = RuleResolver(rules: rules)

        #expect(resolver.resolve(mug).stockMax == Sourced(4, "summer"))
        #expect(resolver.resolve(mug, sku: "MUG-BLUE").stockMax == Sourced(4, "summer"))
        #expect(resolver.resolve(mug, sku: "MUG-RED").stockMax == Sourced(1, "one-sku"))
    }

    @Test func sameSpecificity_takesRulesInNameOrder_notStorageOrder() {
        let a = rule("a-first", RuleScope(kind: .tag, value: "sale")) { $0.stockBuffer = 1 }
        let b = rule("b-second", RuleScope(kind: .tag, value: "kitchen")) { $0.stockBuffer = 2 }

        #expect(RuleResolver(rules: [b, a]).resolve(mug).stockBuffer == Sourced(1, "a-first"))
        #expect(RuleResolver(rules: [a, b]).resolve(mug).stockBuffer == Sourced(1, "a-first"))
    }

    @Test func defaults_comeFromConfiguration_andBrandFromVendor() {
        let resolved = RuleResolver(rules: [], defaults: .init(stockBuffer: 2, stockMax: 10)).resolve(mug)

        #expect(resolved.stockBuffer == Sourced(2, "STOCK_BUFFER"))
        #expect(resolved.stockMax == Sourced(10, "MAX_LISTED_QUANTITY"))
        #expect(resolved.aspects["Brand"]?.value.source == .vendor)
        #expect(resolved.condition == Sourced("NEW", "default"))
    }

    @Test func aspects_mergeByName_specificOverridesGeneral() {
        let rules = [
            rule("all", .all) { $0.aspects = ["Material": .metafield("custom.material"), "Brand": .value("House Brand")] },
            rule("kitchen", RuleScope(kind: .productType, value: "Kitchen")) { $0.aspects = ["Brand": .none] },
        ]

        let aspects = RuleResolver(rules: rules).resolve(mug).aspects

        #expect(aspects["Material"] == Sourced(AspectSourceText(.metafield("custom.material")), "all"))
        #expect(aspects["Brand"] == Sourced(AspectSourceText(.none), "kitchen"))
    }
}

@Suite("Prices and quantities")
struct ListingMathTests {
    func price(_ shopify: String, percent: String? = nil, amount: String? = nil, fixed: String? = nil, _ rounding: RuleSettings.Rounding = .none) -> String {
        ListingMath.price(
            shopify: Decimal(string: shopify)!,
            PriceAdjustment(percent: percent.flatMap { Decimal(string: $0) }, amount: amount.flatMap { Decimal(string: $0) }, fixed: fixed.flatMap { Decimal(string: $0) }),
            rounding: rounding).plain
    }

    @Test func price_adjustments_inExactDecimal() {
        #expect(price("19.99") == "19.99")
        #expect(price("19.99", percent: "10") == "21.99") // 21.989 → half up to cents
        #expect(price("20.00", percent: "-15") == "17")
        #expect(price("20.00", amount: "2.50") == "22.5")
        #expect(price("20.00", percent: "10", amount: "-1") == "21")
        #expect(price("0.10", percent: "10") == "0.11")
        #expect(price("20.00", fixed: "12.34") == "12.34")
    }

    @Test func price_rounding() {
        #expect(price("21.37", .ninetyNine) == "21.99")
        #expect(price("21.00", .ninetyNine) == "20.99")
        #expect(price("21.995", .ninetyNine) == "21.99")
        #expect(price("21.50", .whole) == "22")
        #expect(price("21.49", .whole) == "21")
        #expect(price("19.99", percent: "10", .ninetyNine) == "21.99")
    }

    @Test func quantity_isClampedAvailableLessPendingSalesAndBuffer() {
        #expect(ListingMath.quantity(available: 10, pendingSales: 0, buffer: 0, max: nil, fixed: nil) == 10)
        #expect(ListingMath.quantity(available: 10, pendingSales: 3, buffer: 2, max: nil, fixed: nil) == 5)
        #expect(ListingMath.quantity(available: 2, pendingSales: 3, buffer: 0, max: nil, fixed: nil) == 0)
        #expect(ListingMath.quantity(available: 100, pendingSales: 0, buffer: 1, max: 20, fixed: nil) == 20)
        #expect(ListingMath.quantity(available: 0, pendingSales: 0, buffer: 0, max: 5, fixed: 8) == 5)
        #expect(ListingMath.quantity(available: 0, pendingSales: 0, buffer: 0, max: nil, fixed: 8) == 8)
    }
}

@Suite("Rules file")
struct RulesFileTests {
    @Test func roundTrip_keepsEveryRule() throws {
        let json = """
        {"rules": [
          {"name": "default", "all": true, "rounding": "99", "stockBuffer": 1, "drift": "report"},
          {"name": "apparel", "productType": "Apparel", "pricePercent": "10", "aspects": {"Size": "option:Size", "Type": "metafield:custom.item_type"}},
          {"name": "one", "sku": "SS-1", "priceFixed": 12.5}
        ]}
        """
        let rules = try RulesFile.decode(Data(json.utf8))
        let again = try RulesFile.decode(try RulesFile.encode(rules))

        #expect(rules.count == 3)
        #expect(again == rules)
        #expect(rules[1].settings.pricePercent == 10)
        #expect(rules[1].settings.aspects?["Type"] == .metafield("custom.item_type"))
        #expect(rules[2].settings.priceFixed == Decimal(string: "12.5"))
        #expect(rules[0].scope == .all)
    }

    @Test func badFile_reportsEveryProblemWithItsRule() {
        let json = """
        {"rules": [
          {"name": "two-scopes", "all": true, "tag": "x", "stockBuffer": 1},
          {"name": "bad-values", "vendor": "V", "stockBuffer": -1, "condition": "MINT", "pricePercent": "lots"},
          {"name": "typo", "vendor": "V", "stockBufer": 2},
          {"vendor": "no name"}
        ]}
        """
        do {
            _ = try RulesFile.decode(Data(json.utf8))
            Issue.record("a bad file was accepted")
        } catch let error as RuleError {
            let text = error.description
            for needle in ["two-scopes", "exactly one scope", "bad-values", "pricePercent", "typo", "stockBufer", "missing \"name\""] {
                #expect(text.contains(needle), "\(needle) missing in:\n\(text)")
            }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func settingsProblems_nameTheFieldAndTheFix() {
        var settings = RuleSettings()
        settings.stockBuffer = -1
        settings.condition = "MINT"
        settings.priceFixed = 0
        settings.categoryID = "shirts"

        let problems = settings.problems().joined(separator: "\n")

        for needle in ["stockBuffer -1", "condition \"MINT\"", "USED_EXCELLENT", "priceFixed 0", "categoryID \"shirts\""] {
            #expect(problems.contains(needle), "\(needle) missing in:\n\(problems)")
        }
    }
}
