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
    /// Where and how to ship: `shippingStep.shipTo` holds the buyer's address.
    public var fulfillmentStartInstructions: [FulfillmentStartInstruction]?
    public var buyerCheckoutNotes: String?
    /// Taxes eBay collected and remits itself (marketplace facilitator), order level.
    public var ebayCollectAndRemitTax: [EbayCollectAndRemitTax]?

    public struct Buyer: Codable, Sendable, Hashable {
        public var username: String?
        /// `ExtendedContact`: the buyer's registration name, email and address.
        public var buyerRegistrationAddress: ExtendedContact?
    }

    /// `FulfillmentStartInstruction` (the shipping part).
    public struct FulfillmentStartInstruction: Codable, Sendable, Hashable {
        public var fulfillmentInstructionsType: String?
        public var shippingStep: ShippingStep?
    }

    /// `ShippingStep`.
    public struct ShippingStep: Codable, Sendable, Hashable {
        public var shippingCarrierCode: String?
        public var shippingServiceCode: String?
        public var shipTo: ExtendedContact?
    }

    /// `ExtendedContact`.
    public struct ExtendedContact: Codable, Sendable, Hashable {
        public var fullName: String?
        public var companyName: String?
        public var email: String?
        public var contactAddress: Address?
        public var primaryPhone: Phone?
    }

    /// `Address`.
    public struct Address: Codable, Sendable, Hashable {
        public var addressLine1: String?
        public var addressLine2: String?
        public var city: String?
        public var stateOrProvince: String?
        public var postalCode: String?
        public var countryCode: String?
        public var county: String?
    }

    /// `PhoneNumber`.
    public struct Phone: Codable, Sendable, Hashable {
        public var phoneNumber: String?
    }

    /// `EbayCollectAndRemitTax`.
    public struct EbayCollectAndRemitTax: Codable, Sendable, Hashable {
        public var taxType: String?
        public var amount: EbayAmount?
        public var collectionMethod: String?
    }

    /// `Tax`.
    public struct Tax: Codable, Sendable, Hashable {
        public var taxType: String?
        public var amount: EbayAmount?
    }

    /// `DeliveryCost`.
    public struct DeliveryCost: Codable, Sendable, Hashable {
        public var shippingCost: EbayAmount?
        public var handlingCost: EbayAmount?
    }

    public var shipTo: ExtendedContact? { fulfillmentStartInstructions?.compactMap(\.shippingStep?.shipTo).first }
    public var shippingServiceCode: String? { fulfillmentStartInstructions?.compactMap(\.shippingStep?.shippingServiceCode).first }

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
        public var total: EbayAmount?
        public var deliveryCost: DeliveryCost?
        /// Taxes the seller collects (the seller remits them).
        public var taxes: [Tax]?
        /// Taxes eBay collected and remits itself.
        public var ebayCollectAndRemitTaxes: [EbayCollectAndRemitTax]?
    }

    /// `PricingSummary` (subset).
    public struct PricingSummary: Codable, Sendable, Hashable {
        public var priceSubtotal: EbayAmount?
        public var deliveryCost: EbayAmount?
        public var tax: EbayAmount?
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

/// `IssueRefundRequest`: a full refund when `orderLevelRefundAmount` is the order total.
public struct EbayIssueRefundRequest: Codable, Sendable, Hashable {
    /// `ReasonForRefundEnum`, e.g. `BUYER_CANCEL`, `OUT_OF_STOCK`, `OTHER`.
    public var reasonForRefund: String
    public var comment: String?
    public var orderLevelRefundAmount: EbaySimpleAmount?
    public var refundItems: [RefundItem]?

    public struct RefundItem: Codable, Sendable, Hashable {
        public var lineItemId: String
        public var refundAmount: EbaySimpleAmount
        public init(lineItemId: String, refundAmount: EbaySimpleAmount) {
            self.lineItemId = lineItemId
            self.refundAmount = refundAmount
        }
    }

    public init(reasonForRefund: String, comment: String? = nil, orderLevelRefundAmount: EbaySimpleAmount? = nil, refundItems: [RefundItem]? = nil) {
        self.reasonForRefund = reasonForRefund
        self.comment = comment
        self.orderLevelRefundAmount = orderLevelRefundAmount
        self.refundItems = refundItems
    }
}

/// `SimpleAmount {currency, value}`.
public struct EbaySimpleAmount: Codable, Sendable, Hashable {
    public var currency: String
    public var value: String
    public init(_ amount: Decimal, currency: String) {
        self.currency = currency
        self.value = EbayAmount(amount, currency: currency).value
    }
}

/// `Refund {refundId, refundStatus}`: what `issueRefund` answers.
public struct EbayRefund: Codable, Sendable, Hashable {
    public var refundId: String?
    public var refundStatus: String?
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
