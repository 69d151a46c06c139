import FluentKit
import Foundation
import ShoppyShopCore
import SQLKit
import Testing
import TestSupport

@Suite("Schema")
struct SchemaTests {
    @Test func migrations_runForwardAndBack() async throws {
        try await TestDatabase.withApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            #expect(try await ShopifyProduct.query(on: app.db).count() == 0)

            try await app.autoRevert()
            await #expect(throws: (any Error).self) { try await sql.raw("SELECT COUNT(*) FROM shopify_products").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("SELECT COUNT(*) FROM jobs").run() }

            try await app.autoMigrate()
            for table in ["service_tokens", "shopify_products", "shopify_variants", "shopify_orders", "ebay_listings",
                          "ebay_orders", "meta_campaign_insights", "meta_insight_days", "meta_product_catalogs",
                          "order_links", "sync_cursors", "jobs", "audit_log", "webhook_deliveries"] {
                try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").run()
            }
        }
    }

    @Test func duplicateVendorIDs_areRejected() async throws {
        try await TestDatabase.withDatabase { db in
            let product = try await makeProduct(db, shopifyID: 1)
            await #expect(throws: (any Error).self) { try await makeProduct(db, shopifyID: 1) }

            try await listing(productID: product.requireID(), ebayID: "110001").create(on: db)
            await #expect(throws: (any Error).self) {
                try await listing(productID: product.requireID(), ebayID: "110001").create(on: db)
            }

            try await MetaCampaignInsight(campaignID: "c-1", name: "A", spend: 1, currency: "USD", impressions: 1, clicks: 1, conversions: 0).create(on: db)
            await #expect(throws: (any Error).self) {
                try await MetaCampaignInsight(campaignID: "c-1", name: "B", spend: 2, currency: "USD", impressions: 2, clicks: 2, conversions: 0).create(on: db)
            }

            try await EbayOrder(ebayID: "o-1", buyerUsername: "b", orderTotal: 1, currency: "USD", status: "PAID", items: [], shippingDetails: nil, createdAt: Date()).create(on: db)
            await #expect(throws: (any Error).self) {
                try await EbayOrder(ebayID: "o-1", buyerUsername: "c", orderTotal: 2, currency: "USD", status: "PAID", items: [], shippingDetails: nil, createdAt: Date()).create(on: db)
            }

            try await OrderLink(ebayOrderID: "o-1").create(on: db)
            await #expect(throws: (any Error).self) { try await OrderLink(ebayOrderID: "o-1").create(on: db) }

            #expect(try await ShopifyProduct.query(on: db).count() == 1)
            #expect(try await EbayListing.query(on: db).count() == 1)
            #expect(try await MetaCampaignInsight.query(on: db).count() == 1)
        }
    }

    @Test func deletingProduct_cascadesToListingsVariantsAndCatalogRows() async throws {
        try await TestDatabase.withDatabase { db in
            let doomed = try await makeProduct(db, shopifyID: 10)
            let kept = try await makeProduct(db, shopifyID: 11)
            for (product, suffix) in [(doomed, "a"), (kept, "b")] {
                let id = try product.requireID()
                try await listing(productID: id, ebayID: "l-\(suffix)").create(on: db)
                try await MetaProductCatalog(catalogID: "m-\(suffix)", productID: id, retailerID: "SKU-\(suffix)", status: "active", insights: CatalogInsights(impressions: 5)).create(on: db)
                try await ShopifyVariant(productID: id, shopifyID: product.shopifyID * 100, sku: "SKU-\(suffix)", title: "Default", price: 1, inventoryItemID: 7, inventoryQuantity: 3, position: 1).create(on: db)
            }

            try await doomed.delete(on: db)

            #expect(try await EbayListing.query(on: db).all().map(\.ebayID) == ["l-b"])
            #expect(try await MetaProductCatalog.query(on: db).all().map(\.catalogID) == ["m-b"])
            #expect(try await ShopifyVariant.query(on: db).all().map(\.sku) == ["SKU-b"])
        }
    }

    @Test func listing_withoutProduct_isRejected() async throws {
        try await TestDatabase.withDatabase { db in
            await #expect(throws: (any Error).self) {
                try await listing(productID: UUID(), ebayID: "orphan").create(on: db)
            }
        }
    }

    @Test(arguments: ["0.10", "19.99", "99999999.99", "0.01", "12345.67", "0"])
    func productPrice_roundTripsExactly(_ literal: String) async throws {
        try await TestDatabase.withDatabase { db in
            let price = try #require(Decimal(exactly: literal))
            let product = ShopifyProduct(shopifyID: 5, title: "T", price: price, currency: "USD", inventoryQuantity: 1)
            try await product.create(on: db)

            let loaded = try #require(try await ShopifyProduct.query(on: db).filter(\.$shopifyID == 5).first())

            #expect(loaded.price.value == price)
            #expect(loaded.price.value.plain == price.plain)
        }
    }

    @Test func orderTotals_andJSONColumns_roundTrip() async throws {
        try await TestDatabase.withDatabase { db in
            let items = [OrderItem(sku: "SKU-1", title: "Beanie", quantity: 2, unitPrice: Decimal(exactly: "19.99")!, lineID: "9001")]
            let address = ShippingDetails(fullName: "Ada L", addressLine1: "1 Main St", city: "Springfield", postalCode: "12345", countryCode: "US")
            try await EbayOrder(ebayID: "07-1", buyerUsername: "ada", orderTotal: Decimal(exactly: "9999999999.99")!, currency: "USD", status: "PAID", items: items, shippingDetails: address, createdAt: Date(timeIntervalSince1970: 1_700_000_000)).create(on: db)

            let loaded = try #require(try await EbayOrder.query(on: db).first())

            #expect(loaded.orderTotal.value == Decimal(exactly: "9999999999.99")!)
            #expect(loaded.items == items)
            #expect(loaded.items.first?.unitPrice.value == Decimal(exactly: "19.99")!)
            #expect(loaded.shippingDetails == address)
            #expect(loaded.createdAt == Date(timeIntervalSince1970: 1_700_000_000))
        }
    }

    @Test func sumOfStoredPrices_isExact() async throws {
        try await TestDatabase.withDatabase { db in
            for (index, literal) in ["0.10", "0.20", "0.70"].enumerated() {
                try await makeProduct(db, shopifyID: Int64(100 + index), price: Decimal(exactly: literal)!)
            }

            let total = try await ShopifyProduct.query(on: db).all().map(\.price.value).reduce(0, +)

            #expect(total == Decimal(1))
        }
    }

    @Test func serviceToken_isCiphertextInTheDatabase() async throws {
        try await TestDatabase.withDatabase { db in
            let box = SecretBox(key: try MasterKey(base64: TestConfig.testKeyBase64))
            let token = "v^1.1#i^1#r^1#p^3#I^3#f^0#t^Ul4xMF8xMToxRkM2QkE5"
            try await ServiceToken(service: "ebay", token: token, box: box).create(on: db)
            let sql = try #require(db as? any SQLDatabase)

            let rows = try await sql.raw("SELECT service, token FROM service_tokens").all()
            let stored = try rows.map { try $0.decode(column: "token", as: String.self) }
            let loaded = try #require(try await ServiceToken.query(on: db).first())

            #expect(stored.count == 1)
            #expect(stored.allSatisfy { $0.hasPrefix("ss1:") && !$0.contains(token) && !$0.contains("Ul4xMF8x") })
            #expect(try loaded.token(using: box) == token)
        }
    }

    @discardableResult
    func makeProduct(_ db: any Database, shopifyID: Int64, price: Decimal = 9) async throws -> ShopifyProduct {
        let product = ShopifyProduct(shopifyID: shopifyID, title: "P\(shopifyID)", price: price, currency: "USD", inventoryQuantity: 1)
        try await product.create(on: db)
        return product
    }

    func listing(productID: UUID, ebayID: String) -> EbayListing {
        EbayListing(ebayID: ebayID, productID: productID, title: "L", price: 5, currency: "USD", quantity: 1, status: "ACTIVE", lastUpdated: Date())
    }
}
