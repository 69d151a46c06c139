import Foundation
import GraphQL

/// The write side: the mutations the client uses, with Shopify's `userErrors` for bad input.
/// A mutation with user errors changes nothing.
extension ShopifyResolvers {
    /// `InventorySetQuantitiesInput.reason` values Shopify accepts (its docs list these).
    static let inventoryReasons: Set<String> = [
        "correction", "cycle_count_available", "damaged", "movement_created", "movement_updated",
        "movement_received", "movement_canceled", "other", "promotion", "quality_control",
        "received", "reservation_created", "reservation_deleted", "reservation_updated",
        "restock", "safety_stock", "shrinkage",
    ]

    func mutationRoot() -> Obj {
        var root = Obj("Mutation")
        root.computed["inventorySetQuantities"] = { args in inventorySetQuantities(args["input"] ?? .null) }
        root.computed["orderCreate"] = { args in orderCreate(args["order"] ?? .null, options: args["options"]) }
        root.computed["fulfillmentCreate"] = { args in fulfillmentCreate(args["fulfillment"] ?? .null) }
        root.computed["orderCancel"] = { args in orderCancel(args) }
        root.computed["bulkOperationRunQuery"] = { args in bulkOperationRunQuery(args["query"]?.stringValue ?? "") }
        root.computed["webhookSubscriptionCreate"] = { args in webhookSubscriptionCreate(args) }
        return root
    }

    func userError(_ type: String, field: [String], message: String, code: String? = nil) -> Obj {
        var values: [String: Resolved] = [
            "field": .value(.array(field.map(ShopifyJSON.string))),
            "message": .value(.string(message)),
        ]
        if let code { values["code"] = .value(.string(code)) }
        return Obj(type, values)
    }

    func inventorySetQuantities(_ input: ShopifyJSON) -> Resolved {
        let errorType = "InventorySetQuantitiesUserError"
        var errors: [Obj] = []
        let name = input["name"]?.stringValue ?? ""
        let reason = input["reason"]?.stringValue ?? ""
        let ignoreCompare = input["ignoreCompareQuantity"]?.boolValue ?? false
        if !["available", "on_hand"].contains(name) {
            errors.append(userError(errorType, field: ["input", "name"], message: "The quantity name must be either 'available' or 'on_hand'.", code: "INVALID_NAME"))
        }
        if !Self.inventoryReasons.contains(reason) {
            errors.append(userError(errorType, field: ["input", "reason"], message: "The specified reason is invalid.", code: "INVALID_REASON"))
        }
        var changes: [(item: Int64, location: Int64, quantity: Int)] = []
        for (index, entry) in (input["quantities"]?.arrayValue ?? []).enumerated() {
            let path = ["input", "quantities", String(index)]
            guard let item = ShopifyGID.id(entry["inventoryItemId"], type: "InventoryItem"), state.itemLocation(item) != nil else {
                errors.append(userError(errorType, field: path + ["inventoryItemId"], message: "The specified inventory item could not be found.", code: "INVALID_INVENTORY_ITEM"))
                continue
            }
            guard let location = ShopifyGID.id(entry["locationId"], type: "Location"), state.location(id: location) != nil else {
                errors.append(userError(errorType, field: path + ["locationId"], message: "The specified location could not be found.", code: "INVALID_LOCATION"))
                continue
            }
            guard let current = state.available(item: item, location: location) else {
                errors.append(userError(errorType, field: path + ["locationId"], message: "The specified inventory item is not stocked at the location.", code: "ITEM_NOT_STOCKED_AT_LOCATION"))
                continue
            }
            let quantity = Int(entry["quantity"]?.intValue ?? 0)
            if quantity < 0 {
                errors.append(userError(errorType, field: path + ["quantity"], message: "The quantity can't be negative.", code: "INVALID_QUANTITY_NEGATIVE"))
                continue
            }
            if !ignoreCompare {
                guard let compare = entry["compareQuantity"]?.intValue else {
                    errors.append(userError(errorType, field: path + ["compareQuantity"], message: "The compareQuantity argument must be given to each quantity or ignored using ignoreCompareQuantity.", code: "COMPARE_QUANTITY_REQUIRED"))
                    continue
                }
                if Int(compare) != current {
                    errors.append(userError(errorType, field: path + ["compareQuantity"], message: "The compareQuantity argument no longer matches the persisted quantity.", code: "COMPARE_QUANTITY_STALE"))
                    continue
                }
            }
            changes.append((item, location, quantity))
        }
        guard errors.isEmpty else {
            return .object(Obj("InventorySetQuantitiesPayload", ["inventoryAdjustmentGroup": .null, "userErrors": .objects(errors)]))
        }
        var changeObjects: [Obj] = []
        for change in changes {
            guard let (before, after) = state.setAvailable(item: change.item, location: change.location, to: change.quantity) else { continue }
            changeObjects.append(Obj("InventoryChange", [
                "name": .value(.string(name)),
                "delta": .value(.int(Int64(after - before))),
                "quantityAfterChange": .value(.int(Int64(after))),
                "item": state.itemLocation(change.item).map { .object(inventoryItem($0.1, of: $0.0)) } ?? .null,
                "location": state.location(id: change.location).map { .object(location($0)) } ?? .null,
            ]))
        }
        state.inventoryAdjustmentGroups += 1
        let group = Obj("InventoryAdjustmentGroup", [
            "id": .value(.string("gid://shopify/InventoryAdjustmentGroup/\(state.makeID())")),
            "reason": .value(.string(reason)),
            "changes": .objects(changeObjects),
        ])
        return .object(Obj("InventorySetQuantitiesPayload", ["inventoryAdjustmentGroup": .object(group), "userErrors": .objects([])]))
    }

    func orderCreate(_ input: ShopifyJSON, options: ShopifyJSON?) -> Resolved {
        let errorType = "OrderCreateUserError"
        var errors: [Obj] = []
        var lines: [SandboxOrder.LineItem] = []
        let lineInputs = input["lineItems"]?.arrayValue ?? []
        if lineInputs.isEmpty {
            errors.append(userError(errorType, field: ["order", "lineItems"], message: "Line items must have at least one line item.", code: "INVALID"))
        }
        for (index, line) in lineInputs.enumerated() {
            let path = ["order", "lineItems", String(index)]
            let quantity = Int(line["quantity"]?.intValue ?? 0)
            if quantity < 1 {
                errors.append(userError(errorType, field: path + ["quantity"], message: "Quantity must be greater than or equal to 1", code: "INVALID"))
                continue
            }
            let price = line["priceSet"]?["shopMoney"]?["amount"]?.stringValue.flatMap { Decimal(string: $0) }
            if let variantGID = line["variantId"], !variantGID.isNull {
                guard let id = ShopifyGID.id(variantGID, type: "ProductVariant"), let (p, v) = state.variantIndex[id] else {
                    errors.append(userError(errorType, field: path + ["variantId"], message: "Variant does not exist", code: "PRODUCT_VARIANT_DOES_NOT_EXIST"))
                    continue
                }
                let product = state.products[p]
                let variant = product.variants[v]
                lines.append(.init(id: state.makeID(), variantID: variant.id, productID: product.id, sku: variant.sku,
                                   title: product.title, quantity: quantity, price: price ?? variant.price))
            } else {
                guard let title = line["title"]?.stringValue, let price else {
                    errors.append(userError(errorType, field: path, message: "A custom line item needs a title and a priceSet", code: "INVALID"))
                    continue
                }
                lines.append(.init(id: state.makeID(), variantID: nil, productID: nil, sku: line["sku"]?.stringValue, title: title, quantity: quantity, price: price))
            }
        }
        guard errors.isEmpty else {
            return .object(Obj("OrderCreatePayload", ["order": .null, "userErrors": .objects(errors)]))
        }
        func amount(_ json: ShopifyJSON?) -> Decimal {
            json?["priceSet"]?["shopMoney"]?["amount"]?.stringValue.flatMap { Decimal(string: $0) } ?? 0
        }
        let shipping = (input["shippingLines"]?.arrayValue ?? []).reduce(Decimal(0)) { $0 + amount($1) }
        let tax = (input["taxLines"]?.arrayValue ?? []).reduce(Decimal(0)) { $0 + amount($1) }
            + lineInputs.flatMap { $0["taxLines"]?.arrayValue ?? [] }.reduce(Decimal(0)) { $0 + amount($1) }
        let now = state.clock()
        let location = state.locations.first?.id ?? 0
        var order = SandboxOrder(
            id: state.makeID(), number: 1001 + state.orders.count,
            sourceName: input["sourceName"]?.stringValue ?? "shopify_draft_order",
            sourceIdentifier: input["sourceIdentifier"]?.stringValue,
            tags: (input["tags"]?.arrayValue ?? []).compactMap(\.stringValue).sorted(),
            email: input["email"]?.stringValue, currency: input["currency"]?.stringValue ?? state.shop.currencyCode,
            lineItems: lines, shippingTotal: shipping, taxTotal: tax, createdAt: now, updatedAt: now)
        order.shippingCity = input["shippingAddress"]?["city"]?.stringValue
        order.fulfillmentOrders = [SandboxOrder.FulfillmentOrder(
            id: state.makeID(), locationID: location, status: "OPEN",
            lines: lines.map { .init(id: state.makeID(), lineItemID: $0.id, total: $0.quantity, remaining: $0.quantity) })]
        // inventoryBehaviour defaults to BYPASS (OrderCreateOptionsInput in the 2025-01 SDL).
        let behaviour = options?["inventoryBehaviour"]?.stringValue ?? "BYPASS"
        if behaviour != "BYPASS" {
            for line in lines {
                guard let variantID = line.variantID, let variant = state.variant(id: variantID),
                      let level = variant.inventoryLevels.first else { continue }
                state.setAvailable(item: variant.inventoryItemID, location: level.locationID, to: level.available - line.quantity)
            }
        }
        state.orders.append(order)
        state.pendingEvents.append(.order("orders/create", order, at: now))
        return .object(Obj("OrderCreatePayload", ["order": .object(self.order(order)), "userErrors": .objects([])]))
    }

    func fulfillmentCreate(_ input: ShopifyJSON) -> Resolved {
        let payloadType = "FulfillmentCreatePayload"
        let groups = input["lineItemsByFulfillmentOrder"]?.arrayValue ?? []
        guard !groups.isEmpty else {
            return .object(Obj(payloadType, ["fulfillment": .null, "userErrors": .objects([userError("UserError", field: ["fulfillment", "lineItemsByFulfillmentOrder"], message: "Line items by fulfillment order can't be blank")])]))
        }
        var orderIndex: Int?
        var requested: [(foIndex: Int, lines: [(id: Int64, quantity: Int?)]?)] = []
        for (index, group) in groups.enumerated() {
            guard let foID = ShopifyGID.id(group["fulfillmentOrderId"], type: "FulfillmentOrder"),
                  let o = state.orders.firstIndex(where: { $0.fulfillmentOrders.contains { $0.id == foID } }),
                  let f = state.orders[o].fulfillmentOrders.firstIndex(where: { $0.id == foID }) else {
                return .object(Obj(payloadType, ["fulfillment": .null, "userErrors": .objects([userError("UserError", field: ["fulfillment", "lineItemsByFulfillmentOrder", String(index), "fulfillmentOrderId"], message: "Fulfillment order does not exist.")])]))
            }
            if let orderIndex, orderIndex != o {
                return .object(Obj(payloadType, ["fulfillment": .null, "userErrors": .objects([userError("UserError", field: ["fulfillment"], message: "All fulfillment orders must belong to the same order.")])]))
            }
            orderIndex = o
            let fulfillmentOrder = state.orders[o].fulfillmentOrders[f]
            if fulfillmentOrder.status == "CLOSED" || state.orders[o].cancelledAt != nil {
                return .object(Obj(payloadType, ["fulfillment": .null, "userErrors": .objects([userError("UserError", field: ["fulfillment"], message: "Fulfillment order \(foID) has an unfulfillable status= \(fulfillmentOrder.status.lowercased()).")])]))
            }
            let lines = group["fulfillmentOrderLineItems"]?.arrayValue?.map { line in
                (ShopifyGID.id(line["id"], type: "FulfillmentOrderLineItem") ?? 0, line["quantity"]?.intValue.map { Int($0) })
            }
            requested.append((f, lines))
        }
        guard let o = orderIndex else { return .null }
        var fulfilled: [(lineItemID: Int64, quantity: Int)] = []
        for (f, lines) in requested {
            for l in state.orders[o].fulfillmentOrders[f].lines.indices {
                let line = state.orders[o].fulfillmentOrders[f].lines[l]
                let quantity: Int
                if let lines {
                    guard let match = lines.first(where: { $0.id == line.id }) else { continue }
                    quantity = min(match.quantity ?? line.remaining, line.remaining)
                } else {
                    quantity = line.remaining
                }
                guard quantity > 0 else { continue }
                state.orders[o].fulfillmentOrders[f].lines[l].remaining -= quantity
                fulfilled.append((line.lineItemID, quantity))
            }
            if state.orders[o].fulfillmentOrders[f].lines.allSatisfy({ $0.remaining == 0 }) {
                state.orders[o].fulfillmentOrders[f].status = "CLOSED"
            } else {
                state.orders[o].fulfillmentOrders[f].status = "IN_PROGRESS"
            }
        }
        let tracking = input["trackingInfo"]
        let now = state.clock()
        let fulfillment = SandboxOrder.Fulfillment(
            id: state.makeID(), status: "SUCCESS", company: tracking?["company"]?.stringValue,
            number: tracking?["number"]?.stringValue ?? tracking?["numbers"]?.arrayValue?.first?.stringValue,
            url: tracking?["url"]?.stringValue ?? tracking?["urls"]?.arrayValue?.first?.stringValue,
            lines: fulfilled, createdAt: now)
        state.orders[o].fulfillments.append(fulfillment)
        state.orders[o].updatedAt = now
        state.pendingEvents.append(.fulfillment(fulfillment, of: state.orders[o], at: now))
        state.pendingEvents.append(.order("orders/updated", state.orders[o], at: now))
        let trackingInfo = Obj("FulfillmentTrackingInfo", [
            "company": fulfillment.company.map { .value(.string($0)) } ?? .null,
            "number": fulfillment.number.map { .value(.string($0)) } ?? .null,
            "url": fulfillment.url.map { .value(.string($0)) } ?? .null,
        ])
        let node = Obj("Fulfillment", [
            "id": .value(.string("gid://shopify/Fulfillment/\(fulfillment.id)")),
            "status": .value(.string(fulfillment.status)),
            "trackingInfo": .objects(fulfillment.number == nil && fulfillment.company == nil ? [] : [trackingInfo]),
        ])
        return .object(Obj(payloadType, ["fulfillment": .object(node), "userErrors": .objects([])]))
    }

    func orderCancel(_ args: [String: ShopifyJSON]) -> Resolved {
        let payloadType = "OrderCancelPayload"
        let errorType = "OrderCancelUserError"
        guard let id = ShopifyGID.id(args["orderId"], type: "Order"), let o = state.orders.firstIndex(where: { $0.id == id }) else {
            return .object(Obj(payloadType, ["job": .null, "orderCancelUserErrors": .objects([userError(errorType, field: ["orderId"], message: "Order does not exist", code: "NOT_FOUND")]), "userErrors": .objects([])]))
        }
        if state.orders[o].cancelledAt != nil {
            return .object(Obj(payloadType, ["job": .null, "orderCancelUserErrors": .objects([userError(errorType, field: ["orderId"], message: "Cannot cancel an order that has already been canceled.", code: "INVALID")]), "userErrors": .objects([])]))
        }
        let now = state.clock()
        state.orders[o].cancelledAt = now
        state.orders[o].cancelReason = args["reason"]?.stringValue
        state.orders[o].updatedAt = now
        for f in state.orders[o].fulfillmentOrders.indices where state.orders[o].fulfillmentOrders[f].status != "CLOSED" {
            state.orders[o].fulfillmentOrders[f].status = "CLOSED"
        }
        if args["restock"]?.boolValue == true {
            for line in state.orders[o].lineItems {
                guard let variantID = line.variantID, let variant = state.variant(id: variantID), let level = variant.inventoryLevels.first else { continue }
                state.setAvailable(item: variant.inventoryItemID, location: level.locationID, to: level.available + line.quantity)
            }
        }
        state.pendingEvents.append(.order("orders/cancelled", state.orders[o], at: now))
        let job = Obj("Job", ["id": .value(.string("gid://shopify/Job/\(UUID().uuidString.lowercased())")), "done": .value(.bool(false))])
        return .object(Obj(payloadType, ["job": .object(job), "orderCancelUserErrors": .objects([]), "userErrors": .objects([])]))
    }

    func bulkOperationRunQuery(_ query: String) -> Resolved {
        let payloadType = "BulkOperationRunQueryPayload"
        let errorType = "BulkOperationUserError"
        if let running = state.bulkOperations.values.first(where: { ["CREATED", "RUNNING"].contains($0.status) }) {
            return .object(Obj(payloadType, ["bulkOperation": .null, "userErrors": .objects([userError(errorType, field: ["query"], message: "A bulk query operation for this app and shop is already in progress: \(running.gid).", code: "OPERATION_IN_PROGRESS")])]))
        }
        do {
            if case .failure(let errors) = try ShopifySchema.check(query) {
                return .object(Obj(payloadType, ["bulkOperation": .null, "userErrors": .objects(errors.entries.map { userError(errorType, field: ["query"], message: $0.message, code: "INVALID") })]))
            }
        } catch {
            return .object(Obj(payloadType, ["bulkOperation": .null, "userErrors": .objects([userError(errorType, field: ["query"], message: "\(error)", code: "INVALID")])]))
        }
        let record = BulkOperationRecord(id: state.makeID(), query: query, status: "CREATED", createdAt: state.clock())
        state.bulkOperations[record.id] = record
        state.bulkToRun.append(record.id)
        return .object(Obj(payloadType, ["bulkOperation": .object(bulkOperation(record)), "userErrors": .objects([])]))
    }

    func webhookSubscriptionCreate(_ args: [String: ShopifyJSON]) -> Resolved {
        let payloadType = "WebhookSubscriptionCreatePayload"
        let topic = args["topic"]?.stringValue ?? ""
        guard let callback = args["webhookSubscription"]?["callbackUrl"]?.stringValue,
              let url = URL(string: callback), url.scheme == "https" || url.host == "127.0.0.1" || url.host == "localhost" else {
            return .object(Obj(payloadType, ["webhookSubscription": .null, "userErrors": .objects([userError("UserError", field: ["webhookSubscription", "callbackUrl"], message: "Address is invalid")])]))
        }
        if state.webhookSubscriptions.contains(where: { $0.topic == topic && $0.callbackURL == callback }) {
            return .object(Obj(payloadType, ["webhookSubscription": .null, "userErrors": .objects([userError("UserError", field: ["webhookSubscription", "callbackUrl"], message: "Address for this topic has already been taken")])]))
        }
        let id = state.makeID()
        state.webhookSubscriptions.append((id, topic, callback))
        let subscription = Obj("WebhookSubscription", [
            "id": .value(.string("gid://shopify/WebhookSubscription/\(id)")),
            "topic": .value(.string(topic)),
            "endpoint": .object(Obj("WebhookHttpEndpoint", ["callbackUrl": .value(.string(callback))])),
        ])
        return .object(Obj(payloadType, ["webhookSubscription": .object(subscription), "userErrors": .objects([])]))
    }
}
