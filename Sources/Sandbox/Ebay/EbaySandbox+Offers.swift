import Foundation
import Vapor

// Inventory API: offers, publishing and withdrawing.
extension EbaySandbox {
    static let formats: Set<String> = ["FIXED_PRICE", "AUCTION"]

    func bootOffers(_ routes: any RoutesBuilder) {
        let base = routes.grouped(Self.inventory)
        base.post("bulk_create_offer", use: guarded(bulkCreateOffer))
        base.get("offer", use: guarded(getOffers))
        base.put("offer", ":offerId", use: guarded(updateOffer))
        base.post("bulk_publish_offer", use: guarded(bulkPublishOffer))
        base.post("offer", "publish_by_inventory_item_group", use: guarded(publishByGroup))
        base.post("offer", ":offerId", "withdraw", use: guarded(withdrawOffer))
        base.post("offer", "withdraw_by_inventory_item_group", use: guarded(withdrawByGroup))
    }

    @Sendable func bulkCreateOffer(_ call: Call) async throws -> Response {
        let requests: [EbayJSON]
        switch bulkRequests(call, tooMany: 25730) {
        case .success(let value): requests = value
        case .failure(let response): return response
        }
        let op = call.operation
        var anyFailed = false
        var responses: [EbayJSON] = []
        for request in requests {
            let sku = request["sku"]?.string ?? ""
            let marketplace = request["marketplaceId"]?.string ?? ""
            let format = request["format"]?.string ?? ""
            let result: EbayJSON = state.box.withLock { store in
                func failure(_ id: Int, _ info: [String: String] = [:]) -> EbayJSON {
                    .object(["sku": .string(sku), "marketplaceId": .string(marketplace), "format": .string(format), "statusCode": .int(400),
                             "errors": .array([EbaySandboxErrors.detail(op, status: 400, id: id, info)])])
                }
                guard store.items[sku] != nil else { return failure(25702, ["additionalInfo": sku]) }
                guard marketplace.hasPrefix("EBAY_"), Self.formats.contains(format) else { return failure(25735) }
                if store.offers.values.contains(where: { $0.sku == sku && $0.marketplaceID == marketplace && $0.format == format }) {
                    return failure(25729)
                }
                if let quantity = request["availableQuantity"]?.int, quantity < 0 {
                    return failure(25709, ["additionalInfo": "availableQuantity"])
                }
                let price = request["pricingSummary"]?["price"]
                if let price, price["value"]?.string.flatMap({ Decimal(string: $0) }) == nil || (price["currency"]?.string?.count ?? 0) != 3 {
                    return failure(25709, ["additionalInfo": "pricingSummary.price"])
                }
                let id = "\(5_000_000_000 + store.nextID)"
                store.nextID += 1
                store.offers[id] = EbaySandboxState.Offer(
                    id: id, sku: sku, marketplaceID: marketplace, format: format, body: request.object ?? [:],
                    availableQuantity: request["availableQuantity"]?.int, categoryID: request["categoryId"]?.string,
                    price: price?["value"]?.string.flatMap { Decimal(string: $0) }, currency: price?["currency"]?.string)
                return .object(["sku": .string(sku), "marketplaceId": .string(marketplace), "format": .string(format),
                                "offerId": .string(id), "statusCode": .int(200)])
            }
            if result["errors"] != nil { anyFailed = true }
            responses.append(result)
        }
        return EbaySandboxErrors.json(.object(["responses": .array(responses)]), status: anyFailed ? .multiStatus : .ok)
    }

    /// An offer as eBay returns it (`EbayOfferDetailsWithAll`).
    static func record(_ offer: EbaySandboxState.Offer, item: EbaySandboxState.Item?) -> EbayJSON {
        var object = offer.body
        object["offerId"] = .string(offer.id)
        object["sku"] = .string(offer.sku)
        object["marketplaceId"] = .string(offer.marketplaceID)
        object["format"] = .string(offer.format)
        object["availableQuantity"] = .int(offer.availableQuantity.map { max(0, $0 - offer.soldQuantity) } ?? item?.quantity ?? 0)
        if let categoryID = offer.categoryID { object["categoryId"] = .string(categoryID) }
        if let price = offer.price {
            object["pricingSummary"] = .object(["price": .object(["value": .string("\(price)"), "currency": .string(offer.currency ?? "USD")])])
        }
        object["status"] = .string(offer.published ? "PUBLISHED" : "UNPUBLISHED")
        if let listingID = offer.listingID {
            object["listing"] = .object(["listingId": .string(listingID), "listingStatus": .string("ACTIVE"), "soldQuantity": .int(offer.soldQuantity)])
        }
        return .object(object)
    }

    @Sendable func getOffers(_ call: Call) async throws -> Response {
        guard let sku = call.request.query[String.self, at: "sku"] else {
            return EbaySandboxErrors.response(.badRequest, [Self.inputError(call.operation, "sku")])
        }
        let marketplace = call.request.query[String.self, at: "marketplace_id"]
        let limit = call.request.query[Int.self, at: "limit"] ?? 25
        let offset = call.request.query[Int.self, at: "offset"] ?? 0
        let store = state.box.current
        let offers = store.offers.values.filter { $0.sku == sku && (marketplace == nil || $0.marketplaceID == marketplace) }.sorted { $0.id < $1.id }
        if offers.isEmpty {
            return EbaySandboxErrors.response(.notFound, [EbaySandboxErrors.detail(call.operation, status: 400, id: 25713, ["additionalInfo": sku])])
        }
        let page = offers.dropFirst(offset).prefix(limit)
        return EbaySandboxErrors.json(.object([
            "href": .string("\(call.request.url.path)?sku=\(sku)&limit=\(limit)&offset=\(offset)"),
            "limit": .int(limit), "size": .int(page.count), "total": .int(offers.count),
            "offers": .array(page.map { Self.record($0, item: store.items[$0.sku]) }),
        ]))
    }

    @Sendable func updateOffer(_ call: Call) async throws -> Response {
        let id = call.request.parameters.get("offerId") ?? ""
        let op = call.operation
        guard let body = call.body?.object else { return EbaySandboxErrors.response(.badRequest, [Self.inputError(op, "body")]) }
        if let quantity = body["availableQuantity"]?.int, quantity < 0 {
            return EbaySandboxErrors.response(.badRequest, [Self.inputError(op, "availableQuantity")])
        }
        let error: EbayJSON? = state.box.withLock { store in
            guard var offer = store.offers[id] else { return EbaySandboxErrors.detail(op, status: 400, id: 25713, ["additionalInfo": id]) }
            if let listing = offer.listingID, !state.revise(&store, listingID: listing) {
                return EbaySandboxErrors.detail(op, status: 400, id: 25002, ["additionalInfo": "revision limit of 250 per listing per day reached"])
            }
            // `EbayOfferDetailsWithId` replaces the offer's writable fields.
            var replaced = body
            replaced["sku"] = .string(offer.sku)
            replaced["marketplaceId"] = .string(offer.marketplaceID)
            replaced["format"] = .string(offer.format)
            offer.body = replaced
            offer.availableQuantity = body["availableQuantity"]?.int.map { $0 + offer.soldQuantity }
            offer.categoryID = body["categoryId"]?.string
            let price = body["pricingSummary"]?["price"]
            offer.price = price?["value"]?.string.flatMap { Decimal(string: $0) }
            offer.currency = price?["currency"]?.string
            store.offers[id] = offer
            return nil
        }
        if let error {
            return EbaySandboxErrors.response(error["errorId"]?.int == 25713 ? .notFound : .badRequest, [error])
        }
        return EbaySandboxErrors.empty(.noContent)
    }

    /// Why an offer cannot go live, as eBay's per-offer errors; empty when it can.
    func publishProblems(_ offer: EbaySandboxState.Offer, store: EbaySandboxState.Store, extraAspects: [String: [String]] = [:],
                         op: EbayContract.Operation?) -> [EbayJSON] {
        var errors: [EbayJSON] = []
        guard let item = store.items[offer.sku] else { return [EbaySandboxErrors.detail(op, status: 400, id: 25702, ["additionalInfo": offer.sku])] }
        let policies = offer.body["listingPolicies"]
        func known(_ kind: String, _ field: String) -> Bool {
            guard let id = policies?[field]?.string else { return false }
            return (store.policies[kind] ?? []).contains { $0.0 == id }
        }
        if !known("fulfillment", "fulfillmentPolicyId") { errors.append(EbaySandboxErrors.detail(op, status: 400, id: 25007, ["additionalInfo": "fulfillmentPolicyId"])) }
        if !known("payment", "paymentPolicyId") { errors.append(EbaySandboxErrors.detail(op, status: 400, id: 25008, ["additionalInfo": "paymentPolicyId"])) }
        if !known("return", "returnPolicyId") { errors.append(EbaySandboxErrors.detail(op, status: 400, id: 25009, ["additionalInfo": "returnPolicyId"])) }
        let locationKey = offer.body["merchantLocationKey"]?.string
        if locationKey == nil || !store.locations.contains(where: { $0.0 == locationKey }) {
            errors.append(EbaySandboxErrors.detail(op, status: 400, id: 25012, ["additionalInfo": "merchantLocationKey"]))
        }
        if offer.price == nil { errors.append(EbaySandboxErrors.detail(op, status: 400, id: 25003, ["additionalInfo": "pricingSummary.price is required"])) }
        if item.body["product"]?["title"]?.string == nil {
            errors.append(EbaySandboxErrors.detail(op, status: 400, id: 25029, ["field": "Title"]))
        }
        guard let categoryID = offer.categoryID, let category = EbaySandboxCatalog.category(categoryID) else {
            errors.append(EbaySandboxErrors.detail(op, status: 400, id: 25005, ["additionalInfo": "categoryId \(offer.categoryID ?? "missing")"]))
            return errors
        }
        // Missing required item specifics fail this offer only (eBay 25029).
        let aspects = item.aspects.merging(extraAspects) { own, _ in own }
        for name in category.requiredAspects where (aspects[name] ?? []).isEmpty {
            errors.append(EbaySandboxErrors.detail(op, status: 400, id: 25029, ["field": name]))
        }
        return errors
    }

    @Sendable func bulkPublishOffer(_ call: Call) async throws -> Response {
        let requests: [EbayJSON]
        switch bulkRequests(call, tooMany: 25709) {
        case .success(let value): requests = value
        case .failure(let response): return response
        }
        let op = call.operation
        var anyFailed = false
        var responses: [EbayJSON] = []
        for request in requests {
            let id = request["offerId"]?.string ?? ""
            let result: EbayJSON = state.box.withLock { store in
                func failure(_ errors: [EbayJSON]) -> EbayJSON {
                    .object(["offerId": .string(id), "statusCode": .int(400), "errors": .array(errors)])
                }
                guard var offer = store.offers[id] else { return failure([EbaySandboxErrors.detail(op, status: 400, id: 25713, ["additionalInfo": id])]) }
                let problems = publishProblems(offer, store: store, op: op)
                guard problems.isEmpty else { return failure(problems) }
                let listingID = offer.listingID ?? "\(110_000_000_000 + store.nextID)"
                if offer.listingID == nil { store.nextID += 1 }
                guard state.revise(&store, listingID: listingID) else {
                    return failure([EbaySandboxErrors.detail(op, status: 400, id: 25002, ["additionalInfo": "revision limit of 250 per listing per day reached"])])
                }
                offer.listingID = listingID
                store.offers[id] = offer
                return .object(["offerId": .string(id), "listingId": .string(listingID), "statusCode": .int(200)])
            }
            if result["errors"] != nil { anyFailed = true }
            responses.append(result)
        }
        return EbaySandboxErrors.json(.object(["responses": .array(responses)]), status: anyFailed ? .multiStatus : .ok)
    }

    @Sendable func publishByGroup(_ call: Call) async throws -> Response {
        let op = call.operation
        guard let key = call.body?["inventoryItemGroupKey"]?.string, let marketplace = call.body?["marketplaceId"]?.string else {
            return EbaySandboxErrors.response(.badRequest, [Self.inputError(op, "inventoryItemGroupKey and marketplaceId are required")])
        }
        let outcome: EbayOutcome<String, [EbayJSON]> = state.box.withLock { store in
            guard let group = store.groups[key] else { return .failure([EbaySandboxErrors.detail(op, status: 400, id: 25710)]) }
            let skus = group["variantSKUs"]?.array?.compactMap(\.string) ?? []
            let groupAspects = Self.aspects(group["aspects"])
            var offers: [EbaySandboxState.Offer] = []
            var errors: [EbayJSON] = []
            for sku in skus {
                guard let offer = store.offers.values.first(where: { $0.sku == sku && $0.marketplaceID == marketplace }) else {
                    errors.append(EbaySandboxErrors.detail(op, status: 400, id: 25702, ["additionalInfo": sku])); continue
                }
                errors += publishProblems(offer, store: store, extraAspects: groupAspects, op: op)
                offers.append(offer)
            }
            guard errors.isEmpty else { return .failure(errors) }
            let listingID = offers.compactMap(\.listingID).first ?? "\(110_000_000_000 + store.nextID)"
            store.nextID += 1
            guard state.revise(&store, listingID: listingID) else {
                return .failure([EbaySandboxErrors.detail(op, status: 400, id: 25002, ["additionalInfo": "revision limit of 250 per listing per day reached"])])
            }
            for offer in offers { store.offers[offer.id]?.listingID = listingID }
            return .success(listingID)
        }
        switch outcome {
        case .success(let listingID): return EbaySandboxErrors.json(.object(["listingId": .string(listingID)]))
        case .failure(let errors): return EbaySandboxErrors.response(.badRequest, errors)
        }
    }

    @Sendable func withdrawOffer(_ call: Call) async throws -> Response {
        let id = call.request.parameters.get("offerId") ?? ""
        let listing: String?? = state.box.withLock { store in
            guard let offer = store.offers[id] else { return .none }
            store.offers[id]?.listingID = nil
            return .some(offer.listingID)
        }
        switch listing {
        case .none:
            return EbaySandboxErrors.response(.notFound, [EbaySandboxErrors.detail(call.operation, status: 400, id: 25713, ["additionalInfo": id])])
        case .some(let listingID?):
            return EbaySandboxErrors.json(.object(["listingId": .string(listingID)]))
        case .some(.none):
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(call.operation, status: 400, id: 25713, ["additionalInfo": "\(id) is not published"])])
        }
    }

    @Sendable func withdrawByGroup(_ call: Call) async throws -> Response {
        guard let key = call.body?["inventoryItemGroupKey"]?.string, call.body?["marketplaceId"]?.string != nil else {
            return EbaySandboxErrors.response(.badRequest, [Self.inputError(call.operation, "inventoryItemGroupKey and marketplaceId are required")])
        }
        let found: Bool = state.box.withLock { store in
            guard let group = store.groups[key] else { return false }
            let skus = Set(group["variantSKUs"]?.array?.compactMap(\.string) ?? [])
            for (id, offer) in store.offers where skus.contains(offer.sku) { store.offers[id]?.listingID = nil }
            return true
        }
        return found ? EbaySandboxErrors.empty(.noContent)
            : EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(call.operation, status: 400, id: 25710)])
    }
}
