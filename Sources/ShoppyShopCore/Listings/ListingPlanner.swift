import Crypto
import EbayAPI
import Foundation

/// (mirror, rules, known eBay state) → plan. Pure: no database, no network, no clock.
///
/// Per product it resolves the rules, builds the payloads eBay would get (one inventory item
/// per SKU, a group for several variants, one offer per SKU), checks everything eBay would
/// refuse before any call, and compares the payloads' hashes with what eBay last accepted,
/// so unchanged things are never sent again.
public struct ListingPlanner: Sendable {
    public let context: PlanContext

    /// eBay's limits (Inventory API contract and eBay's listing rules).
    public enum Limits {
        public static let titleLength = 80
        public static let skuLength = 50
        public static let variationsPerListing = 250
        public static let imagesPerListing = 24
    }

    public init(context: PlanContext) {
        self.context = context
    }

    public func plan(_ products: [CatalogProduct]) -> ListingPlan {
        var seen: [String: Int64] = [:]
        var plans: [ProductPlan] = []
        plans.reserveCapacity(products.count)
        for product in products {
            plans.append(plan(product, seenSKUs: &seen))
        }
        return ListingPlan(products: plans)
    }

    /// `seenSKUs`: SKUs already claimed by earlier products of this run (a SKU lists once).
    public func plan(_ product: CatalogProduct, seenSKUs: inout [String: Int64]) -> ProductPlan {
        let live = product.variants.compactMap { $0.sku }.compactMap { context.known[$0] }.filter(\.isLive)
        let groupLive = context.groups[product.groupKey]?.status == .live
        var result = ProductPlan(shopifyID: product.shopifyID, title: product.title, action: .unchanged)

        guard product.status == "ACTIVE" else {
            return ending(product, result, live: live, groupLive: groupLive, why: "the product is \(product.status.lowercased()) in Shopify")
        }

        let rules = context.resolver.resolve(product.subject)
        var problems: [PlanProblem] = []
        var notes: [String] = []

        // Title and identity.
        var title = product.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty {
            problems.append(PlanProblem(field: "title", message: "the product has no title", fix: "give it a title in Shopify"))
        } else if title.count > Limits.titleLength {
            title = Self.truncate(title, to: Limits.titleLength)
            notes.append("title shortened to eBay's \(Limits.titleLength) characters: \"\(title)\"")
        }
        result.title = title.isEmpty ? product.title : title
        if product.variants.isEmpty {
            problems.append(PlanProblem(field: "variants", message: "the product has no variants", fix: "add a variant in Shopify"))
        }
        if product.variants.count > Limits.variationsPerListing {
            problems.append(PlanProblem(field: "variants", message: "\(product.variants.count) variants; eBay allows \(Limits.variationsPerListing) per listing",
                                        fix: "split the product in Shopify"))
        }
        for variant in product.variants {
            guard let sku = variant.sku?.trimmingCharacters(in: .whitespaces), !sku.isEmpty else {
                problems.append(PlanProblem(field: "sku", message: "variant \"\(variant.title)\" has no SKU; eBay lists by SKU",
                                            fix: "give every variant a SKU in Shopify"))
                continue
            }
            if sku.count > Limits.skuLength {
                problems.append(PlanProblem(field: "sku", message: "SKU \(sku) is \(sku.count) characters; eBay allows \(Limits.skuLength)",
                                            fix: "shorten the SKU in Shopify"))
            }
            if let other = seenSKUs[sku], other != product.shopifyID {
                problems.append(PlanProblem(field: "sku", message: "SKU \(sku) is also used by product \(other); eBay needs it unique",
                                            fix: "give each variant its own SKU in Shopify"))
            } else {
                seenSKUs[sku] = product.shopifyID
            }
        }
        if product.images.isEmpty {
            problems.append(PlanProblem(field: "images", message: "the product has no image; eBay needs at least one",
                                        fix: "add an image to the product in Shopify"))
        }

        // Category and item specifics.
        var values: [String: Sourced<String>] = [:]
        let category = resolveCategory(product, rules: rules, problems: &problems)
        if let category {
            values["category"] = Sourced("\(category.info.id) \(category.info.name)", category.source)
        }
        let (productAspects, variantAspects, aspectSources) = aspects(product, rules: rules)
        for (name, source) in aspectSources { values["aspect \(name)"] = source }
        if let category {
            for name in category.info.requiredAspects {
                let onProduct = !(productAspects[name] ?? []).isEmpty
                let onEveryVariant = !product.variants.isEmpty && product.variants.allSatisfy { !(variantAspects[$0.shopifyID]?[name] ?? []).isEmpty }
                guard !onProduct, !onEveryVariant else { continue }
                problems.append(PlanProblem(
                    field: "aspect \(name)",
                    message: "eBay category \(category.info.id) (\(category.info.name)) requires the item specific \"\(name)\", which this product does not have",
                    fix: Self.aspectFix(name, product: product)))
            }
        }

        // Policies, location, condition.
        let policies = EbayOffer.ListingPolicies(
            fulfillmentPolicyId: policy("fulfillment", rules.fulfillmentPolicyID, context.account.fulfillment, flag: "fulfillment-policy", product: product, problems: &problems, values: &values),
            paymentPolicyId: policy("payment", rules.paymentPolicyID, context.account.payment, flag: "payment-policy", product: product, problems: &problems, values: &values),
            returnPolicyId: policy("return", rules.returnPolicyID, context.account.returns, flag: "return-policy", product: product, problems: &problems, values: &values))
        let location = resolveLocation(rules.locationKey, product: product, problems: &problems, values: &values)
        values["condition"] = Sourced(rules.condition.value, rules.condition.source)

        // Per SKU: price, quantity, payloads.
        var skuPlans: [SKUPlan] = []
        var allOut = !product.variants.isEmpty
        for variant in product.variants {
            guard let sku = variant.sku?.trimmingCharacters(in: .whitespaces), !sku.isEmpty, sku.count <= Limits.skuLength else { continue }
            let skuRules = context.resolver.resolve(product.subject, sku: sku)
            let price = ListingMath.price(shopify: variant.price, skuRules.priceAdjustment.value, rounding: skuRules.rounding.value)
            var priceSource: [String] = []
            for source in [skuRules.priceAdjustment.source, skuRules.rounding.source] where source != "default" && !priceSource.contains(source) {
                priceSource.append(source)
            }
            if price <= 0 {
                problems.append(PlanProblem(field: "price", message: "SKU \(sku): the price rules give \(price.plain) \(product.currency)",
                                            fix: "change rule \(skuRules.priceAdjustment.source) so the price stays above 0"))
            }
            let pending = context.pendingSales[sku] ?? 0
            let quantity = ListingMath.quantity(available: variant.available, pendingSales: pending, buffer: skuRules.stockBuffer.value,
                                                max: skuRules.stockMax?.value, fixed: skuRules.stockFixed?.value)
            if quantity > 0 { allOut = false }
            var quantitySource = skuRules.stockFixed.map { "fixed by \($0.source)" }
                ?? "Shopify \(variant.available) − buffer \(skuRules.stockBuffer.value) (\(skuRules.stockBuffer.source))"
            if pending > 0 { quantitySource += " − \(pending) sold on eBay, not yet in Shopify" }
            if let cap = skuRules.stockMax { quantitySource += ", at most \(cap.value) (\(cap.source))" }

            let aspects = productAspects.merging(variantAspects[variant.shopifyID] ?? [:]) { _, own in own }
            let item = EbayInventoryItem(
                sku: sku, locale: context.locale, condition: rules.condition.value,
                availability: EbayAvailability(quantity: quantity),
                product: EbayProduct(
                    title: title, description: Self.description(product), aspects: aspects.isEmpty ? nil : aspects,
                    upc: variant.barcode.map { [$0] }, imageUrls: Array(product.images.prefix(Limits.imagesPerListing))))
            let offer = EbayOffer(
                sku: sku, marketplaceId: context.marketplaceID, format: "FIXED_PRICE", availableQuantity: quantity,
                categoryId: category?.info.id, listingDescription: Self.description(product), listingDuration: "GTC",
                listingPolicies: policies, merchantLocationKey: location,
                pricingSummary: .init(price: EbayAmount(price, currency: product.currency)))
            let known = context.known[sku]
            skuPlans.append(SKUPlan(
                sku: sku, variantShopifyID: variant.shopifyID,
                price: Sourced(Money(price, product.currency), priceSource.isEmpty ? "Shopify price" : priceSource.joined(separator: " + ")),
                quantity: Sourced(quantity, quantitySource), steps: [],
                item: item, itemHash: Self.hash(Self.itemForHash(item)), offer: offer, offerHash: Self.hash(Self.offerForHash(offer)),
                offerID: known?.offerID))
        }

        if !problems.isEmpty {
            // Blocked before any call. A live listing keeps running on what eBay has.
            if !live.isEmpty || groupLive { notes.append("stays live on eBay as last listed until the problems are fixed") }
            result.action = .blocked
            result.problems = problems
            result.notes = notes
            result.values = values
            result.skus = skuPlans
            return result
        }

        let withdrawWhenOut = rules.outOfStock.value == .withdraw
        if allOut, withdrawWhenOut {
            result.values = values
            return ending(product, result, live: live, groupLive: groupLive, why: "out of stock, and rule \(rules.outOfStock.source) withdraws listings out of stock")
        }

        // Steps, by comparing with what eBay last accepted.
        let multi = product.isMultiVariation
        var anyNew = false
        for index in skuPlans.indices {
            var plan = skuPlans[index]
            let known = context.known[plan.sku]
            if known == nil || known?.productShopifyID != product.shopifyID { anyNew = true }
            if known?.itemHash != plan.itemHash { plan.steps.append(.inventoryItem) }
            if known?.offerID == nil {
                plan.steps.append(.createOffer)
            } else if known?.offerHash != plan.offerHash {
                plan.steps.append(.updateOffer)
            } else if known?.price != plan.price.value.amount {
                plan.steps.append(.price)
            }
            if let known, known.offerID != nil, !plan.steps.contains(.updateOffer), known.quantity != plan.quantity.value {
                plan.steps.append(.quantity)
            }
            if !multi, known?.isLive != true { plan.steps.append(.publish) }
            skuPlans[index] = plan
        }
        if multi {
            let payload = EbayInventoryItemGroup(
                inventoryItemGroupKey: nil, title: title, description: Self.description(product),
                aspects: productAspects.isEmpty ? nil : productAspects, imageUrls: Array(product.images.prefix(Limits.imagesPerListing)),
                variantSKUs: skuPlans.map(\.sku), variesBy: .init(specifications: Self.variesBy(product, variantAspects)))
            let hash = Self.hash(payload)
            let known = context.groups[product.groupKey]
            var steps: [PlanStep] = []
            if known?.groupHash != hash { steps.append(.group) }
            // A new variant joins the live listing only when the group is published again.
            let newVariant = skuPlans.contains { context.known[$0.sku]?.isLive != true }
            if known?.status != .live || newVariant { steps.append(.publishGroup) }
            result.group = GroupPlan(key: product.groupKey, steps: steps, payload: payload, hash: hash)
        }
        result.skus = skuPlans
        result.values = values
        result.notes = notes
        let wasListed = !live.isEmpty || groupLive
        result.action = result.steps.isEmpty ? .unchanged : (wasListed || !anyNew ? .update : .create)
        return result
    }

    // MARK: Ending

    private func ending(_ product: CatalogProduct, _ base: ProductPlan, live: [KnownSKU], groupLive: Bool, why: String) -> ProductPlan {
        var result = base
        result.notes.append(why)
        if product.isMultiVariation || groupLive {
            if groupLive {
                result.group = GroupPlan(key: product.groupKey, steps: [.withdrawGroup], payload: EbayInventoryItemGroup(
                    title: nil, description: nil, aspects: nil, imageUrls: nil, variantSKUs: [], variesBy: nil), hash: "")
            }
        }
        for known in live where known.groupKey == nil || !groupLive {
            result.skus.append(SKUPlan(
                sku: known.sku, variantShopifyID: 0, price: Sourced(Money(known.price ?? 0, product.currency), "eBay"),
                quantity: Sourced(0, why), steps: [.withdraw], item: EbayInventoryItem(sku: known.sku), itemHash: known.itemHash ?? "",
                offer: EbayOffer(sku: known.sku, marketplaceId: context.marketplaceID), offerHash: known.offerHash ?? "", offerID: known.offerID))
        }
        result.action = result.steps.isEmpty ? .skip : .end
        return result
    }

    // MARK: Values

    private func resolveCategory(_ product: CatalogProduct, rules: ResolvedRules, problems: inout [PlanProblem]) -> (info: CategoryInfo, source: String)? {
        if let chosen = rules.categoryID {
            if let info = context.categoriesByID[chosen.value] { return (info, chosen.source) }
            problems.append(PlanProblem(field: "category", message: "rule \(chosen.source) names eBay category \(chosen.value), which eBay's category tree does not have (or not as a leaf)",
                                        fix: "correct the category id in rule \(chosen.source)"))
            return nil
        }
        let type = product.productType?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !type.isEmpty else {
            problems.append(PlanProblem(field: "category", message: "the product has no product type, so no eBay category can be suggested",
                                        fix: "set a product type in Shopify, or `shoppyshop rules set \(Self.ruleName(product)) --product \(product.shopifyID) --category <eBay category id>`"))
            return nil
        }
        guard let suggested = context.categories[type], let info = suggested else {
            problems.append(PlanProblem(field: "category", message: "eBay's Taxonomy API suggests no category for product type \"\(type)\"",
                                        fix: "`shoppyshop rules set \(Self.slug(type)) --product-type '\(type)' --category <eBay category id>`"))
            return nil
        }
        return (info, "Taxonomy suggestion for \"\(type)\"")
    }

    private func policy(_ kind: String, _ chosen: Sourced<String>?, _ available: [AccountSetup.Policy], flag: String,
                        product: CatalogProduct, problems: inout [PlanProblem], values: inout [String: Sourced<String>]) -> String? {
        if let chosen {
            guard let match = available.first(where: { $0.id == chosen.value }) else {
                problems.append(PlanProblem(field: "\(kind) policy", message: "rule \(chosen.source) names \(kind) policy \(chosen.value), which the eBay account does not have",
                                            fix: "use one of: \(available.map { "\($0.id) (\($0.name))" }.joined(separator: ", ").nonEmpty ?? "none exists yet")"))
                return nil
            }
            values["\(kind) policy"] = Sourced("\(match.id) \(match.name)", chosen.source)
            return match.id
        }
        switch available.count {
        case 0:
            problems.append(PlanProblem(field: "\(kind) policy", message: "the eBay account has no \(kind) business policy",
                                        fix: "create one in eBay Seller Hub › Account › Business policies"))
            return nil
        case 1:
            values["\(kind) policy"] = Sourced("\(available[0].id) \(available[0].name)", "the account's only \(kind) policy")
            return available[0].id
        default:
            problems.append(PlanProblem(field: "\(kind) policy", message: "the eBay account has \(available.count) \(kind) policies and no rule chooses one",
                                        fix: "`shoppyshop rules set default --all --\(flag) <id>` with one of \(available.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))"))
            return nil
        }
    }

    private func resolveLocation(_ chosen: Sourced<String>?, product: CatalogProduct, problems: inout [PlanProblem], values: inout [String: Sourced<String>]) -> String? {
        let keys = context.account.locations
        if let chosen {
            guard keys.contains(chosen.value) else {
                problems.append(PlanProblem(field: "location", message: "rule \(chosen.source) names eBay inventory location \(chosen.value), which the account does not have",
                                            fix: "use one of: \(keys.joined(separator: ", ").nonEmpty ?? "none exists yet")"))
                return nil
            }
            values["location"] = Sourced(chosen.value, chosen.source)
            return chosen.value
        }
        switch keys.count {
        case 0:
            problems.append(PlanProblem(field: "location", message: "the eBay account has no inventory location (where items ship from)",
                                        fix: "create one in eBay Seller Hub, or with the Inventory API's createInventoryLocation"))
            return nil
        case 1:
            values["location"] = Sourced(keys[0], "the account's only location")
            return keys[0]
        default:
            problems.append(PlanProblem(field: "location", message: "the eBay account has \(keys.count) inventory locations and no rule chooses one",
                                        fix: "`shoppyshop rules set default --all --location <key>` with one of \(keys.joined(separator: ", "))"))
            return nil
        }
    }

    /// Product-level aspects, per-variant aspects, and where each came from.
    func aspects(_ product: CatalogProduct, rules: ResolvedRules) -> ([String: [String]], [Int64: [String: [String]]], [String: Sourced<String>]) {
        var productLevel: [String: [String]] = [:]
        var perVariant: [Int64: [String: [String]]] = [:]
        var sources: [String: Sourced<String>] = [:]
        // Every Shopify option (but Shopify's placeholder "Title") is a variation aspect by default.
        let optionNames = Set(product.variants.flatMap { $0.options.map(\.name) }).subtracting(["Title"])
        for name in optionNames.sorted() where rules.aspects[name] == nil {
            for variant in product.variants {
                if let value = variant.options.first(where: { $0.name == name })?.value { perVariant[variant.shopifyID, default: [:]][name] = [value] }
            }
            sources[name] = Sourced("option \(name)", "default (Shopify option)")
        }
        for (name, sourced) in rules.aspects.sorted(by: { $0.key < $1.key }) {
            let source = sourced.value.source
            switch source {
            case .none:
                continue
            case .vendor:
                if let vendor = product.vendor?.nonEmpty { productLevel[name] = [vendor] }
            case .productType:
                if let type = product.productType?.nonEmpty { productLevel[name] = [type] }
            case .value(let text):
                productLevel[name] = [text]
            case .metafield(let key):
                if let value = product.metafields.first(where: { $0.fullKey == key })?.value.nonEmpty { productLevel[name] = [value] }
            case .option(let option):
                for variant in product.variants {
                    if let value = variant.options.first(where: { $0.name == option })?.value { perVariant[variant.shopifyID, default: [:]][name] = [value] }
                }
            }
            sources[name] = Sourced(source.description, sourced.source)
        }
        // An aspect every variant shares is a product aspect for a single-variant product.
        if !product.isMultiVariation, let only = product.variants.first, let own = perVariant[only.shopifyID] {
            productLevel.merge(own) { product, _ in product }
            perVariant = [:]
        }
        return (productLevel, perVariant, sources)
    }

    static func variesBy(_ product: CatalogProduct, _ perVariant: [Int64: [String: [String]]]) -> [EbayInventoryItemGroup.Specification] {
        var names: [String] = []
        var values: [String: [String]] = [:]
        for variant in product.variants {
            for (name, list) in (perVariant[variant.shopifyID] ?? [:]).sorted(by: { $0.key < $1.key }) {
                if values[name] == nil { names.append(name) }
                for value in list where !(values[name] ?? []).contains(value) { values[name, default: []].append(value) }
            }
        }
        return names.map { .init(name: $0, values: values[$0] ?? []) }
    }

    // MARK: Helpers

    static func description(_ product: CatalogProduct) -> String {
        let text = product.descriptionHTML.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? product.title : text
    }

    /// At a word boundary when one is near the limit.
    static func truncate(_ text: String, to limit: Int) -> String {
        let cut = String(text.prefix(limit))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit - 20 {
            return String(cut[..<space]).trimmingCharacters(in: .whitespaces)
        }
        return cut
    }

    /// Quantity is pushed on its own (stock), so it is not part of what makes an item "changed".
    static func itemForHash(_ item: EbayInventoryItem) -> EbayInventoryItem {
        var copy = item
        copy.availability = nil
        return copy
    }

    /// Price and quantity travel by `bulkUpdatePriceQuantity`; the rest needs `updateOffer`.
    static func offerForHash(_ offer: EbayOffer) -> EbayOffer {
        var copy = offer
        copy.availableQuantity = nil
        copy.pricingSummary = nil
        return copy
    }

    /// SHA-256 of the payload's canonical JSON (sorted keys).
    public static func hash(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data()
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// A rule that would give the aspect, using a metafield the product has when one fits.
    static func aspectFix(_ name: String, product: CatalogProduct) -> String {
        let lower = name.lowercased()
        let source: String
        // Only a source whose name fits: a rule mapping "Size" from an unrelated metafield would
        // list wrong item specifics, which is worse than being blocked.
        func fits(_ key: String) -> Bool { let key = key.lowercased(); return key.contains(lower) || lower.contains(key) }
        if let field = product.metafields.first(where: { fits($0.key) }) {
            source = "metafield:\(field.fullKey)"
        } else if let option = product.variants.first?.options.first(where: { $0.name != "Title" && fits($0.name) })?.name {
            source = "option:\(option)"
        } else {
            source = "value:<text>"
        }
        return "add a \(name) option or metafield in Shopify, or map one with a rule: `shoppyshop rules set \(ruleName(product)) --\(scopeFlag(product)) --aspect '\(name)=\(source)'`"
    }

    static func ruleName(_ product: CatalogProduct) -> String {
        product.productType.map(slug) ?? "product-\(product.shopifyID)"
    }

    static func scopeFlag(_ product: CatalogProduct) -> String {
        product.productType.map { "product-type '\($0)'" } ?? "product \(product.shopifyID)"
    }

    static func slug(_ text: String) -> String {
        let slug = text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(slug).split(separator: "-").joined(separator: "-")
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
