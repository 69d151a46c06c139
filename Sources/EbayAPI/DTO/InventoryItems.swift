import Foundation

// Inventory API 1.18.4 (contracts/ebay/sell_inventory_v1_oas3.json), inventory items.
// Only the fields ShoppyShop sends or reads; names, nesting and types are the contract's.

/// `InventoryItemWithSkuLocale`: one element of `bulkCreateOrReplaceInventoryItem`.
public struct EbayInventoryItem: Codable, Sendable, Hashable {
    /// Max length 50 (contract: "Max Length: 50").
    public var sku: String
    /// `LocaleEnum`, e.g. `en_US`.
    public var locale: String?
    /// `ConditionEnum`, e.g. `NEW`.
    public var condition: String?
    public var conditionDescription: String?
    public var availability: EbayAvailability?
    public var packageWeightAndSize: EbayPackageWeightAndSize?
    public var product: EbayProduct?

    public init(sku: String, locale: String? = nil, condition: String? = nil, availability: EbayAvailability? = nil,
                packageWeightAndSize: EbayPackageWeightAndSize? = nil, product: EbayProduct? = nil) {
        self.sku = sku
        self.locale = locale
        self.condition = condition
        self.availability = availability
        self.packageWeightAndSize = packageWeightAndSize
        self.product = product
    }
}

/// `Availability` / `AvailabilityWithAll` (the read form adds `allocationByFormat`).
public struct EbayAvailability: Codable, Sendable, Hashable {
    public var shipToLocationAvailability: EbayShipToLocationAvailability?

    public init(quantity: Int) {
        self.shipToLocationAvailability = EbayShipToLocationAvailability(quantity: quantity)
    }
}

public struct EbayShipToLocationAvailability: Codable, Sendable, Hashable {
    public var quantity: Int?
    /// Read only (`ShipToLocationAvailabilityWithAll`).
    public var allocationByFormat: FormatAllocation?

    public struct FormatAllocation: Codable, Sendable, Hashable {
        public var auction: Int?
        public var fixedPrice: Int?
    }

    public init(quantity: Int?) {
        self.quantity = quantity
    }
}

public struct EbayPackageWeightAndSize: Codable, Sendable, Hashable {
    public var weight: Weight?

    /// `Weight {unit, value}`; unit is `WeightUnitOfMeasureEnum` (`POUND`, `KILOGRAM`, `OUNCE`, `GRAM`).
    /// `value` is a JSON number in the contract; Decimal keeps it exact.
    public struct Weight: Codable, Sendable, Hashable {
        public var unit: String
        public var value: Decimal

        public init(unit: String, value: Decimal) {
            self.unit = unit
            self.value = value
        }
    }

    public init(weight: Weight?) {
        self.weight = weight
    }
}

/// `Product`. `aspects` is declared `type: string` in the contract, but the contract's own
/// description gives the wire form as an object of string arrays
/// (`"aspects": {"Brand": ["GoPro"], "Storage Type": ["Removable"]}`), which is what eBay takes.
public struct EbayProduct: Codable, Sendable, Hashable {
    /// Max length 80 (contract: "Max Length: 80").
    public var title: String?
    public var description: String?
    public var aspects: [String: [String]]?
    public var brand: String?
    public var mpn: String?
    public var upc: [String]?
    public var ean: [String]?
    public var imageUrls: [String]?

    public init(title: String? = nil, description: String? = nil, aspects: [String: [String]]? = nil, brand: String? = nil,
                mpn: String? = nil, upc: [String]? = nil, ean: [String]? = nil, imageUrls: [String]? = nil) {
        self.title = title
        self.description = description
        self.aspects = aspects
        self.brand = brand
        self.mpn = mpn
        self.upc = upc
        self.ean = ean
        self.imageUrls = imageUrls
    }
}

/// `BulkInventoryItem {requests}` (at most 25).
public struct EbayBulkInventoryItemRequest: Codable, Sendable, Hashable {
    public var requests: [EbayInventoryItem]
}

/// `BulkInventoryItemResponse {responses: [InventoryItemResponse]}`.
public struct EbayBulkInventoryItemResponse: Codable, Sendable, Hashable {
    public var responses: [Item]?

    public struct Item: Codable, Sendable, Hashable, EbayBulkItemResult {
        public var sku: String?
        public var locale: String?
        public var statusCode: Int?
        public var errors: [EbayErrorDetail]?
        public var warnings: [EbayErrorDetail]?
    }
}

/// `BulkGetInventoryItem {requests: [GetInventoryItem {sku}]}`.
public struct EbayBulkGetInventoryItemRequest: Codable, Sendable, Hashable {
    public var requests: [SKU]

    public struct SKU: Codable, Sendable, Hashable {
        public var sku: String
    }
}

/// `BulkGetInventoryItemResponse {responses: [GetInventoryItemResponse]}`.
public struct EbayBulkGetInventoryItemResponse: Codable, Sendable, Hashable {
    public var responses: [Item]?

    public struct Item: Codable, Sendable, Hashable, EbayBulkItemResult {
        public var sku: String?
        public var statusCode: Int?
        public var inventoryItem: EbayInventoryItemRecord?
        public var errors: [EbayErrorDetail]?
        public var warnings: [EbayErrorDetail]?
    }
}

/// `InventoryItemWithSkuLocaleGroupid` / `…GroupKeys`: an inventory item as eBay returns it.
public struct EbayInventoryItemRecord: Codable, Sendable, Hashable {
    public var sku: String?
    public var locale: String?
    public var condition: String?
    public var availability: EbayAvailability?
    public var packageWeightAndSize: EbayPackageWeightAndSize?
    public var product: EbayProduct?
    public var groupIds: [String]?
    public var inventoryItemGroupKeys: [String]?
}

/// `InventoryItems`: a page of `getInventoryItems`.
public struct EbayInventoryItemsPage: Codable, Sendable, Hashable {
    public var href: String?
    public var next: String?
    public var prev: String?
    public var limit: Int?
    public var size: Int?
    public var total: Int?
    public var inventoryItems: [EbayInventoryItemRecord]?
}

/// `InventoryItemGroup`: the parent of a multi-variation listing.
public struct EbayInventoryItemGroup: Codable, Sendable, Hashable {
    public var inventoryItemGroupKey: String?
    public var title: String?
    public var description: String?
    public var aspects: [String: [String]]?
    public var imageUrls: [String]?
    public var variantSKUs: [String]?
    public var variesBy: VariesBy?

    public struct VariesBy: Codable, Sendable, Hashable {
        public var aspectsImageVariesBy: [String]?
        public var specifications: [Specification]?

        public init(aspectsImageVariesBy: [String]? = nil, specifications: [Specification]) {
            self.aspectsImageVariesBy = aspectsImageVariesBy
            self.specifications = specifications
        }
    }

    public struct Specification: Codable, Sendable, Hashable {
        public var name: String
        public var values: [String]

        public init(name: String, values: [String]) {
            self.name = name
            self.values = values
        }
    }

    public init(inventoryItemGroupKey: String? = nil, title: String?, description: String?, aspects: [String: [String]]?,
                imageUrls: [String]?, variantSKUs: [String], variesBy: VariesBy?) {
        self.inventoryItemGroupKey = inventoryItemGroupKey
        self.title = title
        self.description = description
        self.aspects = aspects
        self.imageUrls = imageUrls
        self.variantSKUs = variantSKUs
        self.variesBy = variesBy
    }
}

/// `BulkPriceQuantity {requests: [PriceQuantity]}`.
public struct EbayBulkPriceQuantityRequest: Codable, Sendable, Hashable {
    public var requests: [PriceQuantity]

    /// `PriceQuantity {sku, shipToLocationAvailability, offers}`.
    public struct PriceQuantity: Codable, Sendable, Hashable {
        public var sku: String?
        public var shipToLocationAvailability: EbayShipToLocationAvailability?
        public var offers: [OfferPriceQuantity]?

        public init(sku: String?, quantity: Int?, offers: [OfferPriceQuantity]? = nil) {
            self.sku = sku
            self.shipToLocationAvailability = quantity.map(EbayShipToLocationAvailability.init(quantity:))
            self.offers = offers
        }
    }

    /// `OfferPriceQuantity {offerId, availableQuantity, price}`.
    public struct OfferPriceQuantity: Codable, Sendable, Hashable {
        public var offerId: String
        public var availableQuantity: Int?
        public var price: EbayAmount?

        public init(offerId: String, availableQuantity: Int? = nil, price: EbayAmount? = nil) {
            self.offerId = offerId
            self.availableQuantity = availableQuantity
            self.price = price
        }
    }
}

/// `BulkPriceQuantityResponse {responses: [PriceQuantityResponse]}`.
public struct EbayBulkPriceQuantityResponse: Codable, Sendable, Hashable {
    public var responses: [Item]?

    public struct Item: Codable, Sendable, Hashable, EbayBulkItemResult {
        public var sku: String?
        public var offerId: String?
        public var statusCode: Int?
        public var errors: [EbayErrorDetail]?
        public var warnings: [EbayErrorDetail]?
    }
}
