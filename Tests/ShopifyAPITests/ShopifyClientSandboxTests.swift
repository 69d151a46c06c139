import Foundation
import Sandbox
import ShopifyAPI
import Testing

@Suite("Shopify client against the sandbox")
struct ShopifyClientSandboxTests {
    @Test func shop_readsCurrencyTimeZoneAndPlan() async throws {
        try await withShopify { client, _, host in
            let shop = try await client.shop()
            #expect(shop.currencyCode == host.store.shop.currencyCode)
            #expect(shop.ianaTimezone == host.store.shop.timeZone)
            #expect(shop.plan.displayName == host.store.shop.plan.rawValue)
        }
    }

    /// The mirror's currency comes from here: read once per client, copies included.
    @Test func shopCurrency_isReadOnce_andShared() async throws {
        try await withShopify { client, backend, host in
            let before = await backend.documents.validated
            let copy = client
            async let a = client.shopCurrency()
            async let b = copy.shopCurrency()
            let (first, second) = try await (a, b)
            let third = try await client.shopCurrency()
            #expect([first, second, third] == Array(repeating: host.store.shop.currencyCode, count: 3))
            #expect(await backend.documents.validated - before == 1)
        }
    }

    @Test func getProducts_pagesToTheEnd_withExactMoney() async throws {
        try await withShopify(products: 45) { client, _, host in
            let products = try await client.getProducts()
            #expect(products.count == 45)
            #expect(products.map(\.number) == host.store.products.map(\.id))
            let expected = host.store.products[7].variants[0]
            let got = products[7].variants.nodes[0]
            #expect(got.price.value == expected.price)
            #expect(got.sku == expected.sku)
            #expect(got.inventoryItem.number == expected.inventoryItemID)
            #expect(got.inventoryQuantity == expected.inventoryQuantity)
            let stats = await client.bucket.statistics
            #expect(stats.answers == 3) // 20 + 20 + 5
            #expect(stats.throttled == 0)
        }
    }

    /// A product with more variants than a page carries (`variants.pageInfo.hasNextPage`)
    /// is completed with ProductVariantsPage: every variant arrives, in order.
    @Test func getProducts_readsEveryVariant_whenAProductHasMoreThanAPage() async throws {
        try await withShopify(products: 45, variantsPageSize: 2) { client, backend, host in
            let documentsBefore = await backend.documents.validated
            let products = try await client.getProducts()
            let longer = host.store.products.filter { $0.variants.count > 2 }
            #expect(!longer.isEmpty, "the demo store should have products with 3–5 variants")
            #expect(products.map(\.number) == host.store.products.map(\.id))
            #expect(products.map { $0.variants.nodes.map(\.number) } == host.store.products.map { $0.variants.map(\.id) })
            #expect(products.map { $0.variants.nodes.map(\.sku) } == host.store.products.map { $0.variants.map(\.sku) })
            #expect(products.allSatisfy { $0.variants.pageInfo?.hasNextPage != true })
            // 3 product pages + one ProductVariantsPage per longer product (250 fit in one).
            let stats = await client.bucket.statistics
            #expect(stats.answers == 3 + longer.count)
            #expect(await backend.documents.validated - documentsBefore == 3 + longer.count)
            #expect(stats.throttled == 0)
        }
    }

    @Test func productsUpdatedSince_filtersByUpdatedAt() async throws {
        try await withShopify(products: 30) { client, _, host in
            let sorted = host.store.products.map(\.updatedAt).sorted()
            let cutoff = sorted[20]
            let products = try await client.getProducts(updatedSince: cutoff)
            #expect(products.count == host.store.products.filter { $0.updatedAt > cutoff }.count)
            #expect(products.allSatisfy { $0.updatedAt > cutoff })
        }
    }

    @Test func bulkProducts_linksVariantsToProducts() async throws {
        try await withShopify(products: 120) { client, _, host in
            let products = try await client.bulkProducts()
            #expect(products.count == 120)
            #expect(products.map { $0.variants.nodes.count } == host.store.products.map(\.variants.count))
            #expect(products.allSatisfy { product in product.variants.nodes.allSatisfy { $0.parentID == product.id } })
            #expect(products[3].variants.nodes.map(\.sku) == host.store.products[3].variants.map(\.sku))
        }
    }

    /// The export runs outside the store's actor: while it runs, `node(id:)` says RUNNING
    /// (as Shopify does) and other requests are answered at once instead of queueing behind it.
    @Test func bulkOperation_runsInBackground_reportingRunningUntilDone() async throws {
        // RUNNING for a second at least, so a loaded machine's slow first poll still sees it.
        try await withShopify(products: 3_000, bulkMinimumDuration: .seconds(1)) { client, _, host in
            let clock = ContinuousClock()
            let started = clock.now
            let operation = try await client.startBulkProducts()
            let first = try #require(try await client.bulkOperation(id: operation.id))
            #expect(["CREATED", "RUNNING"].contains(first.status), "got \(first.status) right after the start")
            let shopStart = clock.now
            _ = try await client.shop()
            let shopTime = clock.now - shopStart
            var statuses = [first.status]
            var current = first
            while !["COMPLETED", "FAILED"].contains(current.status) {
                try await Task.sleep(for: .milliseconds(10))
                current = try #require(try await client.bulkOperation(id: operation.id))
                statuses.append(current.status)
            }
            let exportTime = clock.now - started
            #expect(current.status == "COMPLETED")
            #expect(statuses.contains("RUNNING"))
            #expect(current.url != nil)
            let products = try await ShopifyBulkJSONLReader().products(from: URL(string: try #require(current.url))!)
            #expect(products.count == 3_000)
            #expect(products.map { $0.variants.nodes.count } == host.store.products.map(\.variants.count))
            print("bulk 3,000 products: export \(exportTime), shop query during it \(shopTime), \(statuses.count) polls")
        }
    }

    @Test func updateInventory_setsStock_andDetectsCompareQuantityMismatch() async throws {
        try await withShopify { client, backend, host in
            let variant = host.store.products[0].variants[0]
            let level = variant.inventoryLevels[0]
            let item = ShopifyID.gid("InventoryItem", variant.inventoryItemID)
            let location = ShopifyID.gid("Location", level.locationID)

            let changes = try await client.updateInventory([.init(inventoryItemID: item, locationID: location, available: level.available + 3, expectedCurrent: level.available)])
            #expect(changes.first?.delta == 3)
            #expect(await backend.available(inventoryItemID: variant.inventoryItemID, locationID: level.locationID) == level.available + 3)

            // A merchant changes stock meanwhile: our stale compareQuantity is refused, not overwritten.
            try await backend.setStock(inventoryItemID: variant.inventoryItemID, locationID: level.locationID, available: 1)
            let error = await #expect(throws: ShopifyError.self) {
                try await client.updateInventory([.init(inventoryItemID: item, locationID: location, available: 9, expectedCurrent: level.available + 3)])
            }
            #expect(error?.userErrorCodes == ["COMPARE_QUANTITY_STALE"])
            #expect(await backend.available(inventoryItemID: variant.inventoryItemID, locationID: level.locationID) == 1)
        }
    }

    @Test func updateInventory_invalidInput_isTypedUserErrors() async throws {
        try await withShopify { client, _, host in
            let variant = host.store.products[0].variants[0]
            let location = ShopifyID.gid("Location", variant.inventoryLevels[0].locationID)
            let error = await #expect(throws: ShopifyError.self) {
                try await client.updateInventory([
                    .init(inventoryItemID: ShopifyID.gid("InventoryItem", variant.inventoryItemID), locationID: location, available: -1, expectedCurrent: nil),
                    .init(inventoryItemID: ShopifyID.gid("InventoryItem", 1), locationID: location, available: 1, expectedCurrent: nil),
                    .init(inventoryItemID: ShopifyID.gid("InventoryItem", variant.inventoryItemID), locationID: ShopifyID.gid("Location", 2), available: 1, expectedCurrent: nil),
                ])
            }
            guard case .userErrors(let operation, let errors)? = error else { Issue.record("expected userErrors, got \(String(describing: error))"); return }
            #expect(operation == "InventorySetQuantities")
            #expect(errors.map(\.code) == ["INVALID_QUANTITY_NEGATIVE", "INVALID_INVENTORY_ITEM", "INVALID_LOCATION"])
            #expect(errors[0].field == ["input", "quantities", "0", "quantity"])
        }
    }

    @Test func createOrder_thenFulfillWithTracking() async throws {
        try await withShopify { client, backend, host in
            let variant = host.store.products[2].variants[0]
            let level = variant.inventoryLevels[0]
            let order = try await client.createOrder(.init(
                currency: host.store.shop.currencyCode, sourceName: "ebay", sourceIdentifier: "12-34567-89012",
                tags: ["ebay", "ebay-12-34567-89012"],
                lines: [.init(variantID: variant.gid, quantity: 2, price: Decimal(string: "19.99")!)],
                shippingAddress: .init(firstName: "Ada", lastName: "Lovelace", city: "London", countryCode: "GB"),
                shippingLines: [.init(title: "Standard", price: Decimal(string: "4.50")!)]))
            #expect(order.totalPriceSet.shopMoney.amount.value == Decimal(string: "44.48")!)
            #expect(order.sourceName == "ebay")
            #expect(await backend.available(inventoryItemID: variant.inventoryItemID, locationID: level.locationID) == level.available - 2)

            let found = try await client.orders(matching: "tag:'ebay-12-34567-89012'")
            #expect(found.map(\.id) == [order.id])

            let fulfillment = try await client.createFulfillment(orderID: order.id, tracking: .init(company: "UPS", number: "1Z999"))
            #expect(fulfillment.trackingInfo.first?.number == "1Z999")
            let orders = await backend.orders()
            #expect(orders.first?.fulfillmentStatus == "FULFILLED")

            let again = await #expect(throws: ShopifyError.self) {
                try await client.createOrder(.init(currency: "USD", sourceName: "ebay", lines: [.init(variantID: "gid://shopify/ProductVariant/1", quantity: 1, price: 1)]))
            }
            #expect(again?.userErrorCodes == ["PRODUCT_VARIANT_DOES_NOT_EXIST"])
        }
    }

    @Test func wrongToken_isUnauthorized_andNotRetried() async throws {
        try await withShopify { _, _, host in
            let client = ShopifyClient(endpoint: ShopifyAdminEndpoint(sandboxBaseURL: host.baseURL!), accessToken: "shpat_wrong_token_123")
            let error = await #expect(throws: ShopifyError.self) { try await client.shop() }
            guard case .unauthorized(let message)? = error else { Issue.record("\(String(describing: error))"); return }
            #expect(message.contains("Invalid API key or access token"))
            #expect(await host.status().requests["shopify"]?.total == 1)
        }
    }

    /// A burst of concurrent pages against a small bucket: the sandbox throttles some, the
    /// client waits the time computed from throttleStatus and retries; no THROTTLED escapes.
    @Test func burst_againstSmallBucket_isThrottledAtSandbox_butNeverSurfaces() async throws {
        let settings = ShopifyThrottleSettings(bucketSize: 1_000, restoreRate: 1_000)
        try await withShopify(products: 200, throttle: settings) { client, backend, _ in
            let started = ContinuousClock.now
            let pages = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await client.productsPage().products.count }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            let elapsed = started.duration(to: .now)
            #expect(pages.allSatisfy { $0 == ShopifyClient.productsPageSize })
            let sandboxThrottled = await backend.throttledCount
            let stats = await client.bucket.statistics
            #expect(sandboxThrottled > 0)
            #expect(stats.throttled == sandboxThrottled)
            #expect(stats.waits >= 1)
            #expect(stats.answers == 8 + sandboxThrottled)
            // Every throttled retry waited for at least part of one request's cost to restore.
            #expect(elapsed >= .milliseconds(50))
            print("burst: 8 pages, \(sandboxThrottled) THROTTLED at the sandbox, \(stats.waits) waits totalling \(stats.waited), \(elapsed)")
        }
    }
}

    /// The paged read keeps Shopify's bucket busy: it sleeps only for points it has spent and
    /// never polls. Standard-sized bucket (1,000) with a 500 points/s restore rate so the suite runs in
    /// seconds. Sleep lengths come from the bucket's own figures, not the clock, so a loaded
    /// machine cannot make this pass or fail; utilisation (printed) is ShopifyBench's figure.
    @Test func pagedRead_sleepsOnlyForPointsItSpent() async throws {
        let settings = ShopifyThrottleSettings(bucketSize: 1_000, restoreRate: 500)
        try await withShopify(products: 200, throttle: settings) { client, backend, _ in
            var count = 0
            var cursor: String?
            var mark: (time: ContinuousClock.Instant, points: Int, available: Double)?
            repeat {
                let page = try await client.productsPage(after: cursor)
                count += page.products.count
                cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : nil
                let now = await client.bucket.statistics
                if mark == nil, now.waits > 0 { mark = (.now, now.pointsUsed, now.lastAvailable ?? 0) }
            } while cursor != nil
            let stats = await client.bucket.statistics
            let from = try #require(mark)
            let elapsed = from.time.duration(to: .now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            #expect(count == 200)
            let restored = Double(stats.pointsUsed - from.points) + (stats.lastAvailable ?? 0) - from.available
            let utilisation = restored / (seconds * settings.restoreRate)
            let waited = Double(stats.waited.components.seconds) + Double(stats.waited.components.attoseconds) / 1e18
            print("paged 200 products: \(stats.answers) calls, \(stats.pointsUsed) points, \(stats.waits) waits (\(waited) s), \(stats.throttled) throttled, steady state \(seconds) s, utilisation \(utilisation)")
            #expect(stats.throttled == 0)
            #expect(await backend.throttledCount == 0)
            #expect(stats.waits > 0, "the bucket was never spent: the test no longer exercises waiting")
            // One sleep per request at most (no polling), and no more sleep than restoring what was spent takes.
            #expect(stats.waits < stats.answers)
            #expect(waited <= Double(stats.pointsUsed) / settings.restoreRate, "slept \(waited) s for \(stats.pointsUsed) points")
        }
    }
