import Foundation

/// One product to list, derived by the planner from the Shopify mirror: one inventory
/// item per variant SKU; an inventory item group when there is more than one variant.
public struct EbayListingInput: Sendable, Hashable {
    public struct Variant: Sendable, Hashable {
        public var sku: String
        public var price: Decimal
        public var currency: String
        /// Absolute quantity to offer (already clamped by the stock rules).
        public var quantity: Int
        /// The variant's own item specifics, e.g. `["Color": ["Red"]]`.
        public var aspects: [String: [String]]
        public var upc: String?
        public var imageUrls: [String]

        public init(sku: String, price: Decimal, currency: String, quantity: Int, aspects: [String: [String]] = [:], upc: String? = nil, imageUrls: [String] = []) {
            self.sku = sku
            self.price = price
            self.currency = currency
            self.quantity = quantity
            self.aspects = aspects
            self.upc = upc
            self.imageUrls = imageUrls
        }
    }

    /// The inventory item group key for multi-variant products (e.g. the Shopify product id).
    public var groupKey: String
    public var title: String
    public var description: String
    public var categoryID: String
    /// Product-level item specifics, e.g. `["Brand": ["Acme"]]`.
    public var aspects: [String: [String]]
    public var imageUrls: [String]
    public var condition: String
    public var variants: [Variant]
    public var policies: EbayOffer.ListingPolicies
    public var merchantLocationKey: String

    public init(groupKey: String, title: String, description: String, categoryID: String, aspects: [String: [String]],
                imageUrls: [String], condition: String = "NEW", variants: [Variant], policies: EbayOffer.ListingPolicies,
                merchantLocationKey: String) {
        self.groupKey = groupKey
        self.title = title
        self.description = description
        self.categoryID = categoryID
        self.aspects = aspects
        self.imageUrls = imageUrls
        self.condition = condition
        self.variants = variants
        self.policies = policies
        self.merchantLocationKey = merchantLocationKey
    }

    public var isMultiVariation: Bool { variants.count > 1 }

    /// The names the variants differ by, with their values in order of appearance.
    var variesBy: [EbayInventoryItemGroup.Specification] {
        var names: [String] = []
        var values: [String: [String]] = [:]
        for variant in variants {
            for (name, list) in variant.aspects.sorted(by: { $0.key < $1.key }) {
                if values[name] == nil { names.append(name) }
                for value in list where !(values[name] ?? []).contains(value) { values[name, default: []].append(value) }
            }
        }
        return names.map { .init(name: $0, values: values[$0] ?? []) }
    }
}

/// What became of one SKU: listed (with eBay's listing id) or refused, with eBay's own errors.
public struct EbayListingResult: Sendable, Hashable {
    public var sku: String
    public var offerID: String?
    public var listingID: String?
    public var errors: [EbayErrorDetail]
    /// Which step refused it: `inventoryItem`, `group`, `offer` or `publish`.
    public var failedStep: String?

    public var isListed: Bool { listingID != nil && errors.isEmpty }
}
