import Fluent
import Foundation
import ShoppyShopCore
import Vapor

/// `GET /api/v1/orders` and `/orders/{ebayOrderId}`: eBay orders with their Shopify order,
/// import state and tracking. No buyer name or address: the API does not hand out PII.
enum OrdersAPI {
    struct OrderDTO: Encodable {
        var ebayOrderId: String
        var ebayStatus: String
        var total: MoneyDTO
        var createdAt: Date
        var lastModified: Date?
        var items: [ItemDTO]
        /// The Shopify side: `new` until the importer has seen it, then `OrderLink.State`.
        var state: String
        var holdReason: String?
        var lastError: String?
        var shopifyOrder: ShopifyOrderDTO?
        var shipments: [ShipmentDTO]
    }

    struct ItemDTO: Encodable {
        var sku: String?
        var title: String
        var quantity: Int
        var unitPrice: MoneyDTO
    }

    struct ShopifyOrderDTO: Encodable {
        var id: Int64
        var name: String?
    }

    struct ShipmentDTO: Encodable {
        var state: String
        var trackingNumber: String?
        var carrier: String?
        var shippedAt: Date?
    }

    @Sendable
    static func list(req: Request) async throws -> Response {
        let page = try PageQuery(req)
        let total = try await EbayOrder.query(on: req.db).count()
        let rows = try await EbayOrder.query(on: req.db).sort(\.$createdAt, .descending).sort(\.$ebayID)
            .offset(page.offset).limit(page.perPage).all()
        return try APIJSON.response(PageDTO(try await orders(rows, on: req.db), page, total: total))
    }

    @Sendable
    static func show(req: Request) async throws -> Response {
        let id = req.parameters.get("ebayOrderId") ?? ""
        guard let row = try await EbayOrder.query(on: req.db).filter(\.$ebayID == id).first() else {
            throw APIError.notFound("no eBay order \(id) in the mirror")
        }
        return try APIJSON.response(try await orders([row], on: req.db)[0])
    }

    static func orders(_ rows: [EbayOrder], on db: any Database) async throws -> [OrderDTO] {
        let ids = rows.map(\.ebayID)
        let links = Dictionary(try await OrderLink.query(on: db).filter(\.$ebayOrderID ~~ ids).all().map { ($0.ebayOrderID, $0) }) { a, _ in a }
        let shipments = Dictionary(grouping: try await EbayShipment.query(on: db).filter(\.$ebayOrderID ~~ ids).sort(\.$createdAt).all(), by: \.ebayOrderID)
        return rows.map { order in
            let link = links[order.ebayID]
            return OrderDTO(
                ebayOrderId: order.ebayID, ebayStatus: order.status, total: MoneyDTO(order.orderTotal.value, order.currency),
                createdAt: order.createdAt, lastModified: order.lastModified,
                items: order.items.map { ItemDTO(sku: $0.sku, title: $0.title, quantity: $0.quantity, unitPrice: MoneyDTO($0.unitPrice.value, order.currency)) },
                state: link?.state.rawValue ?? "new", holdReason: link?.holdReason, lastError: link?.lastError,
                shopifyOrder: link?.shopifyOrderID.map { ShopifyOrderDTO(id: $0, name: link?.shopifyOrderName) },
                shipments: (shipments[order.ebayID] ?? []).map {
                    ShipmentDTO(state: $0.state.rawValue, trackingNumber: $0.trackingNumber, carrier: $0.carrier, shippedAt: $0.shippedAt)
                })
        }
    }
}
