import Foundation

// Account API v1.9.3 (contracts/ebay/sell_account_v1_oas3.json): business policies.

/// `CategoryType {name, default}`; name is `CategoryTypeEnum` (`ALL_EXCLUDING_MOTORS_VEHICLES`, `MOTORS_VEHICLES`).
public struct EbayCategoryType: Codable, Sendable, Hashable {
    public var name: String
    public var `default`: Bool?

    public init(name: String = "ALL_EXCLUDING_MOTORS_VEHICLES") {
        self.name = name
    }
}

/// `FulfillmentPolicyRequest`, and (with the id) `FulfillmentPolicy` / `SetFulfillmentPolicyResponse`.
public struct EbayFulfillmentPolicy: Codable, Sendable, Hashable {
    public var fulfillmentPolicyId: String?
    public var name: String
    public var marketplaceId: String
    public var categoryTypes: [EbayCategoryType]
    public var description: String?
    public var handlingTime: EbayTimeDuration?
    public var shippingOptions: [ShippingOption]?
    public var warnings: [EbayErrorDetail]?

    /// `ShippingOption {costType, optionType, shippingServices}`.
    public struct ShippingOption: Codable, Sendable, Hashable {
        /// `ShippingCostTypeEnum`: `FLAT_RATE`, `CALCULATED`, `NOT_SPECIFIED`.
        public var costType: String
        /// `ShippingOptionTypeEnum`: `DOMESTIC`, `INTERNATIONAL`.
        public var optionType: String
        public var shippingServices: [ShippingService]?

        public init(costType: String, optionType: String, shippingServices: [ShippingService]?) {
            self.costType = costType
            self.optionType = optionType
            self.shippingServices = shippingServices
        }
    }

    /// `ShippingService`.
    public struct ShippingService: Codable, Sendable, Hashable {
        public var shippingCarrierCode: String?
        public var shippingServiceCode: String?
        public var shippingCost: EbayAmount?
        public var freeShipping: Bool?
        public var sortOrder: Int?

        public init(shippingCarrierCode: String?, shippingServiceCode: String?, shippingCost: EbayAmount?, freeShipping: Bool?, sortOrder: Int? = 1) {
            self.shippingCarrierCode = shippingCarrierCode
            self.shippingServiceCode = shippingServiceCode
            self.shippingCost = shippingCost
            self.freeShipping = freeShipping
            self.sortOrder = sortOrder
        }
    }

    public init(name: String, marketplaceId: String, categoryTypes: [EbayCategoryType] = [EbayCategoryType()], description: String? = nil,
                handlingTime: EbayTimeDuration? = nil, shippingOptions: [ShippingOption]? = nil) {
        self.name = name
        self.marketplaceId = marketplaceId
        self.categoryTypes = categoryTypes
        self.description = description
        self.handlingTime = handlingTime
        self.shippingOptions = shippingOptions
    }
}

/// `PaymentPolicyRequest`, `PaymentPolicy`, `SetPaymentPolicyResponse`.
public struct EbayPaymentPolicy: Codable, Sendable, Hashable {
    public var paymentPolicyId: String?
    public var name: String
    public var marketplaceId: String
    public var categoryTypes: [EbayCategoryType]
    public var description: String?
    public var immediatePay: Bool?
    public var warnings: [EbayErrorDetail]?

    public init(name: String, marketplaceId: String, categoryTypes: [EbayCategoryType] = [EbayCategoryType()], description: String? = nil, immediatePay: Bool? = true) {
        self.name = name
        self.marketplaceId = marketplaceId
        self.categoryTypes = categoryTypes
        self.description = description
        self.immediatePay = immediatePay
    }
}

/// `ReturnPolicyRequest`, `ReturnPolicy`, `SetReturnPolicyResponse`.
public struct EbayReturnPolicy: Codable, Sendable, Hashable {
    public var returnPolicyId: String?
    public var name: String
    public var marketplaceId: String
    public var categoryTypes: [EbayCategoryType]
    public var description: String?
    public var returnsAccepted: Bool
    public var returnPeriod: EbayTimeDuration?
    /// `ReturnShippingCostPayerEnum`: `BUYER` or `SELLER`.
    public var returnShippingCostPayer: String?
    public var warnings: [EbayErrorDetail]?

    public init(name: String, marketplaceId: String, categoryTypes: [EbayCategoryType] = [EbayCategoryType()], description: String? = nil,
                returnsAccepted: Bool, returnPeriod: EbayTimeDuration? = nil, returnShippingCostPayer: String? = nil) {
        self.name = name
        self.marketplaceId = marketplaceId
        self.categoryTypes = categoryTypes
        self.description = description
        self.returnsAccepted = returnsAccepted
        self.returnPeriod = returnPeriod
        self.returnShippingCostPayer = returnShippingCostPayer
    }
}

/// `FulfillmentPolicyResponse`, `PaymentPolicyResponse`, `ReturnPolicyResponse`: the policy
/// list pages of the three `get…Policies` calls.
public struct EbayFulfillmentPoliciesPage: Codable, Sendable, Hashable {
    public var fulfillmentPolicies: [EbayFulfillmentPolicy]?
    public var href: String?
    public var limit: Int?
    public var next: String?
    public var offset: Int?
    public var prev: String?
    public var total: Int?
}

public struct EbayPaymentPoliciesPage: Codable, Sendable, Hashable {
    public var paymentPolicies: [EbayPaymentPolicy]?
    public var href: String?
    public var limit: Int?
    public var next: String?
    public var offset: Int?
    public var prev: String?
    public var total: Int?
}

public struct EbayReturnPoliciesPage: Codable, Sendable, Hashable {
    public var returnPolicies: [EbayReturnPolicy]?
    public var href: String?
    public var limit: Int?
    public var next: String?
    public var offset: Int?
    public var prev: String?
    public var total: Int?
}
