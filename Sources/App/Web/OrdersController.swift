import Fluent
import Foundation
import ShoppyShopCore
import Vapor
import Views

/// `/orders` and `POST /orders/:id/retry`.
enum OrdersController: WebPage {
    static let perPage = 50

    static func register(_ routes: any RoutesBuilder) {
        routes.get("orders", use: list)
        routes.post("orders", ":id", "retry", use: retry)
    }

    @Sendable
    static func list(req: Request) async throws -> Response {
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)
        let total = try await EbayOrder.query(on: req.db).count()
        let orders = try await EbayOrder.query(on: req.db).sort(\.$createdAt, .descending)
            .range(((page - 1) * perPage)..<(page * perPage)).all()
        let heldLinks = try await OrderLink.query(on: req.db).filter(\.$state ~~ [.held, .failed]).limit(100).all()
        let heldShipments = try await EbayShipment.query(on: req.db).filter(\.$state ~~ [.held, .failed]).limit(100).all()
        let heldIDs = Set(heldLinks.map(\.ebayOrderID) + heldShipments.map(\.ebayOrderID))
        let heldOrders = try await EbayOrder.query(on: req.db).filter(\.$ebayID ~~ Array(heldIDs)).all()
        let rows = try await Self.rows(orders, on: req.db)
        let held = try await Self.rows(heldOrders, on: req.db)
        var notices: [Notice] = []
        if let message = req.query[String.self, at: "retried"] {
            notices.append(Notice(level: .warning, title: "Retried.", message: message))
        }
        let model = OrdersPage.Model(chrome: Chrome(req), notices: notices, held: held, rows: rows,
                                     paging: Paging(page: page, perPage: perPage, total: total, base: "/orders"))
        return .html(OrdersPage.render(model))
    }

    static func rows(_ orders: [EbayOrder], on db: any Database) async throws -> [OrdersPage.Row] {
        let ids = orders.map(\.ebayID)
        let links = Dictionary(try await OrderLink.query(on: db).filter(\.$ebayOrderID ~~ ids).all().map { ($0.ebayOrderID, $0) },
                               uniquingKeysWith: { first, _ in first })
        let shipments = Dictionary(grouping: try await EbayShipment.query(on: db).filter(\.$ebayOrderID ~~ ids).all(), by: \.ebayOrderID)
        return orders.map { order in
            let link = links[order.ebayID]
            return OrdersPage.Row(
                ebayOrderID: order.ebayID, buyer: order.buyerUsername, total: MoneyText(order.orderTotal.value, order.currency),
                ebayStatus: order.status, createdAt: order.createdAt,
                shopifyOrder: link?.shopifyOrderName ?? link?.shopifyOrderID.map { "id \($0)" }, shopifyOrderID: link?.shopifyOrderID,
                linkState: link?.state.rawValue, holdReason: link?.holdReason, error: link?.lastError,
                shipments: (shipments[order.ebayID] ?? []).map {
                    OrdersPage.Shipment(tracking: $0.trackingNumber, carrier: $0.ebayCarrierCode ?? $0.carrier, state: $0.state.rawValue, error: $0.lastError)
                })
        }
    }

    @Sendable
    static func retry(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id"), try await EbayOrder.query(on: req.db).filter(\.$ebayID == id).first() != nil else {
            throw Abort(.notFound, reason: "No such eBay order.")
        }
        let message: String
        do {
            message = "\(id): " + (try await req.application.shoppyShop.retryOrder(id).description)
        } catch {
            message = "\(id): the retry failed: \(error)"
        }
        return req.redirect(to: "/orders?retried=" + (message.prefix(400).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""), redirectType: .normal)
    }
}
