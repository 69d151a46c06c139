import EbayAPI
import Foundation
import ShoppyShopCore
import Testing

@Suite("Listing planner")
struct ListingPlannerTests {
    static let tees = CategoryInfo(id: "15687", name: "T-Shirts", requiredAspects: ["Brand", "Size"], variationAspects: ["Size", "Color"])
    static let home = CategoryInfo(id: "20625", name: "Home Décor", requiredAspects: ["Brand", "Type"])
    static let account = AccountSetup(
        fulfillment: [.init(id: "F1", name: "Standard")], payment: [.init(id: "P1", name: "Pay now")],
        returns: [.init(id: "R1", name: "30 days")], locations: ["warehouse"])

    static func tee(id: Int64 = 1, sizes: [String] = ["S", "M"], available: Int = 10, status: String = "ACTIVE") -> CatalogProduct {
        CatalogProduct(
            shopifyID: id, title: "Organic Tee", descriptionHTML: "<p>Soft.</p>", productType: "Apparel", vendor: "Northwind",
            images: ["https://cdn.example/tee.jpg"], status: status, currency: "USD",
            variants: sizes.enumerated().map { index, size in
                CatalogProduct.Variant(shopifyID: id * 100 + Int64(index), sku: "TEE-\(id)-\(size)", title: size, price: Decimal(string: "20.00")!,
                                       position: index + 1, options: [SelectedOptionValue(name: "Size", value: size)], available: available)
            })
    }

    static func vase(id: Int64 = 2, metafields: [MetafieldValue] = []) -> CatalogProduct {
        CatalogProduct(
            shopifyID: id, title: "Stoneware Vase", descriptionHTML: "", productType: "Home", vendor: "Fernhill", metafields: metafields,
            images: ["https://cdn.example/vase.jpg"], currency: "USD",
            variants: [.init(shopifyID: id * 100, sku: "VASE-\(id)", title: "Default Title", price: Decimal(string: "35.00")!, position: 1,
                             options: [SelectedOptionValue(name: "Title", value: "Default Title")], available: 4)])
    }

    func planner(rules: [Rule] = [], account: AccountSetup = Self.account, known: [String: KnownSKU] = [:], groups: [String: KnownGroup] = [:],
                 pending: [String: Int] = [:], defaults: RuleResolver.Defaults = .init()) -> ListingPlanner {
        ListingPlanner(context: PlanContext(
            resolver: RuleResolver(rules: rules, defaults: defaults), categories: ["Apparel": Self.tees, "Home": Self.home],
            account: account, known: known, groups: groups, pendingSales: pending))
    }

    /// What eBay would know after the plan was applied in full.
    func applied(_ plan: ProductPlan, listing: String = "L1") -> ([String: KnownSKU], [String: KnownGroup]) {
        var known: [String: KnownSKU] = [:]
        for sku in plan.skus {
            known[sku.sku] = KnownSKU(sku: sku.sku, productShopifyID: plan.shopifyID, groupKey: plan.group?.key, itemHash: sku.itemHash,
                                      offerID: "O-\(sku.sku)", offerHash: sku.offerHash, listingID: listing, status: .live,
                                      price: sku.price.value.amount, quantity: sku.quantity.value)
        }
        let groups = plan.group.map { [$0.key: KnownGroup(groupKey: $0.key, groupHash: $0.hash, listingID: listing, status: .live)] } ?? [:]
        return (known, groups)
    }

    @Test func newMultiVariantProduct_isCreated_withEveryStep() {
        let plan = planner().plan([Self.tee()]).products[0]

        #expect(plan.action == .create)
        #expect(plan.problems.isEmpty)
        #expect(plan.skus.map(\.sku) == ["TEE-1-S", "TEE-1-M"])
        for sku in plan.skus { #expect(sku.steps == [.inventoryItem, .createOffer]) }
        #expect(plan.group?.steps == [.group, .publishGroup])
        #expect(plan.group?.payload.variesBy?.specifications?.first == .init(name: "Size", values: ["S", "M"]))
        #expect(plan.skus[0].item.product?.aspects?["Size"] == ["S"])
        #expect(plan.skus[0].item.product?.aspects?["Brand"] == ["Northwind"])
        #expect(plan.skus[0].offer.categoryId == "15687")
        #expect(plan.skus[0].offer.listingPolicies == .init(fulfillmentPolicyId: "F1", paymentPolicyId: "P1", returnPolicyId: "R1"))
        #expect(plan.values["category"]?.source == "Taxonomy suggestion for \"Apparel\"")
        #expect(MinimumCalls.forFirstListing(ListingPlan(products: [plan])) == 1 + 1 + 1 + 1)
    }

    @Test func appliedPlan_plannedAgain_isUnchanged_noStep() {
        let first = planner().plan([Self.tee(), Self.vase(metafields: [MetafieldValue(namespace: "custom", key: "item_type", value: "Vase")])])
        #expect(first.products[1].action == .blocked) // no rule maps Type yet
        let (known, groups) = applied(first.products[0])

        let again = planner(known: known, groups: groups).plan([Self.tee()]).products[0]

        #expect(again.action == .unchanged)
        #expect(again.steps.isEmpty)
    }

    @Test func missingRequiredAspect_isBlockedBeforeAnyCall_namingTheAspectAndTheFix() {
        let plan = planner().plan([Self.vase(metafields: [MetafieldValue(namespace: "custom", key: "item_type", value: "Vase")])]).products[0]

        #expect(plan.action == .blocked)
        #expect(plan.skus.allSatisfy { $0.steps.isEmpty })
        let problem = try? #require(plan.problems.first)
        #expect(problem?.field == "aspect Type")
        #expect(problem?.message.contains("20625") == true)
        #expect(problem?.fix.contains("--aspect") == true)
        #expect(problem?.fix.contains("metafield:custom.item_type") == true) // the metafield the product has
    }

    @Test func ruleMappingTheAspect_unblocks_andThePlanSaysWhichRule() {
        var settings = RuleSettings()
        settings.aspects = ["Type": .metafield("custom.item_type")]
        let rule = Rule(name: "home", scope: RuleScope(kind: .productType, value: "Home"), settings: settings)

        let plan = planner(rules: [rule]).plan([Self.vase(metafields: [MetafieldValue(namespace: "custom", key: "item_type", value: "Vase")])]).products[0]

        #expect(plan.action == .create)
        #expect(plan.skus[0].item.product?.aspects?["Type"] == ["Vase"])
        #expect(plan.values["aspect Type"] == Sourced("metafield:custom.item_type", "home"))
        #expect(plan.skus[0].steps == [.inventoryItem, .createOffer, .publish])
        #expect(plan.group == nil)
    }

    @Test func priceRule_changesOnlyThePrice_sentAsBulkPrice() {
        let (known, groups) = applied(planner().plan([Self.tee()]).products[0])
        var settings = RuleSettings()
        settings.pricePercent = 10
        settings.rounding = .ninetyNine
        let rule = Rule(name: "apparel-markup", scope: RuleScope(kind: .productType, value: "Apparel"), settings: settings)

        let plan = planner(rules: [rule], known: known, groups: groups).plan([Self.tee()]).products[0]

        #expect(plan.action == .update)
        for sku in plan.skus {
            #expect(sku.steps == [.price])
            // 20.00 + 10 % = 22.00; ".99" goes up to the next whole amount less a cent: 21.99.
            #expect(sku.price.value == Money(Decimal(string: "21.99")!, "USD"))
            #expect(sku.price.source == "apparel-markup")
        }
        #expect(plan.group?.steps == [])
    }

    @Test func stock_isAvailableLessPendingEbaySalesAndBuffer_andAChangeIsAQuantityStep() {
        let (known, groups) = applied(planner().plan([Self.tee(available: 10)]).products[0])

        let plan = planner(known: known, groups: groups, pending: ["TEE-1-S": 3], defaults: .init(stockBuffer: 1))
            .plan([Self.tee(available: 10)]).products[0]

        #expect(plan.skus[0].quantity.value == 6)
        #expect(plan.skus[0].quantity.source.contains("3 sold on eBay"))
        #expect(plan.skus[0].steps == [.quantity])
        #expect(plan.skus[1].quantity.value == 9)
    }

    @Test func archivedProduct_endsItsLiveListing_andADraftNeverListedIsSkipped() {
        let (known, groups) = applied(planner().plan([Self.tee()]).products[0])

        let archived = planner(known: known, groups: groups).plan([Self.tee(status: "ARCHIVED")]).products[0]
        let draft = planner().plan([Self.tee(status: "DRAFT")]).products[0]

        #expect(archived.action == .end)
        #expect(archived.group?.steps == [.withdrawGroup])
        #expect(draft.action == .skip)
        #expect(draft.steps.isEmpty)
    }

    @Test func outOfStock_withWithdrawRule_endsTheListing_withZeroRule_keepsIt() {
        let (known, groups) = applied(planner().plan([Self.tee(available: 5)]).products[0])
        var withdraw = RuleSettings()
        withdraw.outOfStock = .withdraw

        let ended = planner(rules: [Rule(name: "withdraw", scope: .all, settings: withdraw)], known: known, groups: groups)
            .plan([Self.tee(available: 0)]).products[0]
        let kept = planner(known: known, groups: groups).plan([Self.tee(available: 0)]).products[0]

        #expect(ended.action == .end)
        #expect(ended.notes.contains { $0.contains("rule withdraw") })
        #expect(kept.action == .update)
        #expect(kept.skus.allSatisfy { $0.steps == [.quantity] && $0.quantity.value == 0 })
    }

    @Test func accountProblems_block_withTheFix() {
        let noLocation = AccountSetup(fulfillment: Self.account.fulfillment, payment: [], returns: Self.account.returns + [.init(id: "R2", name: "60 days")], locations: [])

        let plan = planner(account: noLocation).plan([Self.tee()]).products[0]

        let fields = Set(plan.problems.map(\.field))
        #expect(plan.action == .blocked)
        #expect(fields == ["payment policy", "return policy", "location"])
        #expect(plan.problems.first { $0.field == "return policy" }?.fix.contains("R2 (60 days)") == true)
    }

    @Test func badSKUs_duplicateSKUs_noImage_andLongTitles() {
        var noSKU = Self.tee(id: 3)
        noSKU.variants[0].sku = nil
        var noImage = Self.tee(id: 4)
        noImage.images = []
        var long = Self.tee(id: 5)
        long.title = String(repeating: "Very long title words ", count: 6)
        var duplicate = Self.tee(id: 6)
        duplicate.variants[0].sku = "TEE-5-S"

        let plans = planner().plan([noSKU, noImage, long, duplicate]).products

        #expect(plans[0].problems.map(\.field) == ["sku"])
        #expect(plans[1].problems.map(\.field) == ["images"])
        #expect(plans[2].action == .create)
        #expect(plans[2].title.count <= 80)
        #expect(plans[2].notes.contains { $0.contains("shortened") })
        #expect(plans[3].problems.contains { $0.field == "sku" && $0.message.contains("also used by product 5") })
    }

    @Test func newVariant_onALiveGroup_isAddedAndRepublished() {
        let (known, groups) = applied(planner().plan([Self.tee(sizes: ["S", "M"])]).products[0])

        let plan = planner(known: known, groups: groups).plan([Self.tee(sizes: ["S", "M", "L"])]).products[0]

        #expect(plan.action == .update)
        #expect(plan.skus.first { $0.sku == "TEE-1-L" }?.steps == [.inventoryItem, .createOffer])
        #expect(plan.skus.first { $0.sku == "TEE-1-S" }?.steps == [])
        #expect(plan.group?.steps == [.group, .publishGroup])
    }
}
