import Foundation

/// A variant as kept in `shopify_products.variants` (the seed's JSON column); the queryable
/// copy lives in `shopify_variants`.
public struct VariantSnapshot: Codable, Sendable, Hashable {
    public var id: Int64
    public var sku: String?
    public var title: String
    public var price: StoredDecimal
    public var inventoryItemID: Int64?
    public var inventoryQuantity: Int

    public init(id: Int64, sku: String?, title: String, price: Decimal, inventoryItemID: Int64?, inventoryQuantity: Int) {
        self.id = id
        self.sku = sku
        self.title = title
        self.price = StoredDecimal(price)
        self.inventoryItemID = inventoryItemID
        self.inventoryQuantity = inventoryQuantity
    }
}

/// One line of an order (Shopify or eBay), as kept in the orders' `items` JSON column.
public struct OrderItem: Codable, Sendable, Hashable {
    public var sku: String?
    public var title: String
    public var quantity: Int
    public var unitPrice: StoredDecimal
    /// The vendor's own line id (Shopify line item id or eBay lineItemId).
    public var lineID: String?

    public init(sku: String?, title: String, quantity: Int, unitPrice: Decimal, lineID: String? = nil) {
        self.sku = sku
        self.title = title
        self.quantity = quantity
        self.unitPrice = StoredDecimal(unitPrice)
        self.lineID = lineID
    }
}

/// Where an eBay order ships to, as kept in `ebay_orders.shipping_details`.
public struct ShippingDetails: Codable, Sendable, Hashable {
    public var fullName: String
    public var addressLine1: String
    public var addressLine2: String?
    public var city: String
    public var stateOrProvince: String?
    public var postalCode: String
    public var countryCode: String
    public var phone: String?
    public var shippingService: String?

    public init(
        fullName: String, addressLine1: String, addressLine2: String? = nil, city: String,
        stateOrProvince: String? = nil, postalCode: String, countryCode: String,
        phone: String? = nil, shippingService: String? = nil
    ) {
        self.fullName = fullName
        self.addressLine1 = addressLine1
        self.addressLine2 = addressLine2
        self.city = city
        self.stateOrProvince = stateOrProvince
        self.postalCode = postalCode
        self.countryCode = countryCode
        self.phone = phone
        self.shippingService = shippingService
    }
}

/// Engagement of one catalog product, as kept in `meta_product_catalogs.insights`.
public struct CatalogInsights: Codable, Sendable, Hashable {
    public var impressions: Int64
    public var clicks: Int64
    public var purchases: Int64
    public var spend: StoredDecimal?

    public init(impressions: Int64 = 0, clicks: Int64 = 0, purchases: Int64 = 0, spend: Decimal? = nil) {
        self.impressions = impressions
        self.clicks = clicks
        self.purchases = purchases
        self.spend = spend.map(StoredDecimal.init)
    }
}

/// A collection a product belongs to, as kept in `shopify_products.collections`.
public struct CollectionRef: Codable, Sendable, Hashable {
    public var handle: String
    public var title: String

    public init(handle: String, title: String) {
        self.handle = handle
        self.title = title
    }
}

/// One product metafield (`namespace.key` → value), as kept in `shopify_products.metafields`.
public struct MetafieldValue: Codable, Sendable, Hashable {
    public var namespace: String
    public var key: String
    public var value: String

    public init(namespace: String, key: String, value: String) {
        self.namespace = namespace
        self.key = key
        self.value = value
    }

    public var fullKey: String { "\(namespace).\(key)" }
}

/// A variant's option value (`Size` → `M`), as kept in `shopify_variants.selected_options`.
public struct SelectedOptionValue: Codable, Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// What creating an eBay order in Shopify needs beyond the seed's columns.
public struct EbayOrderDetail: Codable, Sendable, Hashable {
    public struct Line: Codable, Sendable, Hashable {
        public var lineItemID: String
        public var sku: String?
        public var title: String
        public var quantity: Int
        public var unitPrice: StoredDecimal
        /// Tax eBay collected on this line (and remits itself).
        public var ebayCollectedTax: StoredDecimal
        /// Tax the seller collects.
        public var sellerTax: StoredDecimal

        public init(lineItemID: String, sku: String?, title: String, quantity: Int, unitPrice: Decimal, ebayCollectedTax: Decimal, sellerTax: Decimal) {
            self.lineItemID = lineItemID
            self.sku = sku
            self.title = title
            self.quantity = quantity
            self.unitPrice = StoredDecimal(unitPrice)
            self.ebayCollectedTax = StoredDecimal(ebayCollectedTax)
            self.sellerTax = StoredDecimal(sellerTax)
        }
    }

    public var email: String?
    public var paymentStatus: String?
    public var shippingService: String?
    public var shippingCarrier: String?
    public var deliveryCost: StoredDecimal
    public var lines: [Line]
    public var buyerNote: String?

    public init(email: String?, paymentStatus: String?, shippingService: String?, shippingCarrier: String?, deliveryCost: Decimal, lines: [Line], buyerNote: String?) {
        self.email = email
        self.paymentStatus = paymentStatus
        self.shippingService = shippingService
        self.shippingCarrier = shippingCarrier
        self.deliveryCost = StoredDecimal(deliveryCost)
        self.lines = lines
        self.buyerNote = buyerNote
    }
}
