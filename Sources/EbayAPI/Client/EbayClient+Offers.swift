import Foundation

// Inventory API: offers and publishing (contracts/ebay/sell_inventory_v1_oas3.json).
extension EbayClient {
    /// `POST /bulk_create_offer`, at most 25 (`Content-Language` required). Per-item results.
    public func bulkCreateOffer(_ offers: [EbayOffer]) async throws -> [EbayBulkOfferResponse.Item] {
        try Self.checkBulk(offers.count, operation: "bulkCreateOffer")
        let page: EbayBulkOfferResponse = try await send(Call(
            api: .inventory, method: .post, path: "/bulk_create_offer", operation: "bulkCreateOffer",
            contentLanguage: true, body: try Self.body(EbayBulkOfferRequest(requests: offers))
        ))
        return page.responses ?? []
    }

    /// `GET /offer?sku=&marketplace_id=&limit=&offset=`.
    public func getOffers(sku: String, limit: Int = 100, offset: Int = 0) async throws -> EbayOffersPage {
        try await send(Call(api: .inventory, method: .get, path: "/offer",
                            query: [("sku", sku), ("marketplace_id", marketplaceID), ("limit", "\(limit)"), ("offset", "\(offset)")],
                            operation: "getOffers"))
    }

    /// `PUT /offer/{offerId}` with `EbayOfferDetailsWithId` (`Content-Language` required).
    /// A revision of the listing when the offer is published.
    @discardableResult
    public func updateOffer(offerID: String, _ offer: EbayOffer) async throws -> EbayOfferResponse {
        let response = try await sendRaw(Call(
            api: .inventory, method: .put, path: "/offer/\(Self.encodePath(offerID))", operation: "updateOffer",
            contentLanguage: true, body: try Self.body(offer.updateBody)
        ))
        usage.recordRevision(offerID)
        if response.body.isEmpty { return EbayOfferResponse(offerId: offerID) }
        return (try? JSONDecoder().decode(EbayOfferResponse.self, from: response.body)) ?? EbayOfferResponse(offerId: offerID)
    }

    /// `POST /bulk_publish_offer`, at most 25 offer ids. Per-offer listing id or errors
    /// (e.g. 25002 when a required item specific is missing: that offer only).
    public func bulkPublishOffer(offerIDs: [String]) async throws -> [EbayBulkPublishResponse.Item] {
        try Self.checkBulk(offerIDs.count, operation: "bulkPublishOffer")
        let page: EbayBulkPublishResponse = try await send(Call(
            api: .inventory, method: .post, path: "/bulk_publish_offer", operation: "bulkPublishOffer",
            body: try Self.body(EbayBulkPublishRequest(requests: offerIDs.map { .init(offerId: $0) })),
            // Publishing an offer that is already live revises it to the same state.
            isIdempotent: true
        ))
        let items = page.responses ?? []
        for item in items where item.isSuccess {
            usage.recordRevision(item.offerId ?? "?")
        }
        return items
    }

    /// `POST /offer/publish_by_inventory_item_group`: one multi-variation listing.
    public func publishOfferByInventoryItemGroup(key: String) async throws -> EbayListingResponse {
        let response: EbayListingResponse = try await send(Call(
            api: .inventory, method: .post, path: "/offer/publish_by_inventory_item_group",
            operation: "publishOfferByInventoryItemGroup",
            body: try Self.body(EbayInventoryItemGroupRequest(inventoryItemGroupKey: key, marketplaceId: marketplaceID)),
            isIdempotent: true
        ))
        usage.recordRevision(key)
        return response
    }

    /// `POST /offer/{offerId}/withdraw`: ends the listing, keeps the offer.
    public func withdrawOffer(offerID: String) async throws -> EbayListingResponse {
        try await send(Call(api: .inventory, method: .post, path: "/offer/\(Self.encodePath(offerID))/withdraw",
                            operation: "withdrawOffer", isIdempotent: true))
    }

    /// `POST /offer/withdraw_by_inventory_item_group` (answers 204).
    public func withdrawOfferByInventoryItemGroup(key: String) async throws {
        _ = try await sendRaw(Call(
            api: .inventory, method: .post, path: "/offer/withdraw_by_inventory_item_group",
            operation: "withdrawOfferByInventoryItemGroup",
            body: try Self.body(EbayInventoryItemGroupRequest(inventoryItemGroupKey: key, marketplaceId: marketplaceID)),
            isIdempotent: true
        ))
    }
}
