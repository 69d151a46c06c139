import Foundation
import Vapor

// The buyer simulator's sandbox-only routes (not eBay's; under /ebay-sandbox/buyer so a
// recording shows them apart; not /_sandbox, which is the host's own). The same is available in Swift on `EbaySandbox.state(of:)`.
extension EbaySandbox {
    func bootBuyer(_ routes: any RoutesBuilder) {
        let base = routes.grouped("ebay-sandbox", "buyer")
        // POST {"sku": "...", "quantity": 1} → {"orderId": "..."} or 409 when it would oversell.
        base.post("orders") { [state] request async throws -> Response in
            let body = request.body.data.flatMap { try? EbayJSON.parse(Data($0.readableBytesView)) }
            guard let sku = body?["sku"]?.string else { throw Abort(.badRequest, reason: "sku required") }
            do {
                let id = try state.placeOrder(sku: sku, quantity: body?["quantity"]?.int ?? 1)
                return EbaySandboxErrors.json(.object(["orderId": .string(id)]), status: .created)
            } catch {
                return EbaySandboxErrors.json(.object(["error": .string("\(error)")]), status: .conflict)
            }
        }
        // POST {"count": 10, "seed": 1} → {"orderIds": [...], "failedPurchases": n}
        base.post("orders", "random") { [state] request async throws -> Response in
            let body = request.body.data.flatMap { try? EbayJSON.parse(Data($0.readableBytesView)) }
            let ids = state.placeRandomOrders(count: body?["count"]?.int ?? 1, seed: UInt64(body?["seed"]?.int ?? 1))
            return EbaySandboxErrors.json(.object(["orderIds": .strings(ids), "failedPurchases": .int(state.failedPurchases)]))
        }
        base.post("orders", ":id", "cancel") { [state] request async throws -> Response in
            do {
                try state.cancelOrder(request.parameters.get("id") ?? "")
                return EbaySandboxErrors.empty(.noContent)
            } catch {
                return EbaySandboxErrors.empty(.notFound)
            }
        }
        // GET → {"items": n, "offers": {sku: count}, "live": {sku: listingId}}: what the account holds, to prove nothing was doubled.
        routes.grouped("ebay-sandbox", "seller").get("state") { [state] _ async throws -> Response in
            let (offers, _) = state.duplicateReport
            let live = Dictionary(state.liveListings.map { ($0.sku, EbayJSON.string($0.listingID)) }, uniquingKeysWith: { a, _ in a })
            let fulfillments = Dictionary(state.orders.map { ($0.id, EbayJSON.int($0.fulfillments.count)) }, uniquingKeysWith: { a, _ in a })
            return EbaySandboxErrors.json(.object([
                "items": .int(state.inventoryItemCount), "offers": .object(offers.mapValues { .int($0) }), "live": .object(live),
                "fulfillments": .object(fulfillments),
            ]))
        }
        // POST → the seller's listings, offers and items are gone (policies and locations stay): a fresh account for a trial.
        routes.grouped("ebay-sandbox", "seller").post("reset") { [state] _ async throws -> Response in
            state.resetListings()
            return EbaySandboxErrors.empty(.noContent)
        }
        // POST {"quantity": 3, "price": "12.50"} → the seller edits the listing by hand in Seller Hub.
        routes.grouped("ebay-sandbox", "seller").post("items", ":sku") { [state] request async throws -> Response in
            let body = request.body.data.flatMap { try? EbayJSON.parse(Data($0.readableBytesView)) }
            let price = body?["price"]?.string.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
            guard state.editByHand(sku: request.parameters.get("sku") ?? "", quantity: body?["quantity"]?.int, price: price) else {
                return EbaySandboxErrors.empty(.notFound)
            }
            return EbaySandboxErrors.empty(.noContent)
        }
        // POST {"username": "..."} → sends a signed MARKETPLACE_ACCOUNT_DELETION notification.
        base.post("notifications", "account-deletion") { [context] request async throws -> Response in
            let body = request.body.data.flatMap { try? EbayJSON.parse(Data($0.readableBytesView)) }
            guard let sent = await Self.sendAccountDeletion(context: context, username: body?["username"]?.string ?? "sandbox_buyer") else {
                return EbaySandboxErrors.json(.object(["error": .string("no callback URL configured")]), status: .conflict)
            }
            return EbaySandboxErrors.json(.object(["notificationId": .string(sent.id), "status": sent.status.map { .int($0) } ?? .null,
                                                    "kid": .string(Self.notifier(of: context).keyID)]))
        }
    }
}
