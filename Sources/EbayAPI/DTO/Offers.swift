import Foundation

// Inventory API 1.18.4, offers and publishing (contracts/ebay/sell_inventory_v1_oas3.json).

/// `EbayOfferDetailsWithKeys` (create) — also the writable part of `EbayOfferDetailsWithId`
/// (update), which has no `sku`, `marketplaceId` or `format`: `updateOffer` encodes without them.
public struct EbayOffer: Codable, Sendable, Hashable {
    public var sku: String?
    /// `MarketplaceEnum`, e.g. `EBAY_US`.
    public var marketplaceId: String?
    /// `FormatTypeEnum`: `FIXED_PRICE` or `AUCTION` (the contract lists both).
    public var format: String?
    public var availableQuantity: Int?
    public var categoryId: String?
    public var listingDescription: String?
    /// `ListingDurationEnum`; `GTC` for fixed price.
    public var listingDuration: String?
    public var listingPolicies: ListingPolicies?
    public var merchantLocationKey: String?
    public var pricingSummary: PricingSummary?
    public var quantityLimitPerBuyer: Int?

    public struct ListingPolicies: Codable, Sendable, Hashable {
        public var fulfillmentPolicyId: String?
        public var paymentPolicyId: String?
        public var returnPolicyId: String?

        public init(fulfillmentPolicyId: String?, paymentPolicyId: String?, returnPolicyId: String?) {
            self.fulfillmentPolicyId = fulfillmentPolicyId
            self.paymentPolicyId = paymentPolicyId
            self.returnPolicyId = returnPolicyId
        }
    }

    public struct PricingSummary: Codable, Sendable, Hashable {
        public var price: EbayAmount?

        public init(price: EbayAmount?) {
            self.price = price
        }
    }

    public init(sku: String?, marketplaceId: String?, format: String? = "FIXED_PRICE", availableQuantity: Int? = nil,
                categoryId: String? = nil, listingDescription: String? = nil, listingDuration: String? = "GTC",
                listingPolicies: ListingPolicies? = nil, merchantLocationKey: String? = nil,
                pricingSummary: PricingSummary? = nil, quantityLimitPerBuyer: Int? = nil) {
        self.sku = sku
        self.marketplaceId = marketplaceId
        self.format = format
        self.availableQuantity = availableQuantity
        self.categoryId = categoryId
        self.listingDescription = listingDescription
        self.listingDuration = listingDuration
        self.listingPolicies = listingPolicies
        self.merchantLocationKey = merchantLocationKey
        self.pricingSummary = pricingSummary
        self.quantityLimitPerBuyer = quantityLimitPerBuyer
    }

    /// The `EbayOfferDetailsWithId` body of `updateOffer`: the same fields minus the keys.
    public var updateBody: EbayOffer {
        var body = self
        body.sku = nil
        body.marketplaceId = nil
        body.format = nil
        return body
    }
}

/// `EbayOfferDetailsWithAll`: an offer as `getOffers` returns it.
public struct EbayOfferRecord: Codable, Sendable, Hashable {
    public var offerId: String?
    public var sku: String?
    public var marketplaceId: String?
    public var format: String?
    public var availableQuantity: Int?
    public var categoryId: String?
    public var listingDescription: String?
    public var listingDuration: String?
    public var listingPolicies: EbayOffer.ListingPolicies?
    public var merchantLocationKey: String?
    public var pricingSummary: EbayOffer.PricingSummary?
    /// `OfferStatusEnum`: `PUBLISHED` or `UNPUBLISHED`.
    public var status: String?
    public var listing: Listing?

    /// `ListingDetails`.
    public struct Listing: Codable, Sendable, Hashable {
        public var listingId: String?
        public var listingStatus: String?
        public var soldQuantity: Int?
        public var listingOnHold: Bool?
    }
}

/// `Offers`: a page of `getOffers`.
public struct EbayOffersPage: Codable, Sendable, Hashable {
    public var href: String?
    public var next: String?
    public var prev: String?
    public var limit: Int?
    public var size: Int?
    public var total: Int?
    public var offers: [EbayOfferRecord]?
}

/// `BulkEbayOfferDetailsWithKeys {requests}` (at most 25).
public struct EbayBulkOfferRequest: Codable, Sendable, Hashable {
    public var requests: [EbayOffer]
}

/// `BulkOfferResponse {responses: [OfferSkuResponse]}`.
public struct EbayBulkOfferResponse: Codable, Sendable, Hashable {
    public var responses: [Item]?

    public struct Item: Codable, Sendable, Hashable, EbayBulkItemResult {
        public var sku: String?
        public var marketplaceId: String?
        public var format: String?
        public var offerId: String?
        public var statusCode: Int?
        public var errors: [EbayErrorDetail]?
        public var warnings: [EbayErrorDetail]?
    }
}

/// `OfferResponse {offerId, warnings}` (updateOffer).
public struct EbayOfferResponse: Codable, Sendable, Hashable {
    public var offerId: String?
    public var warnings: [EbayErrorDetail]?
}

/// `BulkOffer {requests: [OfferKeyWithId {offerId}]}` (at most 25).
public struct EbayBulkPublishRequest: Codable, Sendable, Hashable {
    public var requests: [OfferKey]

    public struct OfferKey: Codable, Sendable, Hashable {
        public var offerId: String
    }
}

/// `BulkPublishResponse {responses: [OfferResponseWithListingId]}`.
public struct EbayBulkPublishResponse: Codable, Sendable, Hashable {
    public var responses: [Item]?

    public struct Item: Codable, Sendable, Hashable, EbayBulkItemResult {
        public var offerId: String?
        public var listingId: String?
        public var statusCode: Int?
        public var errors: [EbayErrorDetail]?
        public var warnings: [EbayErrorDetail]?
    }
}

/// `PublishByInventoryItemGroupRequest` and `WithdrawByInventoryItemGroupRequest`.
public struct EbayInventoryItemGroupRequest: Codable, Sendable, Hashable {
    public var inventoryItemGroupKey: String
    public var marketplaceId: String
}

/// `PublishResponse` and `WithdrawResponse`: `{listingId, warnings}`.
public struct EbayListingResponse: Codable, Sendable, Hashable {
    public var listingId: String?
    public var warnings: [EbayErrorDetail]?
}
