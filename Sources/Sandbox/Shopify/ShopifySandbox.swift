import Foundation
import IntegrationKit
import Vapor

/// The Shopify Admin GraphQL stand-in: `POST /admin/api/2025-01/graphql.json`, the bulk
/// result downloads, and sandbox-only merchant actions under `/_sandbox/shopify/`.
public struct ShopifySandbox: RouteCollection, Sendable {
    /// The access token the stand-in accepts (`X-Shopify-Access-Token`).
    public static let demoAccessToken = "shpat_sandbox_demo_access_token"
    /// The app secret the stand-in signs webhooks with; the app verifies sandbox deliveries with it.
    public static let demoWebhookSecret = "shoppyshop-sandbox-webhook-secret"

    public struct Options: Sendable {
        public var accessToken: String
        public var webhookSecret: String
        /// Nil: the plan of the demo store (Standard: 2,000 points, 100 points/s).
        public var throttle: ShopifyThrottleSettings?
        /// First retry delay of a failed webhook; doubles per retry (Shopify: 8 retries over hours).
        public var webhookRetryBaseDelay: Duration
        /// Where webhooks go; nil: `callbackBaseURL` + `/webhooks/shopify`, if configured.
        public var webhookURL: URL?
        public var clock: @Sendable () -> Date
        /// How webhooks go out; nil: over HTTP with AsyncHTTPClient. Tests pass their own to
        /// see each delivery's exact bytes and headers.
        public var webhookTransport: (any HTTPTransport)?
        /// Shortest time a bulk operation stays RUNNING (Shopify's take seconds at least);
        /// tests that watch the RUNNING state set it so a fast export cannot skip past it.
        public var bulkMinimumDuration: Duration

        public init(
            accessToken: String = ShopifySandbox.demoAccessToken,
            webhookSecret: String = ShopifySandbox.demoWebhookSecret,
            throttle: ShopifyThrottleSettings? = nil,
            webhookRetryBaseDelay: Duration = .seconds(10),
            webhookURL: URL? = nil,
            clock: @escaping @Sendable () -> Date = { Date() },
            webhookTransport: (any HTTPTransport)? = nil,
            bulkMinimumDuration: Duration = .zero
        ) {
            self.accessToken = accessToken
            self.webhookSecret = webhookSecret
            self.throttle = throttle
            self.webhookRetryBaseDelay = webhookRetryBaseDelay
            self.webhookURL = webhookURL
            self.clock = clock
            self.webhookTransport = webhookTransport
            self.bulkMinimumDuration = bulkMinimumDuration
        }
    }

    public let backend: ShopifyBackend

    public init(context: SandboxContext, options: Options = Options()) {
        self.backend = ShopifyBackend(context: context, options: options)
        let backend = self.backend
        Self.registry.withLock { $0[context.instanceID] = backend }
    }

    /// The backend mounted for `context` (the simulators drive it).
    public static func backend(of context: SandboxContext) -> ShopifyBackend? {
        registry.withLock { $0[context.instanceID] }
    }

    private static let registry = LockedBox<[String: ShopifyBackend]>([:])

    /// Shopify's GraphQL requests are small; bulk queries are strings inside them.
    static let maximumRequestBody: ByteCount = "1mb"

    public func boot(routes: any RoutesBuilder) throws {
        let backend = self.backend
        routes.on(.POST, "admin", "api", ":version", "graphql.json", body: .collect(maxSize: Self.maximumRequestBody)) { request async throws -> Response in
            guard request.parameters.get("version") == ShopifySchema.version else {
                return Self.json(ShopifyBackend.Answer(status: 404, body: .object([("errors", .string("Not Found"))])))
            }
            let body = request.body.data.map { Data(buffer: $0) } ?? Data()
            let answer = await backend.handle(body: body, accessToken: request.headers.first(name: "X-Shopify-Access-Token"))
            return Self.json(answer)
        }
        let sandbox = routes.grouped("_sandbox", "shopify")
        sandbox.get("bulk", ":file") { request async throws -> Response in
            let file = request.parameters.get("file") ?? ""
            guard file.hasSuffix(".jsonl"), let id = Int64(file.dropLast(6)), let data = await backend.bulkResult(id) else {
                throw Abort(.notFound)
            }
            let response = Response(status: .ok, body: .init(data: data))
            response.headers.contentType = HTTPMediaType(type: "application", subType: "jsonl")
            return response
        }
        sandbox.post("inventory") { request async throws -> HTTPStatus in
            let input = try request.content.decode(StockChange.self)
            do {
                try await backend.setStock(inventoryItemID: input.inventoryItemId, locationID: input.locationId, available: input.available)
            } catch let error as ShopifyBackend.MerchantError {
                throw Self.abort(error)
            }
            return .noContent
        }
        // A storefront sale: stock goes down (never below 0) and inventory_levels/update goes out.
        sandbox.post("sales") { request async throws -> Response in
            let input = try request.content.decode(Sale.self)
            do {
                let sold = try await backend.sell(inventoryItemID: input.inventoryItemId, quantity: input.quantity ?? 1)
                return Response(status: sold ? .noContent : .conflict)
            } catch let error as ShopifyBackend.MerchantError {
                throw Self.abort(error)
            }
        }
        sandbox.post("orders", ":id", "fulfill") { request async throws -> HTTPStatus in
            guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.badRequest) }
            let input = try request.content.decode(Tracking.self)
            do {
                try await backend.fulfill(orderID: id, company: input.company, number: input.number, url: input.url, lines: input.lines)
            } catch let error as ShopifyBackend.MerchantError {
                throw Self.abort(error)
            }
            return .noContent
        }
        sandbox.get("orders") { _ async throws -> Response in
            let data = try JSONEncoder().encode(await backend.orderSummaries())
            let response = Response(status: .ok, body: .init(data: data))
            response.headers.contentType = .json
            return response
        }
        sandbox.post("orders", ":id", "cancel") { request async throws -> HTTPStatus in
            guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.badRequest) }
            let input = (try? request.content.decode(Cancel.self)) ?? Cancel(restock: true)
            do { try await backend.cancelOrder(orderID: id, restock: input.restock ?? true) } catch let error as ShopifyBackend.MerchantError { throw Self.abort(error) }
            return .noContent
        }
        sandbox.post("orders", ":id", "refund") { request async throws -> HTTPStatus in
            guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.badRequest) }
            let input = try request.content.decode(Refund.self)
            do { try await backend.refund(orderID: id, lines: input.lines) } catch let error as ShopifyBackend.MerchantError { throw Self.abort(error) }
            return .noContent
        }
        sandbox.post("products", ":id") { request async throws -> HTTPStatus in
            guard let id = request.parameters.get("id", as: Int64.self) else { throw Abort(.badRequest) }
            let input = try request.content.decode(ProductEdit.self)
            do {
                try await backend.updateProduct(id: id, title: input.title, price: input.price.flatMap { Decimal(string: $0) })
            } catch let error as ShopifyBackend.MerchantError {
                throw Self.abort(error)
            }
            return .noContent
        }
    }

    struct StockChange: Content { var inventoryItemId: Int64; var locationId: Int64; var available: Int }
    struct Sale: Content { var inventoryItemId: Int64; var quantity: Int? }
    /// `lines`: SKU → units, for a partial shipment; nil ships every open line.
    struct Tracking: Content { var company: String?; var number: String?; var url: String?; var lines: [String: Int]? }
    struct Refund: Content { var lines: [String: Int] }
    struct Cancel: Content { var restock: Bool? }
    /// `price` as a decimal string ("19.99"): money never passes through a Double.
    struct ProductEdit: Content { var title: String?; var price: String? }

    static func abort(_ error: ShopifyBackend.MerchantError) -> Abort {
        switch error {
        case .notFound(let message): Abort(.notFound, reason: message)
        case .invalid(let message): Abort(.unprocessableEntity, reason: message)
        }
    }

    static func json(_ answer: ShopifyBackend.Answer) -> Response {
        let response = Response(status: HTTPResponseStatus(statusCode: answer.status), body: .init(data: answer.body.encoded()))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: "X-Request-Id", value: UUID().uuidString.lowercased())
        return response
    }
}

/// Gives tests and the demo the running stand-in (its Swift merchant actions and logs).
public final class ShopifySandboxHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var current: ShopifySandbox?

    public init() {}

    public var sandbox: ShopifySandbox? { lock.withLock { current } }
    public var backend: ShopifyBackend? { sandbox?.backend }

    func set(_ sandbox: ShopifySandbox) { lock.withLock { current = sandbox } }
}

extension SandboxServices {
    /// Registers the Shopify stand-in with non-default options; `handle` receives it.
    public mutating func registerShopify(options: ShopifySandbox.Options, handle: ShopifySandboxHandle? = nil) {
        register(.shopify) { context in
            let sandbox = ShopifySandbox(context: context, options: options)
            handle?.set(sandbox)
            return sandbox
        }
    }
}
