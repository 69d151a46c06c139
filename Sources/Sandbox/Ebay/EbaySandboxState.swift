import Foundation

/// Everything the eBay stand-in remembers, behind one lock: inventory items, groups,
/// offers, locations, policies, orders, issued tokens, and the counters behind eBay's
/// limits. One per sandbox host (`EbaySandbox.state(of:)`), so tests can drive the buyer
/// simulator and read the counters directly.
public final class EbaySandboxState: Sendable {
    public struct Settings: Sendable, Equatable {
        /// `expires_in` of issued access tokens. Short by default so every run refreshes.
        public var tokenLifetimeSeconds = 120
        /// Calls per second across the Sell/Commerce APIs before 429; nil for no limit.
        /// eBay publishes no per-second figure for these APIs; 50/s keeps demo runs smooth.
        public var requestsPerSecond: Int? = 50
        /// `Retry-After` sent with a rate-limit 429.
        public var retryAfterSeconds = 1
        /// eBay's default daily quotas per API (issue 5).
        public var dailyQuotas: [String: Int] = [
            "/sell/inventory/v1": 2_000_000, "/sell/fulfillment/v1": 100_000,
            "/sell/account/v1": 25_000, "/commerce/taxonomy/v1": 5_000,
        ]
        /// eBay allows 250 revisions per listing per day.
        public var revisionsPerListingPerDay = 250

        public init() {}
    }

    struct Item: Sendable {
        var sku: String
        var body: EbayJSON
        var quantity: Int
        var aspects: [String: [String]]
        var groupKeys: Set<String> = []
    }

    struct Offer: Sendable {
        var id: String
        var sku: String
        var marketplaceID: String
        var format: String
        var body: [String: EbayJSON]
        var availableQuantity: Int?
        var categoryID: String?
        var price: Decimal?
        var currency: String?
        var listingID: String?
        var soldQuantity = 0
        var published: Bool { listingID != nil }
    }

    public struct Order: Sendable {
        public struct Line: Sendable {
            public var lineItemID: String
            public var sku: String
            public var offerID: String
            public var listingID: String
            public var quantity: Int
            public var unitPrice: Decimal
            public var currency: String
            public var title: String
        }

        public struct Fulfillment: Sendable {
            public var id: String
            public var lines: [(String, Int)]
            public var trackingNumber: String?
            public var carrier: String?
            public var shippedDate: String?
        }

        /// Where it ships: a deterministic US address per order.
        public struct ShipTo: Sendable {
            public var fullName: String
            public var email: String
            public var addressLine1: String
            public var city: String
            public var stateOrProvince: String
            public var postalCode: String
            public var phone: String
        }

        public var id: String
        public var buyer: String
        public var created: Date
        public var lastModified: Date
        public var lines: [Line]
        public var cancelled = false
        public var fulfillments: [Fulfillment] = []
        public var shipTo: ShipTo
        /// The fulfillment policy's flat shipping cost.
        public var deliveryCost: Decimal = Decimal(string: "4.99")!
        /// State sales tax eBay collects and remits (US marketplace facilitator), as a fraction.
        public var taxRate: Decimal
        public var refunds: [(id: String, amount: Decimal)] = []

        public var subtotal: Decimal { lines.reduce(Decimal(0)) { $0 + $1.unitPrice * Decimal($1.quantity) } }
        /// Tax on items and shipping, rounded to cents per line as eBay shows it.
        public func tax(_ line: Line) -> Decimal {
            var value = (line.unitPrice * Decimal(line.quantity) + deliveryCost / Decimal(lines.count)) * taxRate
            var rounded = Decimal()
            NSDecimalRound(&rounded, &value, 2, .plain)
            return rounded
        }
        public var totalTax: Decimal { lines.reduce(Decimal(0)) { $0 + tax($1) } }
        public var total: Decimal { subtotal + deliveryCost + totalTax }

        public var fulfillmentStatus: String {
            let shipped = fulfillments.reduce(0) { $0 + $1.lines.reduce(0) { $0 + $1.1 } }
            let ordered = lines.reduce(0) { $0 + $1.quantity }
            if shipped == 0 { return "NOT_STARTED" }
            return shipped >= ordered ? "FULFILLED" : "IN_PROGRESS"
        }
    }

    struct Store: Sendable {
        var settings = Settings()
        var items: [String: Item] = [:]
        var groups: [String: EbayJSON] = [:]
        var offers: [String: Offer] = [:]
        var locations: [(String, EbayJSON)] = []
        var policies: [String: [(String, EbayJSON)]] = [:]
        var orders: [Order] = []
        var tokens: [String: Date] = [:]
        var nextID = 1
        var day = 0
        var calls: [String: Int] = [:]
        var operationCalls: [String: Int] = [:]
        var revisions: [String: Int] = [:]
        var second = 0
        var callsThisSecond = 0
        var tokensIssued = 0
        var rateLimited = 0
        var failedPurchases = 0
        var clockOffset: TimeInterval = 0
        var refreshRevoked = false
    }

    let box = LockedBox(Store())
    let store: DemoStore

    init(store: DemoStore) {
        self.store = store
    }

    // MARK: Public Swift API (tests, the CLI)

    /// The demo seller's account as set up once in Seller Hub: one business policy of each
    /// kind and one inventory location (the Shopify store's warehouse), as the Account and
    /// Inventory APIs would return them.
    public static let demoLocationKey = "demo-warehouse"

    func setUpDemoSeller() {
        box.withLock { store in
            guard store.policies.isEmpty, store.locations.isEmpty else { return }
            let marketplace = EbayJSON.string("EBAY_US")
            let categories = EbayJSON.array([.object(["name": .string("ALL_EXCLUDING_MOTORS_VEHICLES")])])
            func add(_ kind: String, _ idField: String, _ body: [String: EbayJSON]) {
                let id = "\(6_000_000_000 + store.nextID)"
                store.nextID += 1
                var object = body
                object[idField] = .string(id)
                store.policies[kind, default: []].append((id, .object(object)))
            }
            add("fulfillment", "fulfillmentPolicyId", [
                "name": .string("Standard shipping"), "marketplaceId": marketplace, "categoryTypes": categories,
                "handlingTime": .object(["unit": .string("DAY"), "value": .int(1)]),
                "shippingOptions": .array([.object([
                    "costType": .string("FLAT_RATE"), "optionType": .string("DOMESTIC"),
                    "shippingServices": .array([.object([
                        "shippingCarrierCode": .string("USPS"), "shippingServiceCode": .string("USPSPriority"),
                        "shippingCost": .object(["value": .string("4.99"), "currency": .string("USD")]), "freeShipping": .bool(false),
                    ])]),
                ])]),
            ])
            add("payment", "paymentPolicyId", ["name": .string("Immediate payment"), "marketplaceId": marketplace, "categoryTypes": categories,
                                               "immediatePay": .bool(true)])
            add("return", "returnPolicyId", ["name": .string("30 day returns"), "marketplaceId": marketplace, "categoryTypes": categories,
                                             "returnsAccepted": .bool(true), "returnPeriod": .object(["unit": .string("DAY"), "value": .int(30)]),
                                             "returnShippingCostPayer": .string("BUYER")])
            store.locations.append((Self.demoLocationKey, .object([
                "name": .string("Demo warehouse"), "locationTypes": .array([.string("WAREHOUSE")]),
                "merchantLocationStatus": .string("ENABLED"),
                "location": .object(["address": .object([
                    "addressLine1": .string("1 Demo Street"), "city": .string("Columbus"), "stateOrProvince": .string("OH"),
                    "postalCode": .string("43215"), "country": .string("US"),
                ])]),
            ])))
        }
    }

    /// The seller edits a listing by hand in Seller Hub: eBay's quantity or price changes
    /// without ShoppyShop (reconcile finds it).
    public func editByHand(sku: String, quantity: Int? = nil, price: Decimal? = nil) -> Bool {
        box.withLock { store in
            guard store.items[sku] != nil else { return false }
            if let quantity {
                store.items[sku]?.quantity = quantity
                for (id, offer) in store.offers where offer.sku == sku {
                    store.offers[id]?.availableQuantity = quantity + offer.soldQuantity
                }
            }
            if let price {
                for (id, offer) in store.offers where offer.sku == sku { store.offers[id]?.price = price }
            }
            return true
        }
    }

    /// Removes every item, group, offer and order; keeps policies, locations and tokens.
    public func resetListings() {
        box.withLock { store in
            store.items = [:]
            store.groups = [:]
            store.offers = [:]
            store.orders = []
            store.revisions = [:]
        }
    }

    /// Quantity and price eBay shows for a SKU's live offer, for assertions.
    public func listing(sku: String) -> (available: Int, price: Decimal?)? {
        let store = box.current
        guard let offer = store.offers.values.first(where: { $0.sku == sku && $0.published }) else { return nil }
        return (max(0, offer.availableQuantity.map { $0 - offer.soldQuantity } ?? store.items[sku]?.quantity ?? 0), offer.price)
    }

    /// Offers per SKU and listings per group, to prove nothing was duplicated.
    public var duplicateReport: (offersPerSKU: [String: Int], listingIDs: Set<String>) {
        let store = box.current
        var offers: [String: Int] = [:]
        for offer in store.offers.values { offers[offer.sku, default: 0] += 1 }
        return (offers, Set(store.offers.values.compactMap(\.listingID)))
    }

    public var settings: Settings {
        get { box.current.settings }
        set { box.withLock { $0.settings = newValue } }
    }

    /// The stand-in's clock: real time plus an offset tests may move.
    public var now: Date { Date().addingTimeInterval(box.current.clockOffset) }

    public func advanceClock(by seconds: TimeInterval) {
        box.withLock { $0.clockOffset += seconds }
    }

    /// Access tokens issued by the token endpoint.
    public var tokensIssued: Int { box.current.tokensIssued }
    /// Requests answered 429 by the per-second limit or a daily quota.
    public var rateLimitedCount: Int { box.current.rateLimited }
    /// HTTP calls per operation id, every attempt counted.
    public var callsPerOperation: [String: Int] { box.current.operationCalls }
    /// Purchases refused because the listing had too few units: a visible oversell attempt.
    public var failedPurchases: Int { box.current.failedPurchases }
    public var orders: [Order] { box.current.orders }
    public var inventoryItemCount: Int { box.current.items.count }
    public var offerCount: Int { box.current.offers.count }
    public func revisions(listingID: String) -> Int { box.current.revisions[listingID] ?? 0 }

    /// Live listings: (sku, listing id, units available).
    public var liveListings: [(sku: String, listingID: String, available: Int)] {
        box.current.offers.values.compactMap { offer in
            offer.listingID.map { (offer.sku, $0, max(0, offer.availableQuantity.map { $0 - offer.soldQuantity } ?? 0)) }
        }.sorted { $0.sku < $1.sku }
    }

    public enum PurchaseError: Error, Equatable {
        case noLiveListing(String)
        case insufficientQuantity(sku: String, available: Int, requested: Int)
        case unknownOrder(String)
    }

    /// A buyer buys `quantity` of `sku` on its live listing. Never sells more than listed:
    /// an oversell attempt fails and is counted.
    @discardableResult
    public func placeOrder(sku: String, quantity: Int = 1, buyer: String = "sandbox_buyer", at date: Date? = nil) throws(PurchaseError) -> String {
        let result: Result<String, PurchaseError> = box.withLock { store in
            guard let offerID = store.offers.values.first(where: { $0.sku == sku && $0.published })?.id,
                  var offer = store.offers[offerID], let listingID = offer.listingID
            else { return .failure(.noLiveListing(sku)) }
            let available = max(0, offer.availableQuantity.map { $0 - offer.soldQuantity } ?? store.items[sku]?.quantity ?? 0)
            guard quantity <= available else {
                store.failedPurchases += 1
                return .failure(.insufficientQuantity(sku: sku, available: available, requested: quantity))
            }
            offer.soldQuantity += quantity
            store.offers[offerID] = offer
            if var item = store.items[sku] {
                item.quantity = max(0, item.quantity - quantity)
                store.items[sku] = item
            }
            let time = date ?? Date().addingTimeInterval(store.clockOffset)
            let number = store.nextID
            store.nextID += 1
            let orderID = String(format: "%02d-%05d-%05d", number % 100, 10_000 + number, 20_000 + number)
            let title = store.items[sku]?.body["product"]?["title"]?.string ?? sku
            let place = Self.places[number % Self.places.count]
            let name = Self.names[number % Self.names.count]
            store.orders.append(Order(
                id: orderID, buyer: buyer, created: time, lastModified: time,
                lines: [Order.Line(lineItemID: "\(10_000_000_000 + number)", sku: sku, offerID: offerID, listingID: listingID,
                                   quantity: quantity, unitPrice: offer.price ?? 0, currency: offer.currency ?? "USD", title: title)],
                shipTo: Order.ShipTo(
                    fullName: name, email: "\(buyer)@members.ebay.sandbox.invalid", addressLine1: "\(100 + number % 900) \(place.street)",
                    city: place.city, stateOrProvince: place.state, postalCode: place.zip, phone: "555-01\(String(format: "%02d", number % 100))"),
                taxRate: place.tax))
            return .success(orderID)
        }
        return try result.get()
    }

    static let places: [(street: String, city: String, state: String, zip: String, tax: Decimal)] = [
        ("Maple Avenue", "Columbus", "OH", "43215", Decimal(string: "0.0575")!),
        ("Pine Street", "Seattle", "WA", "98101", Decimal(string: "0.065")!),
        ("Oak Lane", "Austin", "TX", "73301", Decimal(string: "0.0625")!),
        ("Cedar Road", "Denver", "CO", "80202", Decimal(string: "0.029")!),
        ("Elm Court", "Portland", "OR", "97201", 0),
    ]
    static let names = ["Alex Rivera", "Sam Lee", "Jordan Patel", "Casey Kim", "Morgan Diaz", "Riley Chen", "Taylor Brooks"]

    /// The seller refunds the buyer (`issueRefund`); nil when the order is unknown.
    func refund(orderID: String, amount: Decimal) -> String? {
        box.withLock { store in
            guard let index = store.orders.firstIndex(where: { $0.id == orderID }) else { return nil }
            let id = "5\(store.nextID)"
            store.nextID += 1
            store.orders[index].refunds.append((id, amount))
            store.orders[index].lastModified = Date().addingTimeInterval(store.clockOffset)
            return id
        }
    }

    /// Buys `count` times at random among live listings (deterministic by `seed`); returns
    /// the order ids placed. Failed purchases (sold out) are counted, not thrown.
    public func placeRandomOrders(count: Int, seed: UInt64, spreadOver seconds: TimeInterval = 0) -> [String] {
        var random = SplitMix64(seed: seed)
        var placed: [String] = []
        let start = now
        for index in 0..<count {
            let listings = liveListings
            guard !listings.isEmpty else { break }
            let pick = listings[random.below(listings.count)]
            let date = seconds > 0 ? start.addingTimeInterval(seconds * Double(index) / Double(max(count, 1))) : nil
            if let id = try? placeOrder(sku: pick.sku, quantity: 1 + random.below(2), buyer: "buyer_\(random.below(1000))", at: date) {
                placed.append(id)
            }
        }
        return placed
    }

    /// The buyer cancels: the units go back on the listing and the order is modified now.
    public func cancelOrder(_ orderID: String) throws(PurchaseError) {
        let found: Bool = box.withLock { store in
            guard let index = store.orders.firstIndex(where: { $0.id == orderID }) else { return false }
            guard !store.orders[index].cancelled else { return true }
            store.orders[index].cancelled = true
            store.orders[index].lastModified = Date().addingTimeInterval(store.clockOffset)
            for line in store.orders[index].lines {
                store.offers[line.offerID]?.soldQuantity -= line.quantity
                store.items[line.sku]?.quantity += line.quantity
            }
            return true
        }
        if !found { throw .unknownOrder(orderID) }
    }

    // MARK: Internal helpers

    func makeID(_ store: inout Store) -> String {
        defer { store.nextID += 1 }
        return "\(store.nextID)"
    }

    /// Counts a call against the API's daily quota and the per-second rate.
    /// Returns the 429's Retry-After when refused (nil seconds for a spent daily quota).
    func admit(api: String, operation: String) -> (refused: Bool, retryAfter: Int?) {
        box.withLock { store in
            store.operationCalls[operation, default: 0] += 1
            let time = Date().addingTimeInterval(store.clockOffset)
            let day = Int(time.timeIntervalSince1970 / 86_400)
            if day != store.day {
                store.day = day
                store.calls = [:]
                store.revisions = [:]
            }
            let second = Int(time.timeIntervalSince1970)
            if second != store.second {
                store.second = second
                store.callsThisSecond = 0
            }
            store.callsThisSecond += 1
            if let limit = store.settings.requestsPerSecond, store.callsThisSecond > limit {
                store.rateLimited += 1
                return (true, store.settings.retryAfterSeconds)
            }
            store.calls[api, default: 0] += 1
            if let quota = store.settings.dailyQuotas[api], store.calls[api]! > quota {
                store.rateLimited += 1
                return (true, nil)
            }
            return (false, nil)
        }
    }

    /// Counts one revision of a live listing; false when eBay's daily limit is spent.
    func revise(_ store: inout Store, listingID: String) -> Bool {
        let count = store.revisions[listingID, default: 0]
        guard count < store.settings.revisionsPerListingPerDay else { return false }
        store.revisions[listingID] = count + 1
        return true
    }

    func issueToken() -> (String, Int) {
        box.withLock { store in
            store.tokensIssued += 1
            let token = "v^1.1#i^1#p^3#r^1#sandbox-access-\(store.tokensIssued)-\(UUID().uuidString.lowercased())"
            let lifetime = store.settings.tokenLifetimeSeconds
            store.tokens[token] = Date().addingTimeInterval(store.clockOffset + TimeInterval(lifetime))
            return (token, lifetime)
        }
    }

    func isValidToken(_ token: String) -> Bool {
        box.withLock { store in
            guard let expiry = store.tokens[token] else { return false }
            return expiry > Date().addingTimeInterval(store.clockOffset)
        }
    }

    /// Forgets every issued token, as a revocation does: the next call gets 401.
    public func revokeAllTokens() {
        box.withLock { $0.tokens = [:] }
    }

    /// The seller revokes the app's access (or the refresh token expires): access tokens die
    /// and the refresh token is refused with invalid_grant until `restoreRefreshToken()`.
    public func revokeRefreshToken() {
        box.withLock { store in
            store.tokens = [:]
            store.refreshRevoked = true
        }
    }

    public func restoreRefreshToken() {
        box.withLock { $0.refreshRevoked = false }
    }

    var refreshTokenRevoked: Bool { box.current.refreshRevoked }
}
