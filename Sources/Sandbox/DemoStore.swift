import Foundation

/// A deterministic Shopify store for the sandbox: the shop, its locations and its catalog.
///
/// Built by `DemoStore.generate(products:seed:)`, a pure function: the same arguments give
/// the same store, field for field, on every machine. The Shopify stand-in serves it, the
/// eBay stand-in lists it, and the Meta stand-in matches its SKUs as retailer ids.
/// Field names follow Shopify's Admin GraphQL 2025-01 objects where one exists.
public struct DemoStore: Sendable, Equatable, Codable {
    public var seed: UInt64
    public var shop: Shop
    public var locations: [Location]
    /// Ordered by `id`, which grows with `createdAt`, as Shopify's ids do.
    public var products: [Product]

    public init(seed: UInt64, shop: Shop, locations: [Location], products: [Product]) {
        self.seed = seed
        self.shop = shop
        self.locations = locations
        self.products = products
    }

    public var variantCount: Int {
        products.reduce(0) { $0 + $1.variants.count }
    }
}

extension DemoStore {
    public struct Shop: Sendable, Equatable, Codable {
        public var id: Int64
        public var name: String
        public var email: String
        /// `Shop.myshopifyDomain`.
        public var domain: String
        /// ISO 4217, `Shop.currencyCode`.
        public var currencyCode: String
        /// `Shop.ianaTimezone`.
        public var timeZone: String
        public var weightUnit: WeightUnit
        public var plan: Plan

        public var gid: String { "gid://shopify/Shop/\(id)" }
    }

    /// Shopify's plans by `ShopPlan.displayName`. The throttle a plan gets is the Shopify
    /// stand-in's business, not the store's.
    public enum Plan: String, Sendable, Equatable, Codable, CaseIterable {
        case basic = "Basic"
        case shopify = "Shopify"
        case advanced = "Advanced"
        case plus = "Shopify Plus"
    }

    public struct Location: Sendable, Equatable, Codable {
        public var id: Int64
        public var name: String
        public var city: String
        /// ISO 3166-1 alpha-2.
        public var countryCode: String

        public var gid: String { "gid://shopify/Location/\(id)" }
    }

    public struct Product: Sendable, Equatable, Codable {
        public var id: Int64
        public var handle: String
        public var title: String
        /// Plain text; `descriptionHTML` is the same in one paragraph.
        public var description: String
        public var productType: String
        public var vendor: String
        /// Sorted and unique, as Shopify returns them.
        public var tags: [String]
        public var status: Status
        public var options: [Option]
        public var variants: [Variant]
        public var images: [Image]
        public var createdAt: Date
        public var updatedAt: Date

        public var gid: String { "gid://shopify/Product/\(id)" }
        public var descriptionHTML: String { "<p>\(description)</p>" }
    }

    /// `ProductStatus`.
    public enum Status: String, Sendable, Equatable, Codable, CaseIterable {
        case active = "ACTIVE"
        case draft = "DRAFT"
        case archived = "ARCHIVED"
    }

    /// `ProductOption`. A product without options has Shopify's single
    /// "Title" option with the value "Default Title".
    public struct Option: Sendable, Equatable, Codable {
        public var name: String
        public var position: Int
        public var values: [String]
    }

    public struct SelectedOption: Sendable, Equatable, Codable {
        public var name: String
        public var value: String
    }

    public struct Variant: Sendable, Equatable, Codable {
        public var id: Int64
        /// The option values joined by " / ", or "Default Title".
        public var title: String
        /// Unique across the store and at most 50 characters (eBay's SKU limit).
        public var sku: String
        public var position: Int
        public var selectedOptions: [SelectedOption]
        /// In the shop's currency, exactly two decimals.
        public var price: Decimal
        /// Greater than `price` when set.
        public var compareAtPrice: Decimal?
        /// UPC-A with a valid check digit, when set.
        public var barcode: String?
        public var weight: Weight
        public var inventoryItemID: Int64
        /// One level per location that stocks the variant (one or two).
        public var inventoryLevels: [InventoryLevel]

        public var gid: String { "gid://shopify/ProductVariant/\(id)" }
        public var inventoryItemGID: String { "gid://shopify/InventoryItem/\(inventoryItemID)" }
        /// `ProductVariant.inventoryQuantity`: available units over all locations.
        public var inventoryQuantity: Int { inventoryLevels.reduce(0) { $0 + $1.available } }
    }

    public struct InventoryLevel: Sendable, Equatable, Codable {
        public var locationID: Int64
        /// Never negative in the demo store.
        public var available: Int
    }

    /// `Weight` of `InventoryItem.measurement`.
    public struct Weight: Sendable, Equatable, Codable {
        public var value: Decimal
        public var unit: WeightUnit
    }

    /// `WeightUnit`.
    public enum WeightUnit: String, Sendable, Equatable, Codable, CaseIterable {
        case grams = "GRAMS"
        case kilograms = "KILOGRAMS"
        case ounces = "OUNCES"
        case pounds = "POUNDS"
    }

    /// `MediaImage`, reduced to what listings need.
    public struct Image: Sendable, Equatable, Codable {
        public var id: Int64
        public var url: String
        public var altText: String
        public var width: Int
        public var height: Int

        public var gid: String { "gid://shopify/MediaImage/\(id)" }
    }
}
