import Foundation

// Inventory API: inventory items and groups (contracts/ebay/sell_inventory_v1_oas3.json).
extension EbayClient {
    /// `POST /bulk_create_or_replace_inventory_item`, at most 25 items (`Content-Language` required).
    /// The answer is per item: check each `statusCode`/`errors`.
    public func bulkCreateOrReplaceInventoryItem(_ items: [EbayInventoryItem]) async throws -> [EbayBulkInventoryItemResponse.Item] {
        try Self.checkBulk(items.count, operation: "bulkCreateOrReplaceInventoryItem")
        let page: EbayBulkInventoryItemResponse = try await send(Call(
            api: .inventory, method: .post, path: "/bulk_create_or_replace_inventory_item",
            operation: "bulkCreateOrReplaceInventoryItem", contentLanguage: true,
            body: try Self.body(EbayBulkInventoryItemRequest(requests: items)),
            // Create-or-replace with the full record: sending it twice leaves the same state.
            isIdempotent: true
        ))
        return page.responses ?? []
    }

    /// `GET /inventory_item?limit=&offset=`: one page.
    public func getInventoryItems(limit: Int = 100, offset: Int = 0) async throws -> EbayInventoryItemsPage {
        try await send(Call(api: .inventory, method: .get, path: "/inventory_item",
                            query: [("limit", "\(limit)"), ("offset", "\(offset)")], operation: "getInventoryItems"))
    }

    /// Every inventory item, page by page (`limit` up to 200 per the contract).
    public func allInventoryItems(pageSize: Int = 200) async throws -> [EbayInventoryItemRecord] {
        var items: [EbayInventoryItemRecord] = []
        var offset = 0
        while true {
            let page = try await getInventoryItems(limit: pageSize, offset: offset)
            let batch = page.inventoryItems ?? []
            items += batch
            offset += batch.count
            if batch.isEmpty || page.next == nil || offset >= (page.total ?? 0) { return items }
        }
    }

    /// `POST /bulk_get_inventory_item`, at most 25 SKUs.
    public func bulkGetInventoryItem(skus: [String]) async throws -> [EbayBulkGetInventoryItemResponse.Item] {
        try Self.checkBulk(skus.count, operation: "bulkGetInventoryItem")
        let page: EbayBulkGetInventoryItemResponse = try await send(Call(
            api: .inventory, method: .post, path: "/bulk_get_inventory_item", operation: "bulkGetInventoryItem",
            body: try Self.body(EbayBulkGetInventoryItemRequest(requests: skus.map { .init(sku: $0) })), isIdempotent: true
        ))
        return page.responses ?? []
    }

    /// `PUT /inventory_item_group/{inventoryItemGroupKey}` (`Content-Language` required).
    @discardableResult
    public func createOrReplaceInventoryItemGroup(key: String, _ group: EbayInventoryItemGroup) async throws -> [EbayErrorDetail] {
        let response = try await sendRaw(Call(
            api: .inventory, method: .put, path: "/inventory_item_group/\(Self.encodePath(key))",
            operation: "createOrReplaceInventoryItemGroup", contentLanguage: true, body: try Self.body(group)
        ))
        return (try? JSONDecoder().decode(EbayBaseResponse.self, from: response.body))?.warnings ?? []
    }

    /// `POST /bulk_update_price_quantity`, at most 25 SKUs. Each changed offer counts as a
    /// revision of its listing (eBay allows 250 per listing per day).
    public func bulkUpdatePriceQuantity(_ requests: [EbayBulkPriceQuantityRequest.PriceQuantity]) async throws -> [EbayBulkPriceQuantityResponse.Item] {
        try Self.checkBulk(requests.count, operation: "bulkUpdatePriceQuantity")
        let page: EbayBulkPriceQuantityResponse = try await send(Call(
            api: .inventory, method: .post, path: "/bulk_update_price_quantity", operation: "bulkUpdatePriceQuantity",
            // Absolute quantities and prices: a resend sets the same values.
            body: try Self.body(EbayBulkPriceQuantityRequest(requests: requests)), isIdempotent: true
        ))
        let items = page.responses ?? []
        for item in items where item.isSuccess {
            usage.recordRevision(item.offerId ?? item.sku ?? "?")
        }
        return items
    }

    static func checkBulk(_ count: Int, operation: String) throws {
        guard (1...EbayLimits.bulkItems).contains(count) else {
            throw EbayError.invalidRequest(operation: operation, detail: "\(count) items; eBay takes 1 to \(EbayLimits.bulkItems) per call")
        }
    }
}
