import EbayAPI
import Foundation
import Logging
import ShopifyAPI

/// What the sync engine needs from the running app: its vendor clients (made on demand: in
/// sandbox mode the stand-ins' address is known only once they run) and the settings read
/// from configuration at boot.
public struct SyncEnvironment: Sendable {
    public var ebay: @Sendable () throws -> EbayClient
    public var shopify: @Sendable () throws -> ShopifyClient
    /// Shopify locations whose stock counts for eBay (`SHOPIFY_LOCATION_IDS`); nil: all.
    public var locations: Set<Int64>?
    /// `STOCK_BUFFER`, `MAX_LISTED_QUANTITY`.
    public var defaults: RuleResolver.Defaults
    public var revisionBudget: RevisionBudget
    /// `ORDERS_SKIP_EXISTING`: look each eBay order up in Shopify before creating it.
    public var skipExistingOrders: Bool = false
    /// Shopify orders created at once (its cost bucket paces them).
    public var orderParallelism: Int = 4
    /// Fingerprints of the configured tokens (`ServiceHealthStore.fingerprint`), to know a new one.
    public var tokenFingerprints: [VendorService: String] = [:]
    public var logger: Logger
    public var now: @Sendable () -> Date

    public init(ebay: @escaping @Sendable () throws -> EbayClient, shopify: @escaping @Sendable () throws -> ShopifyClient,
                locations: Set<Int64>? = nil, defaults: RuleResolver.Defaults = .init(), revisionBudget: RevisionBudget = .shared,
                logger: Logger = Logger(label: "shoppyshop.sync"), now: @escaping @Sendable () -> Date = { Date() }) {
        self.ebay = ebay
        self.shopify = shopify
        self.locations = locations
        self.defaults = defaults
        self.revisionBudget = revisionBudget
        self.logger = logger
        self.now = now
    }
}

public struct SyncUnavailable: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
