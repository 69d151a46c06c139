import Foundation

// The seed's facade names over the operations: `listProduct`, `listProducts`,
// `processOrder`, `getNewOrders`. Bulk calls carry 25 items each (eBay's limit); every
// SKU gets its own result, so one refusal never hides the rest.
extension EbayClient {
    public func listProduct(_ product: EbayListingInput) async throws -> [EbayListingResult] {
        try await listProducts([product])
    }

    public func listProducts(_ products: [EbayListingInput]) async throws -> [EbayListingResult] {
        var results: [String: EbayListingResult] = [:]
        var order: [String] = []
        for product in products {
            for variant in product.variants {
                order.append(variant.sku)
                results[variant.sku] = EbayListingResult(sku: variant.sku, errors: [])
            }
        }
        func fail(_ sku: String, _ errors: [EbayErrorDetail], step: String) {
            results[sku]?.errors = errors
            results[sku]?.failedStep = step
        }
        func alive(_ sku: String) -> Bool { results[sku]?.failedStep == nil }

        // 1. Inventory items, 25 per call.
        let items = products.flatMap { product in product.variants.map { inventoryItem(product, $0) } }
        for chunk in items.chunked(EbayLimits.bulkItems) {
            for item in try await bulkCreateOrReplaceInventoryItem(Array(chunk)) where !item.isSuccess {
                if let sku = item.sku { fail(sku, item.errors ?? [], step: "inventoryItem") }
            }
        }

        // 2. Groups for multi-variant products.
        for product in products where product.isMultiVariation {
            let skus = product.variants.map(\.sku).filter(alive)
            guard !skus.isEmpty else { continue }
            do {
                try await createOrReplaceInventoryItemGroup(key: product.groupKey, EbayInventoryItemGroup(
                    title: product.title, description: product.description, aspects: product.aspects,
                    imageUrls: product.imageUrls, variantSKUs: skus, variesBy: .init(specifications: product.variesBy)))
            } catch let error as EbayError {
                for sku in skus { fail(sku, Self.details(error), step: "group") }
            }
        }

        // 3. Offers, 25 per call; an existing offer (25729: one per SKU/marketplace/format) is updated.
        let offers = products.flatMap { product in product.variants.filter { alive($0.sku) }.map { offer(product, $0) } }
        for chunk in offers.chunked(EbayLimits.bulkItems) {
            for item in try await bulkCreateOffer(Array(chunk)) {
                guard let sku = item.sku else { continue }
                if item.isSuccess {
                    results[sku]?.offerID = item.offerId
                } else if (item.errors ?? []).contains(where: { $0.errorId == 25729 }),
                          let existing = try await getOffers(sku: sku).offers?.first?.offerId,
                          let body = chunk.first(where: { $0.sku == sku }) {
                    try await updateOffer(offerID: existing, body)
                    results[sku]?.offerID = existing
                } else {
                    fail(sku, item.errors ?? [], step: "offer")
                }
            }
        }

        // 4. Publish: single-variant products by offer, 25 per call; groups by group key.
        let singles = products.filter { !$0.isMultiVariation }.compactMap { $0.variants.first?.sku }
            .filter(alive).compactMap { sku in results[sku]?.offerID.map { (sku, $0) } }
        for chunk in singles.chunked(EbayLimits.bulkItems) {
            let skuByOffer = Dictionary(uniqueKeysWithValues: chunk.map { ($0.1, $0.0) })
            for item in try await bulkPublishOffer(offerIDs: chunk.map(\.1)) {
                guard let offerID = item.offerId, let sku = skuByOffer[offerID] else { continue }
                if item.isSuccess { results[sku]?.listingID = item.listingId } else { fail(sku, item.errors ?? [], step: "publish") }
            }
        }
        for product in products where product.isMultiVariation {
            let skus = product.variants.map(\.sku).filter(alive)
            guard !skus.isEmpty else { continue }
            do {
                let listing = try await publishOfferByInventoryItemGroup(key: product.groupKey)
                for sku in skus { results[sku]?.listingID = listing.listingId }
            } catch let error as EbayError {
                for sku in skus { fail(sku, Self.details(error), step: "publish") }
            }
        }
        return order.compactMap { results[$0] }
    }

    /// Sends Shopify's tracking for an eBay order as a shipping fulfillment of every line
    /// item. Idempotent: a fulfillment with the same tracking number is not created twice.
    @discardableResult
    public func processOrder(orderID: String, trackingNumber: String, carrierCode: String, shippedAt: Date) async throws -> String? {
        let existing = try await getShippingFulfillments(orderID: orderID).fulfillments ?? []
        if let done = existing.first(where: { $0.shipmentTrackingNumber == trackingNumber }) {
            return done.fulfillmentId
        }
        let order = try await getOrder(id: orderID)
        let lines = (order.lineItems ?? []).map { EbayShippingFulfillmentDetails.LineItemReference(lineItemId: $0.lineItemId, quantity: $0.quantity ?? 1) }
        return try await createShippingFulfillment(orderID: orderID, EbayShippingFulfillmentDetails(
            lineItems: lines, shippedDate: EbayDate.format(shippedAt), shippingCarrierCode: carrierCode, trackingNumber: trackingNumber))
    }

    /// Orders modified in `[since, until]`, every page. The caller persists `until` as the
    /// next `since` and de-duplicates by `orderId`: windows overlap on their edge on purpose,
    /// so an order modified exactly at the boundary is never missed.
    public func getNewOrders(since: Date, until: Date, fulfillmentStatuses: [String] = []) async throws -> [EbayOrderDTO] {
        try await allOrders(filter: OrderFilter(modifiedFrom: since, modifiedTo: until, fulfillmentStatuses: fulfillmentStatuses))
    }

    func inventoryItem(_ product: EbayListingInput, _ variant: EbayListingInput.Variant) -> EbayInventoryItem {
        let aspects = product.aspects.merging(variant.aspects) { _, variant in variant }
        return EbayInventoryItem(
            sku: variant.sku, locale: contentLanguage.replacingOccurrences(of: "-", with: "_"), condition: product.condition,
            availability: EbayAvailability(quantity: max(0, variant.quantity)),
            product: EbayProduct(title: product.title, description: product.description, aspects: aspects,
                                 upc: variant.upc.map { [$0] }, imageUrls: variant.imageUrls.isEmpty ? product.imageUrls : variant.imageUrls))
    }

    func offer(_ product: EbayListingInput, _ variant: EbayListingInput.Variant) -> EbayOffer {
        EbayOffer(
            sku: variant.sku, marketplaceId: marketplaceID, format: "FIXED_PRICE", availableQuantity: max(0, variant.quantity),
            categoryId: product.categoryID, listingDescription: product.description, listingDuration: "GTC",
            listingPolicies: product.policies, merchantLocationKey: product.merchantLocationKey,
            pricingSummary: .init(price: EbayAmount(variant.price, currency: variant.currency)))
    }

    static func details(_ error: EbayError) -> [EbayErrorDetail] {
        if case .api(_, _, let errors) = error { return errors }
        return [EbayErrorDetail(errorId: 0, message: error.description)]
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
