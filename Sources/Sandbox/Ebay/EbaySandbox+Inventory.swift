import Foundation
import Vapor

// Inventory API: inventory items and groups, price/quantity.
extension EbaySandbox {
    static let inventory: [PathComponent] = ["sell", "inventory", "v1"]

    /// `ConditionEnum` values of the Inventory API (eBay's type reference; the contract only links it).
    static let conditions: Set<String> = [
        "NEW", "LIKE_NEW", "NEW_OTHER", "NEW_WITH_DEFECTS", "MANUFACTURER_REFURBISHED", "CERTIFIED_REFURBISHED",
        "EXCELLENT_REFURBISHED", "VERY_GOOD_REFURBISHED", "GOOD_REFURBISHED", "SELLER_REFURBISHED", "USED_EXCELLENT",
        "USED_VERY_GOOD", "USED_GOOD", "USED_ACCEPTABLE", "FOR_PARTS_OR_NOT_WORKING", "PRE_OWNED_EXCELLENT",
        "PRE_OWNED_FAIR", "PRE_OWNED_GOOD",
    ]

    func bootInventory(_ routes: any RoutesBuilder) {
        let base = routes.grouped(Self.inventory)
        base.post("bulk_create_or_replace_inventory_item", use: guarded(bulkCreateOrReplaceInventoryItem))
        base.get("inventory_item", use: guarded(getInventoryItems))
        base.post("bulk_get_inventory_item", use: guarded(bulkGetInventoryItem))
        base.put("inventory_item_group", ":key", use: guarded(createOrReplaceInventoryItemGroup))
        base.post("bulk_update_price_quantity", use: guarded(bulkUpdatePriceQuantity))
    }

    /// Bulk limits: 1…25 requests (contract: "Up to 25"); error id per operation.
    func bulkRequests(_ call: Call, tooMany: Int) -> EbayOutcome<[EbayJSON], Response> {
        let requests = call.body?["requests"]?.array ?? []
        if requests.isEmpty {
            return .failure(EbaySandboxErrors.response(.badRequest, [Self.inputError(call.operation, "requests")]))
        }
        if requests.count > 25 {
            return .failure(EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(call.operation, status: 400, id: tooMany, ["additionalInfo": "25"])]))
        }
        return .success(requests)
    }

    @Sendable func bulkCreateOrReplaceInventoryItem(_ call: Call) async throws -> Response {
        let requests: [EbayJSON]
        switch bulkRequests(call, tooMany: 25727) {
        case .success(let value): requests = value
        case .failure(let response): return response
        }
        let skus = requests.compactMap { $0["sku"]?.string }
        if Set(skus).count != skus.count {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(call.operation, status: 400, id: 25728)])
        }
        let op = call.operation
        var responses: [EbayJSON] = []
        var anyFailed = false
        for request in requests {
            let sku = request["sku"]?.string ?? ""
            var errors: [EbayJSON] = []
            let title = request["product"]?["title"]?.string
            let quantity = request["availability"]?["shipToLocationAvailability"]?["quantity"]?.int
            if sku.isEmpty || sku.count > 50 {
                errors.append(EbaySandboxErrors.detail(op, status: 400, id: 25707))
            }
            if let title, title.count > 80 {
                errors.append(EbaySandboxErrors.detail(op, status: 400, id: 25709, ["additionalInfo": "product.title (max length 80)"]))
            }
            if let quantity, quantity < 0 {
                errors.append(EbaySandboxErrors.detail(op, status: 400, id: 25004, ["additionalInfo": "quantity must be 0 or more"]))
            }
            if let condition = request["condition"]?.string, !Self.conditions.contains(condition) {
                errors.append(EbaySandboxErrors.detail(op, status: 400, id: 25021, ["additionalInfo": "condition \(condition)"]))
            }
            if let locale = request["locale"]?.string, locale.range(of: #"^[a-z]{2}_[A-Z]{2}$"#, options: .regularExpression) == nil {
                errors.append(EbaySandboxErrors.detail(op, status: 400, id: 25709, ["additionalInfo": "locale"]))
            }
            if errors.isEmpty {
                let aspects = Self.aspects(request["product"]?["aspects"])
                state.box.withLock { store in
                    var item = store.items[sku] ?? EbaySandboxState.Item(sku: sku, body: request, quantity: 0, aspects: [:])
                    item.body = request
                    item.quantity = quantity ?? item.quantity
                    item.aspects = aspects
                    store.items[sku] = item
                    for offer in store.offers.values where offer.sku == sku {
                        if let listing = offer.listingID { _ = state.revise(&store, listingID: listing) }
                    }
                }
                responses.append(.object(["sku": .string(sku), "locale": request["locale"] ?? .string("en_US"), "statusCode": .int(200)]))
            } else {
                anyFailed = true
                responses.append(.object(["sku": .string(sku), "statusCode": .int(400), "errors": .array(errors)]))
            }
        }
        return EbaySandboxErrors.json(.object(["responses": .array(responses)]), status: anyFailed ? .multiStatus : .ok)
    }

    static func aspects(_ value: EbayJSON?) -> [String: [String]] {
        (value?.object ?? [:]).mapValues { $0.array?.compactMap(\.string) ?? [] }
    }

    /// An inventory item as eBay returns it (`InventoryItemWithSkuLocaleGroupid`).
    func record(_ item: EbaySandboxState.Item, groupIDs: Bool) -> EbayJSON {
        var object = item.body.object ?? [:]
        object["sku"] = .string(item.sku)
        object["availability"] = .object(["shipToLocationAvailability": .object(["quantity": .int(item.quantity)])])
        if !item.groupKeys.isEmpty {
            object["inventoryItemGroupKeys"] = .strings(item.groupKeys.sorted())
            if groupIDs { object["groupIds"] = .strings(item.groupKeys.sorted()) }
        }
        return .object(object)
    }

    @Sendable func getInventoryItems(_ call: Call) async throws -> Response {
        let limit = call.request.query[Int.self, at: "limit"] ?? 25
        let offset = call.request.query[Int.self, at: "offset"] ?? 0
        guard (1...200).contains(limit), offset >= 0 else {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(call.operation, status: 400, id: 25709, ["additionalInfo": "limit/offset"])])
        }
        let items = state.box.current.items.values.sorted { $0.sku < $1.sku }
        let page = items.dropFirst(offset).prefix(limit)
        var object: [String: EbayJSON] = [
            "href": .string("\(call.request.url.path)?limit=\(limit)&offset=\(offset)"),
            "limit": .int(limit), "size": .int(page.count), "total": .int(items.count),
            "inventoryItems": .array(page.map { record($0, groupIDs: true) }),
        ]
        if offset + limit < items.count { object["next"] = .string("\(call.request.url.path)?limit=\(limit)&offset=\(offset + limit)") }
        if offset > 0 { object["prev"] = .string("\(call.request.url.path)?limit=\(limit)&offset=\(max(0, offset - limit))") }
        return EbaySandboxErrors.json(.object(object))
    }

    @Sendable func bulkGetInventoryItem(_ call: Call) async throws -> Response {
        let requests: [EbayJSON]
        switch bulkRequests(call, tooMany: 25727) {
        case .success(let value): requests = value
        case .failure(let response): return response
        }
        let items = state.box.current.items
        var anyFailed = false
        let responses: [EbayJSON] = requests.map { request in
            let sku = request["sku"]?.string ?? ""
            if let item = items[sku] {
                var found = record(item, groupIDs: false).object ?? [:]
                found.removeValue(forKey: "groupIds")
                return .object(["sku": .string(sku), "statusCode": .int(200), "inventoryItem": .object(found)])
            }
            anyFailed = true
            return .object(["sku": .string(sku), "statusCode": .int(404),
                            "errors": .array([EbaySandboxErrors.detail(call.operation, status: 400, id: 25702, ["additionalInfo": sku])])])
        }
        return EbaySandboxErrors.json(.object(["responses": .array(responses)]), status: anyFailed ? .multiStatus : .ok)
    }

    @Sendable func createOrReplaceInventoryItemGroup(_ call: Call) async throws -> Response {
        let key = call.request.parameters.get("key") ?? ""
        let op = call.operation
        guard let body = call.body else {
            return EbaySandboxErrors.response(.badRequest, [Self.inputError(op, "body")])
        }
        let skus = body["variantSKUs"]?.array?.compactMap(\.string) ?? []
        if skus.isEmpty { return EbaySandboxErrors.response(.badRequest, [Self.inputError(op, "variantSKUs")]) }
        if let title = body["title"]?.string, title.count > 80 {
            return EbaySandboxErrors.response(.badRequest, [Self.inputError(op, "title (max length 80)")])
        }
        let missing: [String] = state.box.withLock { store in
            let missing = skus.filter { store.items[$0] == nil }
            guard missing.isEmpty else { return missing }
            store.groups[key] = body
            for (sku, item) in store.items {
                var item = item
                if skus.contains(sku) { item.groupKeys.insert(key) } else { item.groupKeys.remove(key) }
                store.items[sku] = item
            }
            return []
        }
        if !missing.isEmpty {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(op, status: 400, id: 25702, ["additionalInfo": missing.joined(separator: ",")])])
        }
        return EbaySandboxErrors.empty(.noContent)
    }

    @Sendable func bulkUpdatePriceQuantity(_ call: Call) async throws -> Response {
        let requests: [EbayJSON]
        switch bulkRequests(call, tooMany: 25709) {
        case .success(let value): requests = value
        case .failure(let response): return response
        }
        let op = call.operation
        var anyFailed = false
        var responses: [EbayJSON] = []
        for request in requests {
            let sku = request["sku"]?.string
            let quantity = request["shipToLocationAvailability"]?["quantity"]?.int
            let offers = request["offers"]?.array ?? []
            let outcome: [EbayJSON] = state.box.withLock { store in
                func failure(_ id: Int, _ info: String, offerID: String? = nil) -> EbayJSON {
                    var object: [String: EbayJSON] = ["statusCode": .int(400),
                                                      "errors": .array([EbaySandboxErrors.detail(op, status: 400, id: id, ["additionalInfo": info])])]
                    if let sku { object["sku"] = .string(sku) }
                    if let offerID { object["offerId"] = .string(offerID) }
                    return .object(object)
                }
                if let sku, store.items[sku] == nil { return [failure(25002, "SKU \(sku) is not available in the system")] }
                if let quantity, quantity < 0 { return [failure(25759, "quantity \(quantity)")] }
                var results: [EbayJSON] = []
                if let sku, let quantity { store.items[sku]?.quantity = quantity }
                for entry in offers {
                    let offerID = entry["offerId"]?.string ?? ""
                    guard var offer = store.offers[offerID], sku == nil || offer.sku == sku else {
                        results.append(failure(25709, "offerId \(offerID)", offerID: offerID)); continue
                    }
                    let available = entry["availableQuantity"]?.int
                    if let available, available < 0 { results.append(failure(25709, "availableQuantity", offerID: offerID)); continue }
                    if let listing = offer.listingID, !state.revise(&store, listingID: listing) {
                        results.append(failure(25002, "revision limit of 250 per listing per day reached", offerID: offerID)); continue
                    }
                    if let available { offer.availableQuantity = available + offer.soldQuantity }
                    if let price = entry["price"]?["value"]?.string.flatMap({ Decimal(string: $0) }) { offer.price = price }
                    store.offers[offerID] = offer
                    results.append(.object(["offerId": .string(offerID), "sku": .string(offer.sku), "statusCode": .int(200)]))
                }
                if offers.isEmpty, let sku { results.append(.object(["sku": .string(sku), "statusCode": .int(200)])) }
                return results
            }
            if outcome.contains(where: { $0["errors"] != nil }) { anyFailed = true }
            responses += outcome
        }
        return EbaySandboxErrors.json(.object(["responses": .array(responses)]), status: anyFailed ? .multiStatus : .ok)
    }
}
