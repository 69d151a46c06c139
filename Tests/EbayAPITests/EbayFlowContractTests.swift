import Foundation
import Sandbox
import Testing
@testable import EbayAPI

/// Every operation, client ↔ sandbox over HTTP; every request body the client built and
/// every response the sandbox gave validates against the vendored contract.
@Suite struct EbayFlowContractTests {
    @Test func everyOperation_bodiesMatchTheContracts() async throws {
        let transport = CapturingTransport()
        let recording = FileManager.default.temporaryDirectory.appendingPathComponent("ebay-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: recording) }
        try await Harness.withSandbox(products: 12, record: recording) { host, state in
            let client = try Harness.client(host, transport: transport)
            let (policies, location) = try await Harness.setUpSeller(client)
            #expect(try await client.getFulfillmentPolicies().fulfillmentPolicies?.count == 1)
            #expect(try await client.getPaymentPolicies().paymentPolicies?.count == 1)
            #expect(try await client.getReturnPolicies().returnPolicies?.count == 1)
            #expect(try await client.getInventoryLocations().locations?.first?.merchantLocationKey == location)

            let tree = try await client.getDefaultCategoryTreeId()
            let treeID = try #require(tree.categoryTreeId)
            let suggestion = try await client.getCategorySuggestions(treeID: treeID, query: "leather wallet accessories")
            let categoryID = try #require(suggestion.categorySuggestions?.first?.category?.categoryId)
            let aspects = try await client.getItemAspectsForCategory(treeID: treeID, categoryID: categoryID)
            #expect(aspects.requiredAspectNames == ["Brand"])

            // List the demo store: every product is listed (single and multi-variation).
            let inputs = Harness.listings(host.store, policies: policies, location: location, categoryID: categoryID)
            let results = try await client.listProducts(inputs)
            let unlisted = results.filter { !$0.isListed }
            #expect(unlisted.isEmpty, "\(unlisted)")
            let skus = inputs.flatMap { $0.variants.map(\.sku) }
            #expect(results.count == skus.count)

            let all = try await client.allInventoryItems(pageSize: 10)
            #expect(all.count == skus.count)
            let fetched = try await client.bulkGetInventoryItem(skus: Array(skus.prefix(3)) + ["NO-SUCH-SKU"])
            #expect(fetched.filter(\.isSuccess).count == 3)
            #expect(fetched.last?.errors?.first?.errorId == 25702)

            let offers = try await client.getOffers(sku: skus[0])
            let offer = try #require(offers.offers?.first)
            let offerID = try #require(offer.offerId)
            var update = EbayOffer(sku: offer.sku, marketplaceId: offer.marketplaceId, availableQuantity: 5, categoryId: offer.categoryId,
                                   listingDescription: offer.listingDescription, listingPolicies: offer.listingPolicies,
                                   merchantLocationKey: offer.merchantLocationKey, pricingSummary: offer.pricingSummary)
            update.quantityLimitPerBuyer = 2
            try await client.updateOffer(offerID: offerID, update)
            let priced = try await client.bulkUpdatePriceQuantity([.init(sku: skus[0], quantity: 5, offers: [
                .init(offerId: offerID, availableQuantity: 5, price: EbayAmount(Decimal(string: "12.50")!, currency: "USD")),
            ])])
            #expect(priced.filter { !$0.isSuccess }.isEmpty)

            // Buyers, orders, fulfillment.
            let ordered = state.placeRandomOrders(count: 8, seed: 5)
            #expect(!ordered.isEmpty)
            let orders = try await client.getNewOrders(since: Date().addingTimeInterval(-60), until: Date().addingTimeInterval(5))
            #expect(Set(orders.map(\.orderId)) == Set(ordered))
            let first = try #require(orders.first)
            let fulfillmentID = try await client.processOrder(orderID: first.orderId, trackingNumber: "9400100000000000000001",
                                                              carrierCode: "USPS", shippedAt: Date())
            #expect(fulfillmentID == "9400100000000000000001")
            let again = try await client.processOrder(orderID: first.orderId, trackingNumber: "9400100000000000000001",
                                                      carrierCode: "USPS", shippedAt: Date())
            #expect(again == fulfillmentID)
            #expect(try await client.getShippingFulfillments(orderID: first.orderId).fulfillments?.count == 1)
            #expect(try await client.getOrder(id: first.orderId).orderFulfillmentStatus == "FULFILLED")

            // Withdraw: single offer and a group.
            let single = try #require(inputs.first { !$0.isMultiVariation })
            let singleOffer = try #require(results.first { $0.sku == single.variants[0].sku }?.offerID)
            #expect(try await client.withdrawOffer(offerID: singleOffer).listingId != nil)
            if let group = inputs.first(where: \.isMultiVariation) {
                try await client.withdrawOfferByInventoryItemGroup(key: group.groupKey)
            }

            // Notification public key.
            let key = try await client.getPublicKey(id: EbaySandbox.notifier(of: host.context).keyID)
            #expect(key.algorithm == "ECDSA")
        }

        let contract = EbayContract.shared
        var checked = 0
        var operations = Set<String>()
        for exchange in transport.exchanges where !exchange.path.hasPrefix("/identity/") {
            let op = try #require(contract.operation(method: exchange.method, path: exchange.path), "\(exchange.method) \(exchange.path)")
            operations.insert(op.operationID)
            if let body = exchange.requestBody {
                let problems = contract.validateRequest(method: exchange.method, path: exchange.path, body: body)
                #expect(problems.isEmpty, "\(op.operationID) request: \(problems)")
            }
            if !exchange.responseBody.isEmpty {
                let problems = contract.validateResponse(method: exchange.method, path: exchange.path, status: exchange.status, body: exchange.responseBody)
                #expect(problems.isEmpty, "\(op.operationID) \(exchange.status) response: \(problems)")
            }
            checked += 1
        }
        let expected: Set<String> = [
            "bulkCreateOrReplaceInventoryItem", "getInventoryItems", "bulkGetInventoryItem", "createOrReplaceInventoryItemGroup",
            "bulkCreateOffer", "getOffers", "updateOffer", "bulkPublishOffer", "publishOfferByInventoryItemGroup", "withdrawOffer",
            "withdrawOfferByInventoryItemGroup", "bulkUpdatePriceQuantity", "createInventoryLocation", "getInventoryLocations",
            "getFulfillmentPolicies", "createFulfillmentPolicy", "getPaymentPolicies", "createPaymentPolicy", "getReturnPolicies",
            "createReturnPolicy", "getDefaultCategoryTreeId", "getCategorySuggestions", "getItemAspectsForCategory",
            "getOrders", "getOrder", "createShippingFulfillment", "getShippingFulfillments", "getPublicKey",
        ]
        #expect(expected.subtracting(operations).isEmpty, "not exercised: \(expected.subtracting(operations).sorted())")
        #expect(checked > 30)

        // The sandbox's own recording of the same run: in the shared format, within the
        // contracts, secrets redacted.
        let report = try RecordingCheck.check(path: recording.path)
        #expect(report.problems.isEmpty, "\(report.problems.prefix(20))")
        #expect(expected.subtracting(report.operations.keys).isEmpty)
        #expect(report.operations["oauth2Token", default: 0] >= 1)
    }

    @Test func validator_rejectsUndeclaredFieldsAndWrongTypes() {
        let contract = EbayContract.shared
        let path = "/sell/inventory/v1/bulk_create_or_replace_inventory_item"

        let good = contract.validateRequest(method: "POST", path: path, body: Data(#"{"requests":[{"sku":"A","product":{"title":"T","aspects":{"Brand":["X"]}}}]}"#.utf8))
        let extra = contract.validateRequest(method: "POST", path: path, body: Data(#"{"requests":[{"sku":"A","colour":"red"}]}"#.utf8))
        let wrongType = contract.validateRequest(method: "POST", path: path, body: Data(#"{"requests":[{"sku":"A","availability":{"shipToLocationAvailability":{"quantity":"3"}}}]}"#.utf8))

        #expect(good.isEmpty)
        #expect(extra == ["BulkInventoryItem.requests[0].colour: undeclared field"])
        #expect(wrongType == ["BulkInventoryItem.requests[0].availability.shipToLocationAvailability.quantity: expected integer"])
    }

    @Test func listing_missingRequiredAspect_failsThatProductOnly() async throws {
        try await Harness.withSandbox(products: 6) { host, _ in
            let client = try Harness.client(host)
            let (policies, location) = try await Harness.setUpSeller(client)
            var inputs = Harness.listings(host.store, policies: policies, location: location, categoryID: "169291")
            let broken = try #require(inputs.firstIndex { !$0.isMultiVariation })
            inputs[broken].aspects["Brand"] = nil

            let results = try await client.listProducts(inputs)

            let failed = results.filter { !$0.isListed }
            #expect(failed.map(\.sku) == inputs[broken].variants.map(\.sku))
            #expect(failed.first?.errors.first?.errorId == 25029)
            #expect(failed.first?.errors.first?.message == "Brand is required for this category.")
            #expect(failed.first?.failedStep == "publish")
            #expect(results.count - failed.count == inputs.flatMap(\.variants).count - 1)
        }
    }
}
