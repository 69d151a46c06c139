import Foundation
import GraphQL
import IntegrationKit
import Logging

/// The Shopify stand-in's engine: authentication, schema validation, cost and throttle,
/// execution against the store, bulk operations and webhooks. One actor per sandbox host,
/// so requests see the store one at a time, as a single shop would.
public actor ShopifyBackend {
    let state: ShopifyStoreState
    private var throttle: ShopifyThrottle
    public let options: ShopifySandbox.Options
    public let webhooks: ShopifyWebhookSender
    let context: SandboxContext
    private var bulkResults: [Int64: Data] = [:]
    public private(set) var documents = DocumentCounts()

    /// Documents checked against the 2025-01 schema so far, for tests and benchmarks.
    public struct DocumentCounts: Sendable, Equatable, Codable {
        /// Request documents that parsed and validated (and then ran or were throttled).
        public var validated = 0
        /// Request documents refused by the parser or the validator.
        public var rejected = 0
        /// Bulk operation queries validated when the operation ran.
        public var bulkValidated = 0
        /// Bulk operation queries that failed validation when the operation ran.
        public var bulkRejected = 0
    }

    init(context: SandboxContext, options: ShopifySandbox.Options) {
        self.context = context
        self.options = options
        self.state = ShopifyStoreState(store: context.store, clock: options.clock)
        let settings = options.throttle ?? .plan(ShopifyThrottleSettings.Plan(context.store.shop.plan))
        self.throttle = ShopifyThrottle(settings: settings)
        self.webhooks = ShopifyWebhookSender(
            secret: options.webhookSecret, shopDomain: context.store.shop.domain,
            retryBaseDelay: options.webhookRetryBaseDelay, transport: options.webhookTransport ?? AsyncHTTPClientTransport(),
            logger: context.logger)
    }

    public struct Answer: Sendable {
        public var status: Int
        public var body: ShopifyJSON
    }

    /// Shopify's answer to a missing or wrong access token.
    static let unauthorized = Answer(status: 401, body: .object([("errors", .string("[API] Invalid API key or access token (unrecognized login or wrong password)"))]))

    struct GraphQLRequestBody: Decodable {
        var query: String?
        var variables: ShopifyJSON?
        var operationName: String?
    }

    /// One POST to `/admin/api/2025-01/graphql.json`.
    public func handle(body: Data, accessToken: String?) -> Answer {
        guard let accessToken, accessToken == options.accessToken else { return Self.unauthorized }
        guard let request = try? JSONDecoder().decode(GraphQLRequestBody.self, from: body), let query = request.query, !query.isEmpty else {
            return Answer(status: 400, body: .object([("errors", .object([("query", .string("Required parameter missing or invalid"))]))]))
        }
        var variables: [String: ShopifyJSON] = [:]
        if case .object(let fields)? = request.variables {
            for (key, value) in fields { variables[key] = value }
        }
        let answer = execute(query: query, variables: variables, operationName: request.operationName)
        flushEffects()
        return answer
    }

    private func errors(_ entries: [ShopifyGraphQLErrors.Entry], cost: ShopifyJSON? = nil) -> Answer {
        var fields: [(String, ShopifyJSON)] = [("errors", ShopifyGraphQLErrors(entries).json)]
        if let cost { fields.append(("extensions", .object([("cost", cost)]))) }
        return Answer(status: 200, body: .object(fields))
    }

    private func execute(query: String, variables given: [String: ShopifyJSON], operationName: String?) -> Answer {
        let document: Document
        let schema: GraphQLSchema
        do {
            schema = try ShopifySchema.schema()
            switch try ShopifySchema.check(query) {
            case .failure(let failure):
                documents.rejected += 1
                return errors(failure.entries)
            case .success(let parsed):
                documents.validated += 1
                document = parsed
            }
        } catch {
            return Answer(status: 500, body: .object([("errors", .string("Internal error"))]))
        }
        guard let operation = GraphQLValues.operation(in: document, named: operationName) else {
            return errors([.init(message: operationName.map { "No operation named \"\($0)\"" } ?? "An operation name is required")])
        }
        let variables = GraphQLValues.variables(for: operation, given: given)
        for definition in operation.variableDefinitions where definition.type is NonNullType {
            let name = definition.variable.name.value
            if variables[name] == nil || variables[name]?.isNull == true {
                return errors([.init(
                    message: "Variable $\(name) of type \(Self.typeText(definition.type)) was provided invalid value",
                    locations: definition.loc.map { [Self.position($0, in: query)] } ?? [],
                    extensions: [("value", .null), ("problems", .array([.object([("path", .array([])), ("explanation", .string("Expected value to not be null"))])]))])])
            }
        }
        let requested: Int
        do {
            requested = try ShopifyQueryCost.requested(document: document, operationName: operationName, variables: given)
        } catch {
            return Answer(status: 500, body: .object([("errors", .string("Internal error"))]))
        }
        if requested > ShopifyQueryCost.maximumSingleQueryCost {
            return errors([.init(
                message: "Query cost is \(requested), which exceeds the single query max cost limit (\(ShopifyQueryCost.maximumSingleQueryCost)).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n",
                extensions: [("code", .string("MAX_COST_EXCEEDED")), ("cost", .int(Int64(requested))), ("maxCost", .int(Int64(ShopifyQueryCost.maximumSingleQueryCost))), ("documentation", .string("https://shopify.dev/api/usage/rate-limits"))])])
        }
        guard throttle.take(requested) else {
            return errors(
                [.init(message: "Throttled", extensions: [("code", .string("THROTTLED")), ("documentation", .string("https://shopify.dev/api/usage/rate-limits"))])],
                cost: .object([("requestedQueryCost", .int(Int64(requested))), ("actualQueryCost", .null), ("throttleStatus", throttle.status())]))
        }
        let resolvers = ShopifyResolvers(state: state, unbounded: false, baseURL: context.baseURL)
        var executor = GraphQLExecutor(schema: schema, document: document, variables: variables)
        let data: ShopifyJSON
        do {
            let root = operation.operation == .mutation ? resolvers.mutationRoot() : resolvers.queryRoot()
            data = try executor.execute(operation.selectionSet, on: root)
        } catch let error as ExecutionError {
            throttle.refund(requested)
            return errors([.init(message: error.message, extensions: error.code.map { [("code", .string($0))] } ?? [])])
        } catch {
            throttle.refund(requested)
            return errors([.init(message: "\(error)")])
        }
        let actual = operation.operation == .mutation ? requested : min(requested, executor.actualCost)
        throttle.refund(requested - actual)
        return Answer(status: 200, body: .object([
            ("data", data),
            ("extensions", .object([("cost", .object([
                ("requestedQueryCost", .int(Int64(requested))),
                ("actualQueryCost", .int(Int64(actual))),
                ("throttleStatus", throttle.status()),
            ]))])),
        ]))
    }

    private static func typeText(_ type: any GraphQL.`Type`) -> String {
        switch type {
        case let named as NamedType: named.name.value
        case let list as ListType: "[\(typeText(list.type))]"
        case let nonNull as NonNullType: "\(typeText(nonNull.type))!"
        default: "?"
        }
    }

    private static func position(_ location: GraphQL.Location, in source: String) -> (line: Int, column: Int) {
        let prefix = source.utf8.prefix(location.start)
        let line = prefix.filter { $0 == 10 }.count + 1
        let column = prefix.count - (prefix.lastIndex(of: 10).map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0) + 1
        return (line, column)
    }

    /// Sends the webhooks of what just changed and starts any bulk operation just created.
    private func flushEffects() {
        let events = state.pendingEvents
        state.pendingEvents.removeAll()
        if let callback = options.webhookURL ?? context.configuration.callbackBaseURL?.appendingPathComponent("webhooks/shopify") {
            for event in events { webhooks.send(event, to: callback) }
        }
        let bulk = state.bulkToRun
        state.bulkToRun.removeAll()
        for id in bulk {
            Task { await self.runBulk(id) }
        }
    }

    /// Runs a bulk operation like Shopify: RUNNING while the export is built, in the
    /// background. Only the snapshot is taken inside the actor; validating, executing and
    /// writing the JSONL happen outside it, so other requests (the client's polling among
    /// them) are answered meanwhile instead of queueing behind the export.
    func runBulk(_ id: Int64) async {
        guard var record = state.bulkOperations[id] else { return }
        record.status = "RUNNING"
        state.bulkOperations[id] = record
        let snapshot = state.snapshot()
        let query = record.query
        let baseURL = context.baseURL
        let started = ContinuousClock.now
        let outcome = await Task.detached(priority: .utility) {
            Self.export(query: query, snapshot: snapshot, baseURL: baseURL)
        }.value
        let remaining = options.bulkMinimumDuration - started.duration(to: .now)
        if remaining > .zero { try? await Task.sleep(for: remaining) }
        guard var finished = state.bulkOperations[id] else { return }
        switch outcome {
        case .completed(let data, let objects, let roots):
            documents.bulkValidated += 1
            bulkResults[id] = data
            finished.objectCount = objects
            finished.rootObjectCount = roots
            finished.fileSize = data.count
            finished.status = "COMPLETED"
        case .invalid:
            documents.bulkRejected += 1
            finished.status = "FAILED"
            finished.errorCode = "INTERNAL_SERVER_ERROR"
        case .failed:
            documents.bulkValidated += 1
            finished.status = "FAILED"
            finished.errorCode = "INTERNAL_SERVER_ERROR"
        }
        finished.completedAt = state.clock()
        state.bulkOperations[id] = finished
    }

    enum BulkExport: Sendable {
        case completed(Data, objectCount: Int, rootObjectCount: Int)
        /// The query failed validation against the schema.
        case invalid
        /// It validated but could not be executed.
        case failed
    }

    /// Executes a bulk query against a private copy of the store and writes its JSONL. Runs
    /// off the actor: everything it touches is its own.
    nonisolated static func export(query: String, snapshot: ShopifyStoreSnapshot, baseURL: URL?) -> BulkExport {
        let schema: GraphQLSchema
        let document: Document
        let operation: OperationDefinition
        do {
            schema = try ShopifySchema.schema()
            guard case .success(let parsed) = try ShopifySchema.check(query),
                  let found = GraphQLValues.operation(in: parsed, named: nil) else { return .invalid }
            document = parsed
            operation = found
        } catch {
            return .invalid
        }
        do {
            let resolvers = ShopifyResolvers(state: ShopifyStoreState(snapshot: snapshot), unbounded: true, baseURL: baseURL)
            var executor = GraphQLExecutor(schema: schema, document: document, variables: [:])
            let data = try executor.execute(operation.selectionSet, on: resolvers.queryRoot())
            let output = ShopifyBulkJSONL.flatten(data)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(output.lines.reduce(0) { $0 + $1.count + 1 })
            for line in output.lines {
                bytes += line
                bytes.append(10)
            }
            return .completed(Data(bytes), objectCount: output.lines.count, rootObjectCount: output.rootObjects)
        } catch {
            return .failed
        }
    }

    /// The JSONL of a completed bulk operation.
    public func bulkResult(_ id: Int64) -> Data? { bulkResults[id] }

    // MARK: Merchant actions (sandbox only): what a merchant does in the Shopify admin.

    public enum MerchantError: Error, Equatable { case notFound(String), invalid(String) }

    /// Sets `available` stock of an inventory item at a location (admin → Inventory).
    public func setStock(inventoryItemID: Int64, locationID: Int64, available: Int) throws {
        guard available >= 0 else { throw MerchantError.invalid("available must not be negative") }
        guard state.setAvailable(item: inventoryItemID, location: locationID, to: available) != nil else {
            throw MerchantError.notFound("inventory item \(inventoryItemID) is not stocked at location \(locationID)")
        }
        flushEffects()
    }

    /// A storefront sale of `quantity` units, taken from the location with the most stock.
    /// False when the store does not have them (Shopify's checkout refuses tracked stock it
    /// does not have); counted as a refused sale.
    public func sell(inventoryItemID: Int64, quantity: Int) throws -> Bool {
        guard quantity > 0 else { throw MerchantError.invalid("quantity must be 1 or more") }
        guard let (_, variant) = state.itemLocation(inventoryItemID) else { throw MerchantError.notFound("inventory item \(inventoryItemID)") }
        guard let level = variant.inventoryLevels.max(by: { $0.available < $1.available }), level.available >= quantity else {
            refusedSales += 1
            return false
        }
        state.setAvailable(item: inventoryItemID, location: level.locationID, to: level.available - quantity)
        storefrontSales += quantity
        flushEffects()
        return true
    }

    /// Units sold through the storefront, and sales refused for want of stock.
    public private(set) var storefrontSales = 0
    public private(set) var refusedSales = 0

    /// Every variant's (inventory item, location, available), for simulators and assertions.
    public func stockLevels() -> [(inventoryItemID: Int64, locationID: Int64, available: Int, sku: String)] {
        state.products.filter { $0.status == .active }.flatMap { product in
            product.variants.flatMap { variant in
                variant.inventoryLevels.map { (variant.inventoryItemID, $0.locationID, $0.available, variant.sku) }
            }
        }
    }

    /// Fulfills an order with tracking (admin → Orders → Fulfill): every open line, or only
    /// `lines` (SKU → units) for a partial shipment.
    public func fulfill(orderID: Int64, company: String?, number: String?, url: String?, lines: [String: Int]? = nil) throws {
        guard let order = state.orders.first(where: { $0.id == orderID }) else { throw MerchantError.notFound("order \(orderID)") }
        let groups: [ShopifyJSON] = order.fulfillmentOrders.filter { $0.status != "CLOSED" }.map { fulfillmentOrder in
            var fields: [(String, ShopifyJSON)] = [("fulfillmentOrderId", .string("gid://shopify/FulfillmentOrder/\(fulfillmentOrder.id)"))]
            if let lines {
                let chosen: [ShopifyJSON] = fulfillmentOrder.lines.compactMap { line in
                    guard let sku = order.lineItems.first(where: { $0.id == line.lineItemID })?.sku, let quantity = lines[sku] else { return nil }
                    return .object([("id", .string("gid://shopify/FulfillmentOrderLineItem/\(line.id)")), ("quantity", .int(Int64(quantity)))])
                }
                fields.append(("fulfillmentOrderLineItems", .array(chosen)))
            }
            return .object(fields)
        }
        guard !groups.isEmpty else { throw MerchantError.invalid("order \(orderID) has nothing left to fulfill") }
        var tracking: [(String, ShopifyJSON)] = []
        if let company { tracking.append(("company", .string(company))) }
        if let number { tracking.append(("number", .string(number))) }
        if let url { tracking.append(("url", .string(url))) }
        let resolvers = ShopifyResolvers(state: state, unbounded: false, baseURL: context.baseURL)
        _ = resolvers.fulfillmentCreate(.object([("lineItemsByFulfillmentOrder", .array(groups)), ("trackingInfo", .object(tracking))]))
        flushEffects()
    }

    /// Cancels an order in the admin (the merchant's own cancellation): `orders/cancelled`.
    public func cancelOrder(orderID: Int64, restock: Bool) throws {
        guard state.orders.contains(where: { $0.id == orderID }) else { throw MerchantError.notFound("order \(orderID)") }
        let resolvers = ShopifyResolvers(state: state, unbounded: false, baseURL: context.baseURL)
        _ = resolvers.orderCancel(["orderId": .string("gid://shopify/Order/\(orderID)"), "reason": .string("STAFF"), "restock": .bool(restock)])
        flushEffects()
    }

    /// Refunds lines of an order in the admin (SKU → units): `refunds/create`.
    public func refund(orderID: Int64, lines: [String: Int]) throws {
        guard let index = state.orders.firstIndex(where: { $0.id == orderID }) else { throw MerchantError.notFound("order \(orderID)") }
        let order = state.orders[index]
        let refunded = order.lineItems.compactMap { item -> (SandboxOrder.LineItem, Int)? in
            guard let sku = item.sku, let quantity = lines[sku], quantity > 0 else { return nil }
            return (item, min(quantity, item.quantity))
        }
        guard !refunded.isEmpty else { throw MerchantError.invalid("no line of order \(orderID) has those SKUs") }
        let now = state.clock()
        state.orders[index].updatedAt = now
        state.pendingEvents.append(.refund(id: state.makeID(), order: order, lines: refunded, at: now))
        flushEffects()
    }

    /// Edits a product (title and/or the price of every variant) and sends `products/update`.
    public func updateProduct(id: Int64, title: String? = nil, price: Decimal? = nil) throws {
        guard let index = state.productIndex[id] else { throw MerchantError.notFound("product \(id)") }
        if let title { state.products[index].title = title }
        if let price {
            for v in state.products[index].variants.indices { state.products[index].variants[v].price = price }
        }
        state.products[index].updatedAt = state.clock()
        state.pendingEvents.append(.product("products/update", state.products[index], at: state.clock()))
        flushEffects()
    }

    /// Current stock, for assertions.
    public func available(inventoryItemID: Int64, locationID: Int64) -> Int? {
        state.available(item: inventoryItemID, location: locationID)
    }

    /// Orders as the merchant sees them in the admin, for tests and trials.
    public struct OrderSummary: Sendable, Codable, Equatable {
        public var id: Int64
        public var name: String
        public var tags: [String]
        public var sourceName: String
        public var sourceIdentifier: String?
        public var fulfillmentStatus: String
        public var cancelled: Bool
        public var lines: [String: Int]
        public var shippingCity: String?
        public var taxTotal: String
        public var fulfillments: Int
    }

    public func orderSummaries() -> [OrderSummary] {
        state.orders.map { order in
            OrderSummary(
                id: order.id, name: order.name, tags: order.tags, sourceName: order.sourceName, sourceIdentifier: order.sourceIdentifier,
                fulfillmentStatus: order.displayFulfillmentStatus, cancelled: order.cancelledAt != nil,
                lines: Dictionary(order.lineItems.map { ($0.sku ?? "", $0.quantity) }, uniquingKeysWith: +),
                shippingCity: order.shippingCity, taxTotal: order.taxTotal.shopifyString, fulfillments: order.fulfillments.count)
        }
    }

    /// Orders created so far: (id, name, tags, display fulfillment status).
    public func orders() -> [(id: Int64, name: String, tags: [String], fulfillmentStatus: String)] {
        state.orders.map { ($0.id, $0.name, $0.tags, $0.displayFulfillmentStatus) }
    }

    /// How many requests were refused as THROTTLED.
    public var throttledCount: Int { throttle.throttledCount }
}
