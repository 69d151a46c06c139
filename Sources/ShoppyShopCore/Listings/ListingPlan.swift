import EbayAPI
import Foundation

/// The planner's answer: per product what to do on eBay and why, with every value's source.
/// Dry-run prints it; applying it is the only place that calls eBay.
public struct ListingPlan: Sendable, Codable {
    public var products: [ProductPlan]

    public init(products: [ProductPlan]) { self.products = products }

    public var summary: PlanSummary { PlanSummary(products) }
}

public struct PlanSummary: Sendable, Codable, Hashable, CustomStringConvertible {
    public var create = 0
    public var update = 0
    public var unchanged = 0
    public var blocked = 0
    public var end = 0
    public var skipped = 0

    public init() {}

    public init(_ products: [ProductPlan]) {
        for product in products { add(product.action) }
    }

    public mutating func add(_ action: ProductPlan.Action) {
        switch action {
        case .create: create += 1
        case .update: update += 1
        case .unchanged: unchanged += 1
        case .blocked: blocked += 1
        case .end: end += 1
        case .skip: skipped += 1
        }
    }

    public mutating func add(_ other: PlanSummary) {
        create += other.create; update += other.update; unchanged += other.unchanged
        blocked += other.blocked; end += other.end; skipped += other.skipped
    }

    public var description: String {
        "\(create) to list, \(update) to update, \(end) to end, \(unchanged) unchanged, \(blocked) blocked, \(skipped) not listed"
    }
}

/// Why a product cannot be listed, naming the field and the fix.
public struct PlanProblem: Sendable, Codable, Hashable, CustomStringConvertible {
    public var field: String
    public var message: String
    public var fix: String

    public init(field: String, message: String, fix: String) {
        self.field = field
        self.message = message
        self.fix = fix
    }

    public var description: String { "\(field): \(message) — fix: \(fix)" }
}

/// One eBay call's worth of work for a SKU or a group.
public enum PlanStep: String, Sendable, Codable, Hashable, CaseIterable {
    case inventoryItem
    case group
    case createOffer
    case updateOffer
    case price
    /// eBay's quantity differs from what the stock rules give: the stock push sends it.
    case quantity
    case publish
    case publishGroup
    case withdraw
    case withdrawGroup
}

public struct ProductPlan: Sendable, Codable, Hashable {
    public enum Action: String, Sendable, Codable, Hashable {
        case create
        case update
        case unchanged
        case blocked
        /// Withdraw its live listing (archived, draft or deleted in Shopify; out of stock with "withdraw").
        case end
        /// Not listed and nothing to do (a draft never listed; out of stock with "withdraw").
        case skip
    }

    public var shopifyID: Int64
    public var title: String
    public var action: Action
    public var problems: [PlanProblem]
    public var notes: [String]
    /// Resolved product-level values and their sources (category, policies, location, condition, aspects).
    public var values: [String: Sourced<String>]
    public var skus: [SKUPlan]
    public var group: GroupPlan?

    public init(shopifyID: Int64, title: String, action: Action, problems: [PlanProblem] = [], notes: [String] = [],
                values: [String: Sourced<String>] = [:], skus: [SKUPlan] = [], group: GroupPlan? = nil) {
        self.shopifyID = shopifyID
        self.title = title
        self.action = action
        self.problems = problems
        self.notes = notes
        self.values = values
        self.skus = skus
        self.group = group
    }

    public var steps: [PlanStep] { skus.flatMap(\.steps) + (group?.steps ?? []) }
}

public struct SKUPlan: Sendable, Codable, Hashable {
    public var sku: String
    public var variantShopifyID: Int64
    public var price: Sourced<Money>
    public var quantity: Sourced<Int>
    public var steps: [PlanStep]
    /// The payloads to send, with the hashes stored once eBay accepts them.
    public var item: EbayInventoryItem
    public var itemHash: String
    public var offer: EbayOffer
    public var offerHash: String
    /// The offer eBay already has, when known.
    public var offerID: String?

    public init(sku: String, variantShopifyID: Int64, price: Sourced<Money>, quantity: Sourced<Int>, steps: [PlanStep],
                item: EbayInventoryItem, itemHash: String, offer: EbayOffer, offerHash: String, offerID: String?) {
        self.sku = sku
        self.variantShopifyID = variantShopifyID
        self.price = price
        self.quantity = quantity
        self.steps = steps
        self.item = item
        self.itemHash = itemHash
        self.offer = offer
        self.offerHash = offerHash
        self.offerID = offerID
    }
}

public struct GroupPlan: Sendable, Codable, Hashable {
    public var key: String
    public var steps: [PlanStep]
    public var payload: EbayInventoryItemGroup
    public var hash: String

    public init(key: String, steps: [PlanStep], payload: EbayInventoryItemGroup, hash: String) {
        self.key = key
        self.steps = steps
        self.payload = payload
        self.hash = hash
    }
}

