import Foundation

/// The Shopify stand-in's mutable store: the demo catalog plus what the API and merchant
/// actions change. Owned by `ShopifyBackend` (an actor); never shared outside it.
final class ShopifyStoreState {
    var shop: DemoStore.Shop
    var locations: [DemoStore.Location]
    var products: [DemoStore.Product]
    private(set) var productIndex: [Int64: Int] = [:]
    /// Variant id → (product index, variant index).
    private(set) var variantIndex: [Int64: (Int, Int)] = [:]
    /// Inventory item id → (product index, variant index).
    private(set) var itemIndex: [Int64: (Int, Int)] = [:]
    var orders: [SandboxOrder] = []
    /// When each inventory item's stock last changed (`InventoryItem.updatedAt`); absent: its product's `updatedAt`.
    var itemUpdatedAt: [Int64: Date] = [:]
    var bulkOperations: [Int64: BulkOperationRecord] = [:]
    var webhookSubscriptions: [(id: Int64, topic: String, callbackURL: String)] = []
    var inventoryAdjustmentGroups = 0
    /// Bulk operations created by the current request, started once it is answered.
    var bulkToRun: [Int64] = []
    private var nextID: Int64 = 90_000_000_000
    /// Events to deliver as webhooks once the current request is answered.
    var pendingEvents: [ShopifyWebhookEvent] = []
    let clock: @Sendable () -> Date

    convenience init(store: DemoStore, clock: @escaping @Sendable () -> Date) {
        self.init(shop: store.shop, locations: store.locations, products: store.products, clock: clock)
    }

    /// A private copy of `snapshot` to read from outside the backend's actor (bulk exports).
    convenience init(snapshot: ShopifyStoreSnapshot) {
        self.init(shop: snapshot.shop, locations: snapshot.locations, products: snapshot.products, clock: snapshot.clock)
        self.orders = snapshot.orders
        self.bulkOperations = snapshot.bulkOperations
        self.itemUpdatedAt = snapshot.itemUpdatedAt
    }

    /// What a read needs, as values: taking it is cheap (the arrays are copied on write).
    func snapshot() -> ShopifyStoreSnapshot {
        ShopifyStoreSnapshot(shop: shop, locations: locations, products: products, orders: orders, bulkOperations: bulkOperations, itemUpdatedAt: itemUpdatedAt, clock: clock)
    }

    init(shop: DemoStore.Shop, locations: [DemoStore.Location], products: [DemoStore.Product], clock: @escaping @Sendable () -> Date) {
        self.shop = shop
        self.locations = locations
        self.products = products
        self.clock = clock
        for (p, product) in products.enumerated() {
            productIndex[product.id] = p
            for (v, variant) in product.variants.enumerated() {
                variantIndex[variant.id] = (p, v)
                itemIndex[variant.inventoryItemID] = (p, v)
            }
        }
    }

    func makeID() -> Int64 {
        nextID += 1
        return nextID
    }

    func variant(id: Int64) -> DemoStore.Variant? {
        variantIndex[id].map { products[$0.0].variants[$0.1] }
    }

    func location(id: Int64) -> DemoStore.Location? {
        locations.first { $0.id == id }
    }

    /// Sets `available` of an inventory item at a location; nil when the item isn't stocked there.
    @discardableResult
    func setAvailable(item: Int64, location: Int64, to quantity: Int) -> (before: Int, after: Int)? {
        guard let (p, v) = itemIndex[item],
              let l = products[p].variants[v].inventoryLevels.firstIndex(where: { $0.locationID == location }) else { return nil }
        let before = products[p].variants[v].inventoryLevels[l].available
        products[p].variants[v].inventoryLevels[l].available = quantity
        products[p].updatedAt = max(products[p].updatedAt, clock())
        itemUpdatedAt[item] = clock()
        pendingEvents.append(.inventoryLevel(item: item, location: location, available: quantity, at: clock()))
        return (before, quantity)
    }

    func available(item: Int64, location: Int64) -> Int? {
        guard let (p, v) = itemIndex[item] else { return nil }
        return products[p].variants[v].inventoryLevels.first { $0.locationID == location }?.available
    }

    func itemUpdated(_ item: Int64, of product: DemoStore.Product) -> Date {
        itemUpdatedAt[item] ?? product.updatedAt
    }

    func itemLocation(_ item: Int64) -> (DemoStore.Product, DemoStore.Variant)? {
        itemIndex[item].map { (products[$0.0], products[$0.0].variants[$0.1]) }
    }
}

/// The store's readable data at one moment, to execute a query outside the backend's actor.
struct ShopifyStoreSnapshot: Sendable {
    var shop: DemoStore.Shop
    var locations: [DemoStore.Location]
    var products: [DemoStore.Product]
    var orders: [SandboxOrder]
    var bulkOperations: [Int64: BulkOperationRecord]
    var itemUpdatedAt: [Int64: Date]
    var clock: @Sendable () -> Date
}

/// An order in the stand-in (created by `orderCreate`).
struct SandboxOrder: Sendable {
    struct LineItem: Sendable {
        var id: Int64
        var variantID: Int64?
        var productID: Int64?
        var sku: String?
        var title: String
        var quantity: Int
        var price: Decimal
    }

    struct FulfillmentOrder: Sendable {
        struct Line: Sendable {
            var id: Int64
            var lineItemID: Int64
            var total: Int
            var remaining: Int
        }
        var id: Int64
        var locationID: Int64
        var status: String
        var lines: [Line]
    }

    struct Fulfillment: Sendable {
        var id: Int64
        var status: String
        var company: String?
        var number: String?
        var url: String?
        var lines: [(lineItemID: Int64, quantity: Int)]
        var createdAt: Date
    }

    var id: Int64
    var number: Int
    var name: String { "#\(number)" }
    var sourceName: String
    var sourceIdentifier: String?
    var tags: [String]
    var email: String?
    var currency: String
    var lineItems: [LineItem]
    var shippingTotal: Decimal
    var taxTotal: Decimal
    var createdAt: Date
    var updatedAt: Date
    var fulfillmentOrders: [FulfillmentOrder] = []
    var fulfillments: [Fulfillment] = []
    var cancelledAt: Date?
    var cancelReason: String?
    var shippingCity: String?

    var subtotal: Decimal { lineItems.reduce(Decimal(0)) { $0 + $1.price * Decimal($1.quantity) } }
    var total: Decimal { subtotal + shippingTotal + taxTotal }
    var gid: String { "gid://shopify/Order/\(id)" }

    /// `Order.displayFulfillmentStatus`.
    var displayFulfillmentStatus: String {
        let open = fulfillmentOrders.flatMap(\.lines).reduce(0) { $0 + $1.remaining }
        let all = fulfillmentOrders.flatMap(\.lines).reduce(0) { $0 + $1.total }
        if open == 0, all > 0 { return "FULFILLED" }
        return open < all ? "PARTIALLY_FULFILLED" : "UNFULFILLED"
    }
}

struct BulkOperationRecord: Sendable {
    var id: Int64
    var query: String
    var status: String
    var createdAt: Date
    var completedAt: Date?
    var objectCount: Int = 0
    var rootObjectCount: Int = 0
    var fileSize: Int = 0
    var errorCode: String?
    var gid: String { "gid://shopify/BulkOperation/\(id)" }
}

/// Global ids: `gid://shopify/<Type>/<number>`.
enum ShopifyGID {
    static func parse(_ gid: String) -> (type: String, id: Int64)? {
        guard gid.hasPrefix("gid://shopify/") else { return nil }
        let parts = gid.dropFirst("gid://shopify/".count).split(separator: "/")
        guard parts.count == 2 else { return nil }
        let digits = parts[1].prefix { $0.isNumber }
        guard let id = Int64(digits) else { return nil }
        return (String(parts[0]), id)
    }

    static func id(_ json: ShopifyJSON?, type: String) -> Int64? {
        guard let text = json?.stringValue, let parsed = parse(text), parsed.type == type else { return nil }
        return parsed.id
    }
}

enum ShopifyDate {
    static func string(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func parse(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }
}
