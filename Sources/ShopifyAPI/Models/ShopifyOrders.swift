import Foundation

extension ShopifyAPI {
    public struct MoneyV2: Codable, Sendable, Equatable {
        public var amount: ShopifyDecimal
        public var currencyCode: String
        public init(amount: Decimal, currencyCode: String) {
            self.amount = ShopifyDecimal(amount)
            self.currencyCode = currencyCode
        }
    }

    public struct MoneyBag: Decodable, Sendable, Equatable {
        public var shopMoney: MoneyV2
    }

    public struct Order: Decodable, Sendable, Equatable {
        public var id: String
        public var legacyResourceId: String
        public var name: String
        public var sourceName: String?
        public var tags: [String]
        public var createdAt: Date
        public var displayFulfillmentStatus: String
        public var totalPriceSet: MoneyBag
        public var number: Int64 { Int64(legacyResourceId) ?? ShopifyID.number(id) ?? 0 }
    }

    /// An order as OrdersUpdated reads it: cancellation and fulfillments with tracking.
    public struct UpdatedOrder: Decodable, Sendable {
        public struct Fulfillment: Decodable, Sendable {
            public struct Line: Decodable, Sendable {
                public struct Item: Decodable, Sendable { public var sku: String? }
                public var quantity: Int?
                public var lineItem: Item
            }
            public var id: String
            public var legacyResourceId: String
            public var status: String
            public var createdAt: Date?
            public var trackingInfo: [TrackingInfo]
            public var fulfillmentLineItems: Nodes<Line>
            public var number: Int64 { Int64(legacyResourceId) ?? ShopifyID.number(id) ?? 0 }
        }
        public var id: String
        public var legacyResourceId: String
        public var name: String
        public var tags: [String]
        public var sourceIdentifier: String?
        public var cancelledAt: Date?
        public var updatedAt: Date
        public var fulfillments: [Fulfillment]
        public var number: Int64 { Int64(legacyResourceId) ?? ShopifyID.number(id) ?? 0 }
    }

    public struct FulfillmentOrder: Decodable, Sendable {
        public struct AssignedLocation: Decodable, Sendable, Equatable { public var location: Reference? }
        public struct LineItem: Decodable, Sendable, Equatable {
            public struct Line: Decodable, Sendable, Equatable { public var id: String; public var sku: String? }
            public var id: String
            public var totalQuantity: Int
            public var remainingQuantity: Int
            public var lineItem: Line
        }
        public var id: String
        /// `FulfillmentOrderStatus`: OPEN, IN_PROGRESS, CLOSED, ...
        public var status: String
        public var assignedLocation: AssignedLocation
        public var lineItems: Nodes<LineItem>
    }

    public struct TrackingInfo: Codable, Sendable, Equatable {
        public var company: String?
        public var number: String?
        public var url: String?
        public init(company: String?, number: String?, url: String? = nil) {
            self.company = company
            self.number = number
            self.url = url
        }
    }

    public struct Fulfillment: Decodable, Sendable, Equatable {
        public var id: String
        public var status: String
        public var trackingInfo: [TrackingInfo]
    }

    public struct InventoryChange: Decodable, Sendable, Equatable {
        public var name: String
        public var delta: Int
        public var quantityAfterChange: Int?
        public var item: Reference
        public var location: Reference
    }

    /// One absolute stock value to set, with the quantity we believe is there now.
    public struct StockUpdate: Sendable, Equatable {
        public var inventoryItemID: String
        public var locationID: String
        public var available: Int
        /// Shopify refuses the change (COMPARE_QUANTITY_STALE) if stock is no longer this;
        /// nil sends `ignoreCompareQuantity: true`.
        public var expectedCurrent: Int?
        public init(inventoryItemID: String, locationID: String, available: Int, expectedCurrent: Int?) {
            self.inventoryItemID = inventoryItemID
            self.locationID = locationID
            self.available = available
            self.expectedCurrent = expectedCurrent
        }
    }

    /// An order to create (an eBay order brought into Shopify).
    public struct NewOrder: Sendable, Equatable {
        public struct Line: Sendable, Equatable {
            public var variantID: String
            public var quantity: Int
            public var price: Decimal
            /// Taxes on this line (`OrderCreateLineItemInput.taxLines`).
            public var taxLines: [TaxLine]
            public init(variantID: String, quantity: Int, price: Decimal, taxLines: [TaxLine] = []) {
                self.variantID = variantID
                self.quantity = quantity
                self.price = price
                self.taxLines = taxLines
            }
        }
        public struct Address: Sendable, Equatable {
            public var firstName: String?, lastName: String?, address1: String?, address2: String?
            public var city: String?, provinceCode: String?, zip: String?, countryCode: String?, phone: String?
            public init(firstName: String? = nil, lastName: String? = nil, address1: String? = nil, address2: String? = nil, city: String? = nil, provinceCode: String? = nil, zip: String? = nil, countryCode: String? = nil, phone: String? = nil) {
                self.firstName = firstName; self.lastName = lastName; self.address1 = address1; self.address2 = address2
                self.city = city; self.provinceCode = provinceCode; self.zip = zip; self.countryCode = countryCode; self.phone = phone
            }
        }
        public struct ShippingLine: Sendable, Equatable {
            public var title: String
            public var price: Decimal
            public init(title: String, price: Decimal) { self.title = title; self.price = price }
        }
        public struct TaxLine: Sendable, Equatable {
            public var title: String
            public var rate: Decimal
            public var price: Decimal
            public init(title: String, rate: Decimal, price: Decimal) { self.title = title; self.rate = rate; self.price = price }
        }
        /// `OrderCreateInputsInventoryBehavior`.
        public enum InventoryBehaviour: String, Sendable { case bypass = "BYPASS", decrementIgnoringPolicy = "DECREMENT_IGNORING_POLICY", decrementObeyingPolicy = "DECREMENT_OBEYING_POLICY" }

        public var currency: String
        public var sourceName: String
        /// e.g. the eBay order id; also sent as a tag so `orders(query: "tag:…")` finds it.
        public var sourceIdentifier: String?
        public var tags: [String]
        public var email: String?
        public var lines: [Line]
        public var shippingAddress: Address?
        public var shippingLines: [ShippingLine]
        public var taxLines: [TaxLine]
        public var inventoryBehaviour: InventoryBehaviour
        public var note: String?
        /// `customAttributes` (the order's note attributes), e.g. `ebay_order_id`.
        public var attributes: [(key: String, value: String)]
        /// `OrderCreateFinancialStatus`, e.g. PAID.
        public var financialStatus: String?
        public var processedAt: Date?

        public init(currency: String, sourceName: String, sourceIdentifier: String? = nil, tags: [String] = [], email: String? = nil, lines: [Line], shippingAddress: Address? = nil, shippingLines: [ShippingLine] = [], taxLines: [TaxLine] = [], inventoryBehaviour: InventoryBehaviour = .decrementObeyingPolicy,
                    note: String? = nil, attributes: [(key: String, value: String)] = [], financialStatus: String? = nil, processedAt: Date? = nil) {
            self.currency = currency; self.sourceName = sourceName; self.sourceIdentifier = sourceIdentifier; self.tags = tags
            self.email = email; self.lines = lines; self.shippingAddress = shippingAddress; self.shippingLines = shippingLines
            self.taxLines = taxLines; self.inventoryBehaviour = inventoryBehaviour
            self.note = note; self.attributes = attributes; self.financialStatus = financialStatus; self.processedAt = processedAt
        }

        public static func == (lhs: NewOrder, rhs: NewOrder) -> Bool {
            lhs.currency == rhs.currency && lhs.sourceName == rhs.sourceName && lhs.sourceIdentifier == rhs.sourceIdentifier && lhs.tags == rhs.tags
                && lhs.email == rhs.email && lhs.lines == rhs.lines && lhs.shippingAddress == rhs.shippingAddress && lhs.shippingLines == rhs.shippingLines
                && lhs.taxLines == rhs.taxLines && lhs.inventoryBehaviour == rhs.inventoryBehaviour && lhs.note == rhs.note
                && lhs.attributes.map(\.key) == rhs.attributes.map(\.key) && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
                && lhs.financialStatus == rhs.financialStatus && lhs.processedAt == rhs.processedAt
        }
    }

    public struct BulkOperation: Decodable, Sendable, Equatable {
        public var id: String
        /// `BulkOperationStatus`: CREATED, RUNNING, COMPLETED, FAILED, CANCELED, EXPIRED, ...
        public var status: String
        public var errorCode: String?
        public var objectCount: String?
        public var rootObjectCount: String?
        public var url: String?
        public var partialDataUrl: String?
    }
}
