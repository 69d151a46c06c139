import EbayAPI
import Foundation

/// A product as the planner sees it: the mirror's row with its variants and their stock at
/// the chosen Shopify locations.
public struct CatalogProduct: Sendable, Hashable {
    public struct Variant: Sendable, Hashable {
        public var shopifyID: Int64
        public var sku: String?
        public var title: String
        public var price: Decimal
        public var barcode: String?
        public var position: Int
        public var options: [SelectedOptionValue]
        /// `available` at the chosen locations.
        public var available: Int

        public init(shopifyID: Int64, sku: String?, title: String, price: Decimal, barcode: String? = nil, position: Int,
                    options: [SelectedOptionValue] = [], available: Int) {
            self.shopifyID = shopifyID
            self.sku = sku
            self.title = title
            self.price = price
            self.barcode = barcode
            self.position = position
            self.options = options
            self.available = available
        }
    }

    public var shopifyID: Int64
    public var title: String
    public var descriptionHTML: String
    public var productType: String?
    public var vendor: String?
    public var tags: [String]
    public var collections: [CollectionRef]
    public var metafields: [MetafieldValue]
    public var images: [String]
    /// ACTIVE, DRAFT, ARCHIVED or DELETED.
    public var status: String
    public var currency: String
    public var variants: [Variant]

    public init(shopifyID: Int64, title: String, descriptionHTML: String, productType: String?, vendor: String?, tags: [String] = [],
                collections: [CollectionRef] = [], metafields: [MetafieldValue] = [], images: [String], status: String = "ACTIVE",
                currency: String, variants: [Variant]) {
        self.shopifyID = shopifyID
        self.title = title
        self.descriptionHTML = descriptionHTML
        self.productType = productType
        self.vendor = vendor
        self.tags = tags
        self.collections = collections
        self.metafields = metafields
        self.images = images
        self.status = status
        self.currency = currency
        self.variants = variants
    }

    public var subject: RuleSubject {
        RuleSubject(shopifyID: shopifyID, productType: productType, vendor: vendor, tags: tags, collections: collections)
    }

    /// The inventory item group key of a multi-variant product.
    public var groupKey: String { "SP-\(shopifyID)" }

    public var isMultiVariation: Bool { variants.count > 1 }
}

/// eBay's category for a product type and what it requires.
public struct CategoryInfo: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var requiredAspects: [String]
    /// Aspects that may vary between variants; empty: eBay said nothing (no check).
    public var variationAspects: [String]

    public init(id: String, name: String, requiredAspects: [String], variationAspects: [String] = []) {
        self.id = id
        self.name = name
        self.requiredAspects = requiredAspects
        self.variationAspects = variationAspects
    }
}

/// The seller's business policies and inventory locations, as the Account and Inventory APIs list them.
public struct AccountSetup: Sendable, Hashable {
    public struct Policy: Sendable, Hashable {
        public var id: String
        public var name: String
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public var fulfillment: [Policy]
    public var payment: [Policy]
    public var returns: [Policy]
    /// `merchantLocationKey`s of enabled locations.
    public var locations: [String]

    public init(fulfillment: [Policy], payment: [Policy], returns: [Policy], locations: [String]) {
        self.fulfillment = fulfillment
        self.payment = payment
        self.returns = returns
        self.locations = locations
    }
}

/// What is known of a SKU on eBay (from `ebay_items`).
public struct KnownSKU: Sendable, Hashable {
    public var sku: String
    public var productShopifyID: Int64
    public var groupKey: String?
    public var itemHash: String?
    public var offerID: String?
    public var offerHash: String?
    public var listingID: String?
    public var status: EbayItem.Status
    public var price: Decimal?
    public var quantity: Int?

    public init(sku: String, productShopifyID: Int64, groupKey: String?, itemHash: String?, offerID: String?, offerHash: String?,
                listingID: String?, status: EbayItem.Status, price: Decimal?, quantity: Int?) {
        self.sku = sku
        self.productShopifyID = productShopifyID
        self.groupKey = groupKey
        self.itemHash = itemHash
        self.offerID = offerID
        self.offerHash = offerHash
        self.listingID = listingID
        self.status = status
        self.price = price
        self.quantity = quantity
    }

    public var isLive: Bool { status == .live }
}

public struct KnownGroup: Sendable, Hashable {
    public var groupKey: String
    public var groupHash: String?
    public var listingID: String?
    public var status: EbayItem.Status

    public init(groupKey: String, groupHash: String?, listingID: String?, status: EbayItem.Status) {
        self.groupKey = groupKey
        self.groupHash = groupHash
        self.listingID = listingID
        self.status = status
    }
}

/// Everything the planner reads besides the products.
public struct PlanContext: Sendable {
    public var resolver: RuleResolver
    /// Product type → Taxonomy's category; a type mapped to nil had no suggestion.
    public var categories: [String: CategoryInfo?]
    /// Categories named by rules, with their required aspects.
    public var categoriesByID: [String: CategoryInfo]
    public var account: AccountSetup
    public var known: [String: KnownSKU]
    public var groups: [String: KnownGroup]
    /// Units sold on eBay that Shopify's stock does not show yet, per SKU.
    public var pendingSales: [String: Int]
    public var marketplaceID: String
    /// `Content-Language` locale of inventory items, e.g. `en_US`.
    public var locale: String

    public init(resolver: RuleResolver, categories: [String: CategoryInfo?], categoriesByID: [String: CategoryInfo] = [:],
                account: AccountSetup, known: [String: KnownSKU] = [:], groups: [String: KnownGroup] = [:],
                pendingSales: [String: Int] = [:], marketplaceID: String = "EBAY_US", locale: String = "en_US") {
        self.resolver = resolver
        self.categories = categories
        self.categoriesByID = categoriesByID
        self.account = account
        self.known = known
        self.groups = groups
        self.pendingSales = pendingSales
        self.marketplaceID = marketplaceID
        self.locale = locale
    }
}
