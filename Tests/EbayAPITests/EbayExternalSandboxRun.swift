import Foundation
import IntegrationKit
import Sandbox
import Testing
@testable import EbayAPI

/// Drives a separately started `shoppyshop sandbox --products N --seed S --record run.jsonl`
/// through every operation, for the issue's recording check. Runs only when
/// EBAY_EXTERNAL_SANDBOX=http://127.0.0.1:<port> (and EBAY_EXTERNAL_PRODUCTS, _SEED) are set.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["EBAY_EXTERNAL_SANDBOX"] != nil))
struct EbayExternalSandboxRun {
    static let environment = ProcessInfo.processInfo.environment

    static func buyer(_ base: URL, _ path: String, _ body: String) async throws -> EbayJSON {
        let transport = AsyncHTTPClientTransport()
        let response = try await transport.execute(OutboundRequest(
            method: .post, url: base.appendingPathComponent("ebay-sandbox/buyer/" + path),
            headers: ["Content-Type": "application/json"], body: Data(body.utf8)), timeout: .seconds(30))
        return response.body.isEmpty ? .null : try EbayJSON.parse(response.body)
    }

    @Test func everyOperation() async throws {
        let base = try #require(Self.environment["EBAY_EXTERNAL_SANDBOX"].flatMap(URL.init(string:)))
        let products = Int(Self.environment["EBAY_EXTERNAL_PRODUCTS"] ?? "200") ?? 200
        let seed = UInt64(Self.environment["EBAY_EXTERNAL_SEED"] ?? "1") ?? 1
        let client = EbayClient(
            environment: .custom(baseURL: base),
            credentials: EbayCredentials(appID: EbaySandboxCredentials.appID, certID: EbaySandboxCredentials.certID,
                                         authToken: .refreshToken(EbaySandboxCredentials.refreshToken)),
            retryPolicy: Harness.retry)
        let store = DemoStore.generate(products: products, seed: seed)
        let started = Date()

        let (policies, location) = try await Harness.setUpSeller(client)
        _ = try await client.getFulfillmentPolicies()
        _ = try await client.getPaymentPolicies()
        _ = try await client.getReturnPolicies()
        _ = try await client.getInventoryLocations()
        let tree = try #require(try await client.getDefaultCategoryTreeId().categoryTreeId)
        let category = try await client.getCategorySuggestions(treeID: tree, query: "accessories bag")
        let categoryID = try #require(category.categorySuggestions?.first?.category?.categoryId)
        _ = try await client.getItemAspectsForCategory(treeID: tree, categoryID: categoryID)

        let inputs = Harness.listings(store, policies: policies, location: location, categoryID: categoryID)
        let results = try await client.listProducts(inputs)
        let listed = results.filter(\.isListed).count
        _ = try await client.allInventoryItems(pageSize: 100)
        let skus = inputs.flatMap { $0.variants.map(\.sku) }
        _ = try await client.bulkGetInventoryItem(skus: Array(skus.prefix(25)))
        let offers = try await client.getOffers(sku: skus[0])
        let offer = try #require(offers.offers?.first)
        try await client.updateOffer(offerID: try #require(offer.offerId), EbayOffer(
            sku: offer.sku, marketplaceId: offer.marketplaceId, availableQuantity: 4, categoryId: offer.categoryId,
            listingDescription: offer.listingDescription, listingPolicies: offer.listingPolicies,
            merchantLocationKey: offer.merchantLocationKey, pricingSummary: offer.pricingSummary))
        _ = try await client.bulkUpdatePriceQuantity(results.prefix(25).compactMap { result in
            result.offerID.map { .init(sku: result.sku, quantity: 3, offers: [.init(offerId: $0, availableQuantity: 3)]) }
        })

        let placed = try await Self.buyer(base, "orders/random", #"{"count": 40, "seed": 3}"#)
        let orders = try await client.getNewOrders(since: started.addingTimeInterval(-5), until: Date().addingTimeInterval(5))
        #expect(orders.count == placed["orderIds"]?.array?.count)
        for order in orders.prefix(5) {
            try await client.processOrder(orderID: order.orderId, trackingNumber: "TRK\(order.orderId.filter(\.isNumber))",
                                          carrierCode: "USPS", shippedAt: Date())
        }
        if let cancelled = orders.last?.orderId {
            _ = try await Self.buyer(base, "orders/\(cancelled)/cancel", "{}")
        }
        _ = try await client.getNewOrders(since: started.addingTimeInterval(-5), until: Date().addingTimeInterval(5), fulfillmentStatuses: ["NOT_STARTED"])
        if let single = results.first(where: { result in inputs.contains { !$0.isMultiVariation && $0.variants[0].sku == result.sku } && result.isListed }),
           let offerID = single.offerID {
            _ = try await client.withdrawOffer(offerID: offerID)
        }
        if let group = inputs.first(where: \.isMultiVariation) {
            try await client.withdrawOfferByInventoryItemGroup(key: group.groupKey)
        }
        let notification = try await Self.buyer(base, "notifications/account-deletion", #"{"username": "demo_buyer"}"#)
        if let kid = notification["kid"]?.string {
            _ = try await client.getPublicKey(id: kid)
        }

        let refreshes = await client.tokenRefreshCount()
        let calls = client.usage.callsPerOperation.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        print("EBAY-RUN listed=\(listed)/\(skus.count) orders=\(orders.count) refreshes=\(refreshes) calls: \(calls)")
    }
}
