import Foundation

/// A GraphQL document of the client: one named operation per `.graphql` file in
/// `Operations/`, so every document can be validated against the schema and reviewed as
/// GraphQL (`ShopifyAPITests.OperationDocumentTests` checks them all).
public struct ShopifyOperation: Sendable, Hashable {
    public enum Kind: Sendable { case query, mutation }

    /// The file name without `.graphql`, also the operation's name.
    public let name: String
    public let kind: Kind
    /// Requested cost before Shopify has told us the real one (an upper bound for the
    /// largest variables we send; checked by the tests against the sandbox's calculator).
    public let costHint: Int

    /// A query is a POST that is safe to repeat; a mutation may have happened on a timeout.
    public var isIdempotent: Bool { kind == .query }

    public var document: String {
        get throws { try Self.load(name) }
    }

    public static let shop = ShopifyOperation(name: "Shop", kind: .query, costHint: 2)
    public static let productsPage = ShopifyOperation(name: "ProductsPage", kind: .query, costHint: 977)
    public static let productVariantsPage = ShopifyOperation(name: "ProductVariantsPage", kind: .query, costHint: 753)
    public static let bulkOperationRunQuery = ShopifyOperation(name: "BulkOperationRunQuery", kind: .mutation, costHint: 10)
    public static let bulkOperation = ShopifyOperation(name: "BulkOperation", kind: .query, costHint: 2)
    public static let locations = ShopifyOperation(name: "Locations", kind: .query, costHint: 102)
    public static let inventoryLevels = ShopifyOperation(name: "InventoryLevels", kind: .query, costHint: 63)
    public static let inventorySetQuantities = ShopifyOperation(name: "InventorySetQuantities", kind: .mutation, costHint: 10)
    public static let orderCreate = ShopifyOperation(name: "OrderCreate", kind: .mutation, costHint: 10)
    public static let ordersByQuery = ShopifyOperation(name: "OrdersByQuery", kind: .query, costHint: 32)
    public static let fulfillmentOrders = ShopifyOperation(name: "FulfillmentOrders", kind: .query, costHint: 228)
    public static let fulfillmentCreate = ShopifyOperation(name: "FulfillmentCreate", kind: .mutation, costHint: 10)
    public static let orderCancel = ShopifyOperation(name: "OrderCancel", kind: .mutation, costHint: 10)
    public static let webhookSubscriptionCreate = ShopifyOperation(name: "WebhookSubscriptionCreate", kind: .mutation, costHint: 10)
    /// Not sent as a request: the text a bulk operation runs (`bulkOperationRunQuery(query:)`).
    public static let bulkProducts = ShopifyOperation(name: "BulkProducts", kind: .query, costHint: 0)
    public static let bulkInventoryLevels = ShopifyOperation(name: "BulkInventoryLevels", kind: .query, costHint: 0)
    public static let inventoryItemsUpdated = ShopifyOperation(name: "InventoryItemsUpdated", kind: .query, costHint: 827)
    public static let ordersUpdated = ShopifyOperation(name: "OrdersUpdated", kind: .query, costHint: 652)

    public static let all: [ShopifyOperation] = [
        .shop, .productsPage, .productVariantsPage, .bulkOperationRunQuery, .bulkOperation, .locations, .inventoryLevels,
        .inventorySetQuantities, .orderCreate, .ordersByQuery, .fulfillmentOrders, .fulfillmentCreate,
        .orderCancel, .webhookSubscriptionCreate, .bulkProducts, .bulkInventoryLevels, .inventoryItemsUpdated, .ordersUpdated,
    ]

    /// Every `.graphql` file in the bundle, so a new file can't escape the tests.
    public static func bundledNames() -> [String] {
        guard let directory = Bundle.module.url(forResource: "Operations", withExtension: nil),
              let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return files.filter { $0.hasSuffix(".graphql") }.map { String($0.dropLast(".graphql".count)) }.sorted()
    }

    private static let cache = DocumentCache()

    static func load(_ name: String) throws -> String {
        if let cached = cache.get(name) { return cached }
        guard let url = Bundle.module.url(forResource: name, withExtension: "graphql", subdirectory: "Operations") else {
            throw ShopifyError.decoding("missing GraphQL document Operations/\(name).graphql")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        cache.set(name, text)
        return text
    }
}

private final class DocumentCache: @unchecked Sendable {
    private let lock = NSLock()
    private var documents: [String: String] = [:]
    func get(_ name: String) -> String? { lock.withLock { documents[name] } }
    func set(_ name: String, _ text: String) { lock.withLock { documents[name] = text } }
}
