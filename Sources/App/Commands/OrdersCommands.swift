import Fluent
import Foundation
import ShoppyShopCore
import Vapor

/// `shoppyshop orders …`: eBay orders and their Shopify orders.
struct OrdersCommands: AsyncCommandGroup {
    var help: String { "eBay orders: list | held | retry <eBay order id>" }

    var commands: [String: any AnyAsyncCommand] {
        ["list": List(), "held": Held(), "retry": Retry()]
    }

    struct List: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "limit", short: "n", help: "At most this many (default 50).")
            var limit: Int?
            init() {}
        }

        var help: String { "Lists recent eBay orders with their Shopify order, state and tracking." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.prepareDatabase()
            let orders = try await EbayOrder.query(on: app.db).sort(\.$createdAt, .descending).limit(signature.limit ?? 50).all()
            let links = Dictionary(try await OrderLink.query(on: app.db).filter(\.$ebayOrderID ~~ orders.map(\.ebayID)).all().map { ($0.ebayOrderID, $0) },
                                   uniquingKeysWith: { a, _ in a })
            let shipments = Dictionary(grouping: try await EbayShipment.query(on: app.db).filter(\.$ebayOrderID ~~ orders.map(\.ebayID)).all(), by: \.ebayOrderID)
            if orders.isEmpty { context.console.print("No eBay orders yet.") }
            for order in orders {
                let link = links[order.ebayID]
                let tracking = (shipments[order.ebayID] ?? []).map { "\($0.trackingNumber ?? "no tracking") (\($0.state.rawValue))" }.joined(separator: ", ")
                context.console.print("\(order.ebayID)  \(order.orderTotal.value.plain) \(order.currency)  eBay \(order.status)  Shopify \(link?.shopifyOrderName ?? "-") [\(link?.state.rawValue ?? "new")]\(tracking.isEmpty ? "" : "  tracking \(tracking)")")
            }
        }
    }

    struct Held: AsyncCommand {
        struct Signature: CommandSignature { init() {} }
        var help: String { "Lists eBay orders held back from Shopify, and shipments held back from eBay, with the reason and the fix." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await app.prepareDatabase()
            let held = try await OrderLink.query(on: app.db).filter(\.$state == .held).all()
            let failed = try await OrderLink.query(on: app.db).filter(\.$state == .failed).all()
            let shipments = try await EbayShipment.query(on: app.db).filter(\.$state ~~ [.held, .failed]).all()
            if held.isEmpty && failed.isEmpty && shipments.isEmpty { context.console.print("Nothing is held."); return }
            for link in held { context.console.print("held    \(link.ebayOrderID): \(link.holdReason ?? "")") }
            for link in failed { context.console.print("failed  \(link.ebayOrderID): \(link.lastError ?? "")") }
            for shipment in shipments { context.console.print("tracking \(shipment.ebayOrderID) (Shopify fulfillment \(shipment.shopifyFulfillmentID)): \(shipment.lastError ?? shipment.state.rawValue)") }
            context.console.print("Fix the cause, then: shoppyshop orders retry <eBay order id>")
        }
    }

    struct Retry: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "id", help: "The eBay order id, as `orders held` shows it.")
            var id: String
            init() {}
        }

        var help: String { "Tries a held or failed eBay order (and its held shipments) again now." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            try await SyncCommandSupport.prepare(app)
            guard try await EbayOrder.query(on: app.db).filter(\.$ebayID == signature.id).first() != nil else {
                throw CommandFailure(code: 1, description: "no eBay order \(signature.id) in the mirror; `shoppyshop orders list` shows them")
            }
            try await EbayShipment.query(on: app.db).filter(\.$ebayOrderID == signature.id).filter(\.$state ~~ [.held, .failed])
                .set(\.$state, to: .pending).update()
            do {
                let report = try await app.shoppyShop.retryOrder(signature.id)
                context.console.print(report.description)
                if let reason = report.imports?.holds[signature.id] { throw CommandFailure(code: 1, description: "still held: \(reason)") }
                if let failure = report.imports?.failures[signature.id] { throw CommandFailure(code: 1, description: "failed: \(failure)") }
            } catch let failure as CommandFailure {
                context.console.error(failure.description)
                throw failure
            } catch {
                throw SyncCommandSupport.failure(error)
            }
        }
    }
}
