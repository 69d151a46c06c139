import Foundation

// Inventory API 1.18.4, inventory locations (contracts/ebay/sell_inventory_v1_oas3.json).

/// `InventoryLocationFull`: the body of `createInventoryLocation`.
public struct EbayInventoryLocation: Codable, Sendable, Hashable {
    public var location: Location
    public var name: String?
    /// `StoreTypeEnum` values: `STORE`, `WAREHOUSE`, `FULFILLMENT_CENTER`.
    public var locationTypes: [String]?
    /// `StatusEnum`: `ENABLED` or `DISABLED`.
    public var merchantLocationStatus: String?

    /// `LocationDetails {address, geoCoordinates}`.
    public struct Location: Codable, Sendable, Hashable {
        public var address: Address

        public init(address: Address) {
            self.address = address
        }
    }

    /// `Address`; `country` is a `CountryCodeEnum` (ISO 3166-1 alpha-2).
    public struct Address: Codable, Sendable, Hashable {
        public var addressLine1: String?
        public var city: String?
        public var stateOrProvince: String?
        public var postalCode: String?
        public var country: String

        public init(addressLine1: String? = nil, city: String?, stateOrProvince: String? = nil, postalCode: String?, country: String) {
            self.addressLine1 = addressLine1
            self.city = city
            self.stateOrProvince = stateOrProvince
            self.postalCode = postalCode
            self.country = country
        }
    }

    public init(location: Location, name: String?, locationTypes: [String]? = ["WAREHOUSE"], merchantLocationStatus: String? = "ENABLED") {
        self.location = location
        self.name = name
        self.locationTypes = locationTypes
        self.merchantLocationStatus = merchantLocationStatus
    }
}

/// `InventoryLocationResponse`: a location as `getInventoryLocations` returns it.
public struct EbayInventoryLocationRecord: Codable, Sendable, Hashable {
    public var merchantLocationKey: String?
    public var name: String?
    public var locationTypes: [String]?
    public var merchantLocationStatus: String?
    public var location: LocationWithID?

    /// `Location {address, geoCoordinates, locationId}`.
    public struct LocationWithID: Codable, Sendable, Hashable {
        public var address: EbayInventoryLocation.Address?
        public var locationId: String?
    }
}

/// `LocationResponse`: a page of `getInventoryLocations`.
public struct EbayLocationsPage: Codable, Sendable, Hashable {
    public var href: String?
    public var next: String?
    public var prev: String?
    public var limit: Int?
    public var offset: Int?
    public var total: Int?
    public var locations: [EbayInventoryLocationRecord]?
}
