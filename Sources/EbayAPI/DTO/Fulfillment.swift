import Foundation

// Fulfillment API v1.20.7 (contracts/ebay/sell_fulfillment_v1_oas3.json).

/// `OrderSearchPagedCollection`: a page of `getOrders`.
public struct EbayOrdersPage: Codable, Sendable, Hashable {
    public var href: String?
    public var limit: Int?
    public var next: String?
    public var offset: Int?
    public var prev: String?
    public var total: Int?
    public var orders: [EbayOrderDTO]?
    public var warnings: [EbayErrorDetail]?
}

/// `Order` (the fields the order pipeline reads). Dates are ISO 8601 strings as eBay sends them.
public struct EbayOrderDTO: Codable, Sendable, Hashable {
    public var orderId: String
    public var creationDate: String?
    public var lastModifiedDate: String?
    /// `OrderFulfillmentStatus`: `NOT_STARTED`, `IN_PROGRESS`, `FULFILLED`.
    public var orderFulfillmentStatus: String?
    /// `OrderPaymentStatusEnum`, e.g. `PAID`.
    public var orderPaymentStatus: String?
    public var sellerId: String?
    public var buyer: Buyer?
    public var cancelStatus: CancelStatus?
    public var lineItems: [LineItem]?
    public var pricingSummary: PricingSummary?

    public struct Buyer: Codable, Sendable, Hashable {
        public var username: String?
    }

    /// `CancelStatus`; `cancelState` is `CancelStateEnum` (`CANCELED`, `IN_PROGRESS`, `NONE_REQUESTED`).
    public struct CancelStatus: Codable, Sendable, Hashable {
        public var cancelState: String?
        public var cancelledDate: String?
    }

    /// `LineItem` (subset).
    public struct LineItem: Codable, Sendable, Hashable {
        public var lineItemId: String
        public var legacyItemId: String?
        public var sku: String?
        public var title: String?
        public var quantity: Int?
        public var lineItemCost: EbayAmount?
        public var lineItemFulfillmentStatus: String?
    }

    /// `PricingSummary` (subset).
    public struct PricingSummary: Codable, Sendable, Hashable {
        public var priceSubtotal: EbayAmount?
        public var deliveryCost: EbayAmount?
        public var total: EbayAmount?
    }

    public var isCancelled: Bool { cancelStatus?.cancelState == "CANCELED" }
}

/// `ShippingFulfillmentDetails`: the body of `createShippingFulfillment`.
public struct EbayShippingFulfillmentDetails: Codable, Sendable, Hashable {
    public var lineItems: [LineItemReference]
    /// ISO 8601 UTC, e.g. `2015-08-04T19:09:02.768Z`.
    public var shippedDate: String?
    public var shippingCarrierCode: String?
    public var trackingNumber: String?

    /// `LineItemReference {lineItemId, quantity}`.
    public struct LineItemReference: Codable, Sendable, Hashable {
        public var lineItemId: String
        public var quantity: Int

        public init(lineItemId: String, quantity: Int) {
            self.lineItemId = lineItemId
            self.quantity = quantity
        }
    }

    public init(lineItems: [LineItemReference], shippedDate: String?, shippingCarrierCode: String?, trackingNumber: String?) {
        self.lineItems = lineItems
        self.shippedDate = shippedDate
        self.shippingCarrierCode = shippingCarrierCode
        self.trackingNumber = trackingNumber
    }
}

/// `ShippingFulfillment`.
public struct EbayShippingFulfillment: Codable, Sendable, Hashable {
    public var fulfillmentId: String?
    public var lineItems: [EbayShippingFulfillmentDetails.LineItemReference]?
    public var shipmentTrackingNumber: String?
    public var shippedDate: String?
    public var shippingCarrierCode: String?
}

/// `ShippingFulfillmentPagedCollection`.
public struct EbayShippingFulfillmentsPage: Codable, Sendable, Hashable {
    public var fulfillments: [EbayShippingFulfillment]?
    public var total: Int?
    public var warnings: [EbayErrorDetail]?
}
