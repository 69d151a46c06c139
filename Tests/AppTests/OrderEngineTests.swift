@testable import App
import EbayAPI
import Fluent
import Foundation
import Sandbox
import ShopifyAPI
@testable import ShoppyShopCore
import Testing
import TestSupport
import Vapor

/// eBay orders into Shopify and back, end to end against the sandbox.
@Suite("Orders engine", .serialized)
struct OrderEngineTests {
    /// A live single-location SKU with stock, and the harness ready to sell it.
    func listedSKU(_ h: EngineHarness, minimum: Int = 4) async throws -> DemoStore.Variant {
        try await h.listEverything()
        let live = Set(h.ebay.liveListings.map(\.sku))
        return try #require(h.store.products.flatMap(\.variants).first { live.contains($0.sku) && $0.inventoryLevels.count == 1 && $0.inventoryQuantity >= minimum })
    }

    func shopifyOrders(_ h: EngineHarness) async -> [ShopifyBackend.OrderSummary] {
        await h.shopify.orderSummaries()
    }

    @Test func paidEbayOrder_isCreatedInShopifyOnce_mapped_andStockFollows() async throws {
        try await EngineHarness.run(products: 16) { h in
            let variant = try await listedSKU(h)
            let level = variant.inventoryLevels[0]
            let orderID = try h.ebay.placeOrder(sku: variant.sku, quantity: 2)
            let ebayAfterSale = try #require(h.ebay.listing(sku: variant.sku)?.available)

            let first = try await h.engine.processOrders(trigger: "test")
            let again = try await h.engine.processOrders(trigger: "test")

            #expect(first.imports?.created == 1, "\(first)")
            #expect(again.imports?.created == 0)
            let orders = await shopifyOrders(h).filter { $0.tags.contains(OrderMapper.tag(orderID)) }
            #expect(orders.count == 1)
            let order = try #require(orders.first)
            #expect(order.sourceName == "ebay")
            #expect(order.sourceIdentifier == orderID)
            #expect(order.lines == [variant.sku: 2])
            #expect(order.shippingCity != nil)
            let ebayOrder = try #require(h.ebay.orders.first { $0.id == orderID })
            #expect(Decimal(string: order.taxTotal) == ebayOrder.totalTax)
            #expect(ebayOrder.totalTax == 0 || order.tags.contains("ebay-collected-tax"))
            // Shopify's stock took the two units; eBay shows what it showed after the sale, not more.
            #expect(await h.shopify.available(inventoryItemID: variant.inventoryItemID, locationID: level.locationID) == level.available - 2)
            await h.startWorkers()
            try await Task.sleep(for: .milliseconds(500))
            #expect(h.ebay.listing(sku: variant.sku)?.available == ebayAfterSale)
            let link = try #require(try await OrderLink.query(on: h.app.db).filter(\.$ebayOrderID == orderID).first())
            #expect(link.state == .created)
            #expect(link.shopifyOrderID == order.id)
            #expect(try await AuditEntry.query(on: h.app.db).filter(\.$operation == "orderCreate").filter(\.$target == orderID).count() == 1)
        }
    }

    @Test func aPendingLinkFromACrash_isLookedUpFirst_neverCreatedTwice() async throws {
        try await EngineHarness.run(products: 16) { h in
            let variant = try await listedSKU(h)
            let orderID = try h.ebay.placeOrder(sku: variant.sku, quantity: 1)
            _ = try await h.engine.pollOrders()
            // The crash: Shopify created the order, the answer never got stored.
            let order = try #require(try await EbayOrder.query(on: h.app.db).filter(\.$ebayID == orderID).first())
            let mapper = OrderMapper(variants: [variant.sku: .init(gid: variant.gid, title: "x")])
            guard case .create(let input) = mapper.map(order) else { Issue.record("not mappable"); return }
            _ = try await h.environment.shopify().createOrder(input)
            try await OrderLink(ebayOrderID: orderID, state: .pending).create(on: h.app.db)

            let report = try await h.engine.processOrders(poll: false, trigger: "test")

            #expect(report.imports?.found == 1)
            #expect(report.imports?.created == 0)
            #expect(await shopifyOrders(h).filter { $0.sourceIdentifier == orderID }.count == 1)
            #expect(try await OrderLink.query(on: h.app.db).filter(\.$ebayOrderID == orderID).first()?.state == .created)
        }
    }

    @Test func anotherAppsOrder_isLinked_notCreated_whenAsked() async throws {
        try await EngineHarness.run(products: 16) { h in
            let variant = try await listedSKU(h)
            let orderID = try h.ebay.placeOrder(sku: variant.sku, quantity: 1)
            // Another app's import: the eBay id as source identifier, no ShoppyShop tag.
            _ = try await h.environment.shopify().createOrder(.init(currency: "USD", sourceName: "other-app", sourceIdentifier: orderID, tags: ["imported"],
                                                                       lines: [.init(variantID: variant.gid, quantity: 1, price: variant.price)]))
            var environment = h.environment
            environment.skipExistingOrders = true
            let engine = ShoppyShop(environment: environment, database: h.app.db, queue: h.app.jobQueue)

            let report = try await engine.processOrders(trigger: "test")

            #expect(report.imports?.found == 1)
            #expect(await shopifyOrders(h).filter { $0.sourceIdentifier == orderID }.count == 1)
            #expect(try await OrderLink.query(on: h.app.db).filter(\.$ebayOrderID == orderID).first()?.state == .foundExisting)
        }
    }

    @Test func unmappableOrder_isHeldWithItsReason_andRetryCreatesItOnceFixed() async throws {
        try await EngineHarness.run(products: 16) { h in
            let variant = try await listedSKU(h)
            let orderID = try h.ebay.placeOrder(sku: variant.sku, quantity: 1)
            // The SKU vanished from the mirror (renamed in Shopify).
            let row = try #require(try await ShopifyVariant.query(on: h.app.db).filter(\.$sku == variant.sku).first())
            row.sku = variant.sku + "-RENAMED"
            try await row.save(on: h.app.db)

            let held = try await h.engine.processOrders(trigger: "test")

            #expect(held.imports?.held == 1)
            #expect(held.imports?.holds[orderID]?.contains("SKU \(variant.sku)") == true)
            let link = try #require(try await OrderLink.query(on: h.app.db).filter(\.$ebayOrderID == orderID).first())
            #expect(link.state == .held)
            #expect(await shopifyOrders(h).isEmpty)

            row.sku = variant.sku
            try await row.save(on: h.app.db)
            let retried = try await h.engine.retryOrder(orderID)
            #expect(retried.imports?.created == 1)
            #expect(await shopifyOrders(h).count == 1)
        }
    }

    @Test func orderCreateTimeout_staysPending_andTheNextRunFindsIt() async throws {
        try await EngineHarness.run(products: 16) { h in
            let variant = try await listedSKU(h)
            let orderID = try h.ebay.placeOrder(sku: variant.sku, quantity: 1)
            _ = try await h.engine.pollOrders()
            // Every Shopify answer held back past the client's patience: the order is created, the answer lost.
            var shopify = try h.environment.shopify()
            shopify = ShopifyClient(graphQL: ShopifyGraphQLClient(endpoint: shopify.graphQL.endpoint, accessToken: ShopifySandbox.demoAccessToken,
                                                                   retryPolicy: EngineHarness.retry, timeout: .milliseconds(300)))
            let slow = shopify
            var environment = h.environment
            environment.shopify = { slow }
            h.host.faults = FaultPlan(rate: 1, kinds: [.timeout], services: [.shopify], delay: .seconds(1))
            let lost = try await ShoppyShop(environment: environment, database: h.app.db, queue: nil).processOrders(poll: false, trigger: "test")
            h.host.faults = nil
            try await Task.sleep(for: .seconds(1))

            let next = try await h.engine.processOrders(poll: false, trigger: "test")

            #expect(lost.imports?.failed == 1)
            #expect(next.imports?.found == 1)
            #expect(await shopifyOrders(h).filter { $0.sourceIdentifier == orderID }.count == 1)
        }
    }

    @Test func fulfillmentWithTracking_goesToEbayOnce_withoutTracking_isHeld_partialByLine() async throws {
        try await EngineHarness.run(products: 16) { h in
            let variant = try await listedSKU(h)
            let orderID = try h.ebay.placeOrder(sku: variant.sku, quantity: 2)
            _ = try await h.engine.processOrders(trigger: "test")
            let shopifyOrder = try #require(await shopifyOrders(h).first)
            await h.startWorkers()

            // Shipped without tracking: held, nothing marked shipped on eBay.
            try await h.shopify.fulfill(orderID: shopifyOrder.id, company: nil, number: nil, url: nil, lines: [variant.sku: 1])
            #expect(try await h.eventually { try await EbayShipment.query(on: h.app.db).filter(\.$state == .held).count() == 1 })
            #expect(h.ebay.orders.first { $0.id == orderID }?.fulfillments.isEmpty == true)

            // The second unit with tracking: sent, for that line and unit only.
            try await h.shopify.fulfill(orderID: shopifyOrder.id, company: "UPS", number: "1Z999AA10123456784", url: nil, lines: [variant.sku: 1])
            #expect(await h.eventually { h.ebay.orders.first { $0.id == orderID }?.fulfillments.count == 1 })
            let fulfillment = try #require(h.ebay.orders.first { $0.id == orderID }?.fulfillments.first)
            #expect(fulfillment.trackingNumber == "1Z999AA10123456784")
            #expect(fulfillment.carrier == "UPS")
            #expect(fulfillment.lines.map(\.1) == [1])

            // Again (a rerun, a redelivered webhook): still one.
            let again = try await h.engine.processOrders(poll: false, trigger: "test")
            #expect(again.shipments?.pushed == 0)
            #expect(h.ebay.orders.first { $0.id == orderID }?.fulfillments.count == 1)
            #expect(try await AuditEntry.query(on: h.app.db).filter(\.$operation == "createShippingFulfillment").count() == 1)
        }
    }

    @Test func cancellations_bothWays_andAShopifyRefund_reachTheOtherSideOnce() async throws {
        try await EngineHarness.run(products: 16) { h in
            let variant = try await listedSKU(h, minimum: 6)
            let level = variant.inventoryLevels[0]
            let cancelledOnEbay = try h.ebay.placeOrder(sku: variant.sku, quantity: 1)
            let cancelledInShopify = try h.ebay.placeOrder(sku: variant.sku, quantity: 1)
            let refunded = try h.ebay.placeOrder(sku: variant.sku, quantity: 2)
            _ = try await h.engine.processOrders(trigger: "test")
            let orders = await shopifyOrders(h)
            let shopifyID = { (ebayID: String) in orders.first { $0.sourceIdentifier == ebayID }!.id }
            await h.startWorkers()
            let stockBefore = try #require(await h.shopify.available(inventoryItemID: variant.inventoryItemID, locationID: level.locationID))

            // eBay: the buyer cancels → Shopify's order is cancelled and restocked.
            try h.ebay.cancelOrder(cancelledOnEbay)
            _ = try await h.engine.processOrders(trigger: "test")
            #expect(await shopifyOrders(h).first { $0.sourceIdentifier == cancelledOnEbay }?.cancelled == true)
            #expect(await h.shopify.available(inventoryItemID: variant.inventoryItemID, locationID: level.locationID) == stockBefore + 1)
            #expect(h.ebay.orders.first { $0.id == cancelledOnEbay }?.refunds.isEmpty == true) // our own echo is not refunded

            // Shopify: the merchant cancels → the eBay buyer is refunded in full, once.
            try await h.shopify.cancelOrder(orderID: shopifyID(cancelledInShopify), restock: true)
            #expect(await h.eventually { h.ebay.orders.first { $0.id == cancelledInShopify }?.refunds.count == 1 })
            let full = try #require(h.ebay.orders.first { $0.id == cancelledInShopify })
            #expect(full.refunds.first?.amount == full.total)

            // Shopify: one unit refunded → eBay refunds that line's amount.
            try await h.shopify.refund(orderID: shopifyID(refunded), lines: [variant.sku: 1])
            #expect(await h.eventually { h.ebay.orders.first { $0.id == refunded }?.refunds.count == 1 })
            #expect(h.ebay.orders.first { $0.id == refunded }?.refunds.first?.amount == variant.price)

            _ = try await h.engine.processOrders(trigger: "test")
            #expect(h.ebay.orders.first { $0.id == cancelledInShopify }?.refunds.count == 1)
            #expect(h.ebay.orders.first { $0.id == refunded }?.refunds.count == 1)
            #expect(try await AuditEntry.query(on: h.app.db).filter(\.$operation == "issueRefund").count() == 2)
            #expect(try await AuditEntry.query(on: h.app.db).filter(\.$operation == "orderCancel").count() == 1)
        }
    }
}

@Suite("Refused tokens", .serialized)
struct TokenHealthTests {
    @Test func revokedEbayToken_stopsTheOrderFlowCleanly_andANewTokenResumesIt_withNothingLostOrDoubled() async throws {
        try await EngineHarness.run(products: 16, config: ["EBAY_TOKEN_EXPIRES_AT": ISO8601DateFormatter().string(from: Date().addingTimeInterval(10 * 86_400))]) { h in
            try await h.listEverything()
            let live = Set(h.ebay.liveListings.map(\.sku))
            let variant = try #require(h.store.products.flatMap(\.variants).first { live.contains($0.sku) && $0.inventoryQuantity >= 2 })
            let orderID = try h.ebay.placeOrder(sku: variant.sku, quantity: 1)
            h.ebay.revokeRefreshToken()

            await #expect(throws: ServiceStopped.self) { try await h.engine.processOrders(trigger: "test") }
            let row = try #require(try await ServiceHealth.query(on: h.app.db).filter(\.$service == "ebay").first())
            #expect(row.state == .unauthorized)
            // Stopped: the next runs do not call eBay at all.
            let calls = h.ebay.callsPerOperation.values.reduce(0, +)
            await #expect(throws: ServiceStopped.self) { try await h.engine.pushStock() }
            #expect(h.ebay.callsPerOperation.values.reduce(0, +) == calls)
            try await h.app.testing().test(.GET, "health") { res async throws in
                let body = try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [String: Any]
                let warnings = body?["warnings"] as? [String] ?? []
                #expect(body?["status"] as? String == "degraded")
                #expect(warnings.contains { $0.contains("eBay refused the token") })
                #expect(warnings.contains { $0.contains("expires on") && $0.contains("in 9 days") || $0.contains("in 10 days") })
            }

            // Re-authorised: a new token configured, then the work resumes from where it stopped.
            h.ebay.restoreRefreshToken()
            try await ServiceHealthStore(database: h.app.db).clear(unless: [.ebay: "a-new-token"])
            let resumed = try await h.engine.processOrders(trigger: "test")

            #expect(resumed.imports?.created == 1)
            #expect(await h.shopify.orderSummaries().filter { $0.sourceIdentifier == orderID }.count == 1)
            #expect(try await ServiceHealth.query(on: h.app.db).filter(\.$service == "ebay").first()?.state == .ok)
        }
    }
}
