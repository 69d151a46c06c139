import Foundation
import IntegrationKit

/// The Shopify facade the rest of ShoppyShop uses (the seed's `getProducts`,
/// `updateInventory`, `createFulfillment`, and what the flows need besides).
public struct ShopifyClient: Sendable {
    public let graphQL: ShopifyGraphQLClient
    /// 15 products with up to 10 variants, 5 images, 5 collections and 10 metafields each
    /// keeps a page at 977 points (≤ 1,000).
    public static let productsPageSize = 15
    /// Variants read with each product of a page (ProductsPage's `variantsFirst`; at most 10,
    /// which keeps the page at 977 points). A product with more is completed by
    /// `ProductVariantsPage`.
    public static let variantsPageSize = 10
    /// Variants per ProductVariantsPage request: Shopify's maximum page, 753 points.
    public static let remainingVariantsPageSize = 250
    public var bulkPollInterval: Duration
    /// The shop as first read, shared by every copy of this client (`shopCurrency()`).
    private let shopCache = ShopCache()
    /// 1…10; smaller only to exercise the follow-up reads (tests).
    public var variantsPageSize: Int

    public init(graphQL: ShopifyGraphQLClient, bulkPollInterval: Duration = .seconds(1), variantsPageSize: Int = ShopifyClient.variantsPageSize) {
        self.graphQL = graphQL
        self.bulkPollInterval = bulkPollInterval
        self.variantsPageSize = min(max(variantsPageSize, 1), Self.variantsPageSize)
    }

    public init(endpoint: ShopifyAdminEndpoint, accessToken: String, retryPolicy: RetryPolicy = .standard) {
        self.init(graphQL: ShopifyGraphQLClient(endpoint: endpoint, accessToken: accessToken, retryPolicy: retryPolicy))
    }

    public var bucket: ShopifyCostBucket { graphQL.bucket }

    public func shop() async throws -> ShopifyAPI.Shop {
        struct Data: Decodable, Sendable { var shop: ShopifyAPI.Shop }
        return try await graphQL.run(.shop, as: Data.self).shop
    }

    /// The shop's currency (`Shop.currencyCode`), read once per client and then cached: a
    /// shop's currency doesn't change under a running process. Concurrent first callers
    /// share one request; a failed read is not cached.
    public func shopCurrency() async throws -> String {
        try await shopCache.shop { try await self.shop() }.currencyCode
    }

    // MARK: Products

    struct PageVariables: Encodable, Sendable {
        var first: Int
        var after: String?
        var query: String?
        var variantsFirst: Int
    }

    /// One page of products, each with all its variants (products with more variants than
    /// fit in the page are completed by ProductVariantsPage); `updatedSince` narrows to
    /// products changed after that time.
    public func productsPage(after cursor: String? = nil, updatedSince: Date? = nil, pageSize: Int = ShopifyClient.productsPageSize) async throws -> ShopifyAPI.ProductsPage {
        struct Data: Decodable, Sendable { var products: ShopifyAPI.Page<ShopifyAPI.Product> }
        let query = updatedSince.map { "updated_at:>'\(ShopifyDates.string($0))'" }
        let data = try await graphQL.run(.productsPage, variables: PageVariables(first: pageSize, after: cursor, query: query, variantsFirst: variantsPageSize), as: Data.self)
        var products = data.products.nodes
        for index in products.indices where products[index].variants.pageInfo?.hasNextPage == true {
            try await completeVariants(of: &products[index])
        }
        return ShopifyAPI.ProductsPage(products: products, pageInfo: data.products.pageInfo)
    }

    /// Reads the variants of `product` after those it arrived with, page by page.
    func completeVariants(of product: inout ShopifyAPI.Product) async throws {
        struct Variables: Encodable, Sendable { var id: String; var first: Int; var after: String? }
        struct Found: Decodable, Sendable { var variants: ShopifyAPI.Page<ShopifyAPI.Variant> }
        struct Data: Decodable, Sendable { var product: Found? }
        var pageInfo = product.variants.pageInfo
        while let info = pageInfo, info.hasNextPage {
            guard let cursor = info.endCursor else {
                throw ShopifyError.decoding("ProductsPage: variants of \(product.id) have a next page but no endCursor")
            }
            let variables = Variables(id: product.id, first: Self.remainingVariantsPageSize, after: cursor)
            // Deleted between the two reads: keep what the page had.
            guard let found = try await graphQL.run(.productVariantsPage, variables: variables, as: Data.self).product else { break }
            product.variants.nodes += found.variants.nodes
            pageInfo = found.variants.pageInfo
        }
        product.variants.pageInfo = ShopifyAPI.PageInfo(hasNextPage: false, endCursor: pageInfo?.endCursor)
    }

    /// The seed's `getProducts`: every product, page by page.
    public func getProducts(updatedSince: Date? = nil, pageSize: Int = ShopifyClient.productsPageSize) async throws -> [ShopifyAPI.Product] {
        var products: [ShopifyAPI.Product] = []
        var cursor: String?
        repeat {
            let page = try await productsPage(after: cursor, updatedSince: updatedSince, pageSize: pageSize)
            products += page.products
            cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : nil
        } while cursor != nil
        return products
    }

    // MARK: Bulk operations

    /// Starts a bulk query: the whole catalog (`BulkProducts`) or stock (`BulkInventoryLevels`).
    public func startBulk(_ operation: ShopifyOperation = .bulkProducts) async throws -> ShopifyAPI.BulkOperation {
        struct Variables: Encodable, Sendable { var query: String }
        struct Payload: Decodable, Sendable { var bulkOperation: ShopifyAPI.BulkOperation?; var userErrors: [ShopifyUserError] }
        struct Data: Decodable, Sendable { var bulkOperationRunQuery: Payload }
        let payload = try await graphQL.run(.bulkOperationRunQuery, variables: Variables(query: try operation.document), as: Data.self).bulkOperationRunQuery
        guard payload.userErrors.isEmpty, let started = payload.bulkOperation else {
            throw ShopifyError.userErrors(operation: ShopifyOperation.bulkOperationRunQuery.name, payload.userErrors)
        }
        return started
    }

    /// Starts a bulk query of the whole catalog (products and all their variants).
    public func startBulkProducts() async throws -> ShopifyAPI.BulkOperation {
        try await startBulk(.bulkProducts)
    }

    public func bulkOperation(id: String) async throws -> ShopifyAPI.BulkOperation? {
        struct Variables: Encodable, Sendable { var id: String }
        struct Data: Decodable, Sendable { var node: ShopifyAPI.BulkOperation? }
        return try await graphQL.run(.bulkOperation, variables: Variables(id: id), as: Data.self).node
    }

    /// Runs a bulk query to the end; returns its result's URL (nil: it matched nothing).
    public func runBulk(_ operation: ShopifyOperation) async throws -> URL? {
        var running = try await startBulk(operation)
        while !["COMPLETED", "FAILED", "CANCELED", "EXPIRED"].contains(running.status) {
            try await Task.sleep(for: bulkPollInterval)
            guard let current = try await bulkOperation(id: running.id) else { throw ShopifyError.bulkOperation(status: "MISSING", errorCode: nil) }
            running = current
        }
        guard running.status == "COMPLETED" else { throw ShopifyError.bulkOperation(status: running.status, errorCode: running.errorCode) }
        return running.url.flatMap(URL.init(string:))
    }

    /// Runs the catalog bulk query to the end and reads its JSONL as it downloads.
    public func bulkProducts() async throws -> [ShopifyAPI.Product] {
        guard let url = try await runBulk(.bulkProducts) else { return [] }
        return try await ShopifyBulkJSONLReader().products(from: url)
    }

    /// Runs the catalog bulk query and hands over each product as the JSONL streams in.
    public func streamBulkProducts(_ body: (ShopifyAPI.Product) async throws -> Void) async throws {
        guard let url = try await runBulk(.bulkProducts) else { return }
        try await ShopifyBulkJSONLReader().streamProducts(from: url, body)
    }

    /// Runs the stock bulk query and hands over each inventory item with its levels.
    public func streamBulkInventoryLevels(_ body: (ShopifyAPI.InventoryItemLevels) async throws -> Void) async throws {
        guard let url = try await runBulk(.bulkInventoryLevels) else { return }
        try await ShopifyBulkJSONLReader().streamInventoryLevels(from: url, body)
    }

    // MARK: Locations and stock

    public func locations() async throws -> [ShopifyAPI.Location] {
        struct Variables: Encodable, Sendable { var first: Int; var after: String? }
        struct Data: Decodable, Sendable { var locations: ShopifyAPI.Page<ShopifyAPI.Location> }
        var all: [ShopifyAPI.Location] = []
        var cursor: String?
        repeat {
            let page = try await graphQL.run(.locations, variables: Variables(first: 50, after: cursor), as: Data.self).locations
            all += page.nodes
            cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : nil
        } while cursor != nil
        return all
    }

    public func inventoryLevels(inventoryItemID: String) async throws -> [ShopifyAPI.InventoryLevel] {
        struct Variables: Encodable, Sendable { var inventoryItemId: String }
        struct Data: Decodable, Sendable { var inventoryItem: ShopifyAPI.InventoryItemLevels? }
        return try await graphQL.run(.inventoryLevels, variables: Variables(inventoryItemId: inventoryItemID), as: Data.self).inventoryItem?.inventoryLevels.nodes ?? []
    }

    /// Inventory items changed after `since`, with stock per location, one page (25 items:
    /// 827 points). The stock poll when webhooks are off.
    public func inventoryItems(updatedSince since: Date, after cursor: String? = nil, first: Int = 25) async throws -> ShopifyAPI.Page<ShopifyAPI.InventoryItemLevels> {
        struct Variables: Encodable, Sendable { var first: Int; var after: String?; var query: String }
        struct Data: Decodable, Sendable { var inventoryItems: ShopifyAPI.Page<ShopifyAPI.InventoryItemLevels> }
        let variables = Variables(first: min(max(first, 1), 25), after: cursor, query: "updated_at:>'\(ShopifyDates.string(since))'")
        return try await graphQL.run(.inventoryItemsUpdated, variables: variables, as: Data.self).inventoryItems
    }

    /// The seed's `updateInventory`: sets absolute `available` stock. With `expectedCurrent`
    /// a concurrent change is refused (`userErrors` code COMPARE_QUANTITY_STALE) instead of
    /// overwritten. At most 250 quantities per call (Shopify's input array limit).
    public func updateInventory(_ updates: [ShopifyAPI.StockUpdate], reason: String = "correction") async throws -> [ShopifyAPI.InventoryChange] {
        struct Quantity: Encodable, Sendable { var inventoryItemId: String; var locationId: String; var quantity: Int; var compareQuantity: Int? }
        struct Input: Encodable, Sendable { var name = "available"; var reason: String; var ignoreCompareQuantity: Bool; var quantities: [Quantity] }
        struct Variables: Encodable, Sendable { var input: Input }
        struct Group: Decodable, Sendable { var changes: [ShopifyAPI.InventoryChange] }
        struct Payload: Decodable, Sendable { var inventoryAdjustmentGroup: Group?; var userErrors: [ShopifyUserError] }
        struct Data: Decodable, Sendable { var inventorySetQuantities: Payload }
        let input = Input(
            reason: reason, ignoreCompareQuantity: updates.allSatisfy { $0.expectedCurrent == nil },
            quantities: updates.map { Quantity(inventoryItemId: $0.inventoryItemID, locationId: $0.locationID, quantity: $0.available, compareQuantity: $0.expectedCurrent) })
        let payload = try await graphQL.run(.inventorySetQuantities, variables: Variables(input: input), as: Data.self).inventorySetQuantities
        guard payload.userErrors.isEmpty else { throw ShopifyError.userErrors(operation: ShopifyOperation.inventorySetQuantities.name, payload.userErrors) }
        return payload.inventoryAdjustmentGroup?.changes ?? []
    }

    // MARK: Orders

    public func createOrder(_ order: ShopifyAPI.NewOrder) async throws -> ShopifyAPI.Order {
        struct Payload: Decodable, Sendable { var order: ShopifyAPI.Order?; var userErrors: [ShopifyUserError] }
        struct Data: Decodable, Sendable { var orderCreate: Payload }
        let payload = try await graphQL.run(.orderCreate, variables: OrderCreateVariables(order), as: Data.self).orderCreate
        guard payload.userErrors.isEmpty, let created = payload.order else {
            throw ShopifyError.userErrors(operation: ShopifyOperation.orderCreate.name, payload.userErrors)
        }
        return created
    }

    /// Orders matching a search, e.g. `tag:'ebay-…'`, to find an order created before a crash.
    public func orders(matching query: String, first: Int = 10) async throws -> [ShopifyAPI.Order] {
        struct Variables: Encodable, Sendable { var query: String; var first: Int }
        struct Data: Decodable, Sendable { var orders: ShopifyAPI.Nodes<ShopifyAPI.Order> }
        return try await graphQL.run(.ordersByQuery, variables: Variables(query: query, first: first), as: Data.self).orders.nodes
    }

    /// Orders matching `query` (e.g. "tag:ebay updated_at:>'…'") with fulfillments and
    /// tracking, one page of 25 (652 points).
    public func ordersUpdated(query: String, after cursor: String? = nil) async throws -> ShopifyAPI.Page<ShopifyAPI.UpdatedOrder> {
        struct Variables: Encodable, Sendable { var first: Int; var after: String?; var query: String }
        struct Data: Decodable, Sendable { var orders: ShopifyAPI.Page<ShopifyAPI.UpdatedOrder> }
        return try await graphQL.run(.ordersUpdated, variables: Variables(first: 25, after: cursor, query: query), as: Data.self).orders
    }

    public func fulfillmentOrders(orderID: String) async throws -> [ShopifyAPI.FulfillmentOrder] {
        struct Variables: Encodable, Sendable { var orderId: String }
        struct Order: Decodable, Sendable { var fulfillmentOrders: ShopifyAPI.Nodes<ShopifyAPI.FulfillmentOrder> }
        struct Data: Decodable, Sendable { var order: Order? }
        guard let order = try await graphQL.run(.fulfillmentOrders, variables: Variables(orderId: orderID), as: Data.self).order else {
            throw ShopifyError.notFound("order \(orderID)")
        }
        return order.fulfillmentOrders.nodes
    }

    /// The seed's `createFulfillment`: fulfills every open fulfillment order of an order
    /// with the tracking given.
    public func createFulfillment(orderID: String, tracking: ShopifyAPI.TrackingInfo, notifyCustomer: Bool = false) async throws -> ShopifyAPI.Fulfillment {
        struct Group: Encodable, Sendable { var fulfillmentOrderId: String }
        struct Input: Encodable, Sendable { var lineItemsByFulfillmentOrder: [Group]; var trackingInfo: ShopifyAPI.TrackingInfo; var notifyCustomer: Bool }
        struct Variables: Encodable, Sendable { var fulfillment: Input }
        struct Payload: Decodable, Sendable { var fulfillment: ShopifyAPI.Fulfillment?; var userErrors: [ShopifyUserError] }
        struct Data: Decodable, Sendable { var fulfillmentCreate: Payload }
        let open = try await fulfillmentOrders(orderID: orderID).filter { $0.status == "OPEN" || $0.status == "IN_PROGRESS" }
        let input = Input(lineItemsByFulfillmentOrder: open.map { Group(fulfillmentOrderId: $0.id) }, trackingInfo: tracking, notifyCustomer: notifyCustomer)
        let payload = try await graphQL.run(.fulfillmentCreate, variables: Variables(fulfillment: input), as: Data.self).fulfillmentCreate
        guard payload.userErrors.isEmpty, let fulfillment = payload.fulfillment else {
            throw ShopifyError.userErrors(operation: ShopifyOperation.fulfillmentCreate.name, payload.userErrors)
        }
        return fulfillment
    }

    /// `reason`: an `OrderCancelReason` (CUSTOMER, DECLINED, FRAUD, INVENTORY, OTHER, STAFF).
    public func cancelOrder(orderID: String, reason: String, refund: Bool, restock: Bool) async throws {
        struct Variables: Encodable, Sendable { var orderId: String; var reason: String; var refund: Bool; var restock: Bool; var notifyCustomer = false }
        struct Payload: Decodable, Sendable { var orderCancelUserErrors: [ShopifyUserError] }
        struct Data: Decodable, Sendable { var orderCancel: Payload }
        let payload = try await graphQL.run(.orderCancel, variables: Variables(orderId: orderID, reason: reason, refund: refund, restock: restock), as: Data.self).orderCancel
        guard payload.orderCancelUserErrors.isEmpty else { throw ShopifyError.userErrors(operation: ShopifyOperation.orderCancel.name, payload.orderCancelUserErrors) }
    }

    // MARK: Webhooks

    /// The topics ShoppyShop listens to (`WebhookSubscriptionTopic` values).
    public static let webhookTopics = [
        "PRODUCTS_CREATE", "PRODUCTS_UPDATE", "PRODUCTS_DELETE", "INVENTORY_LEVELS_UPDATE",
        "ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED", "FULFILLMENTS_CREATE", "FULFILLMENTS_UPDATE", "REFUNDS_CREATE",
    ]

    /// Subscribes `callbackURL` to `topic`; returns the subscription's id.
    @discardableResult
    public func subscribeWebhook(topic: String, callbackURL: URL) async throws -> String {
        struct Subscription: Encodable, Sendable { var callbackUrl: String; var format = "JSON" }
        struct Variables: Encodable, Sendable { var topic: String; var webhookSubscription: Subscription }
        struct Created: Decodable, Sendable { var id: String }
        struct Payload: Decodable, Sendable { var webhookSubscription: Created?; var userErrors: [ShopifyUserError] }
        struct Data: Decodable, Sendable { var webhookSubscriptionCreate: Payload }
        let payload = try await graphQL.run(.webhookSubscriptionCreate, variables: Variables(topic: topic, webhookSubscription: Subscription(callbackUrl: callbackURL.absoluteString)), as: Data.self).webhookSubscriptionCreate
        guard payload.userErrors.isEmpty, let created = payload.webhookSubscription else {
            throw ShopifyError.userErrors(operation: ShopifyOperation.webhookSubscriptionCreate.name, payload.userErrors)
        }
        return created.id
    }
}

/// One `shop` read shared by a client's copies and concurrent callers.
private actor ShopCache {
    private var task: Task<ShopifyAPI.Shop, any Error>?

    func shop(_ read: @escaping @Sendable () async throws -> ShopifyAPI.Shop) async throws -> ShopifyAPI.Shop {
        let current = task ?? Task { try await read() }
        task = current
        do {
            return try await current.value
        } catch {
            if task == current { task = nil } // retry on the next call
            throw error
        }
    }
}
