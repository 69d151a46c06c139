import Fluent
import Foundation
import Sandbox
import ShoppyShopCore
import Vapor

extension Application {
    /// Sandbox mode only: Meta catalog items are matched to Shopify products through the
    /// local mirror (SKU = retailer_id). On a fresh demo database the mirror is empty until a
    /// Shopify catalog sync has run, so every item would be "unmatched"; this fills it with the
    /// sandbox's demo store (the same products the Shopify stand-in serves, keyed by their
    /// Shopify ids, so a later catalog sync updates these rows). Does nothing if the mirror
    /// holds anything. Returns the number of products written.
    func seedShopifyMirrorFromSandboxIfEmpty() async throws -> Int {
        guard config.mode == .sandbox, let store = sandboxHost?.store else { return 0 }
        guard try await ShopifyProduct.query(on: db).count() == 0 else { return 0 }
        try await db.writeTransaction { db in
            for product in store.products {
                let row = ShopifyProduct(
                    shopifyID: product.id, title: product.title, description: product.description,
                    price: product.variants.first?.price ?? 0, currency: store.shop.currencyCode,
                    inventoryQuantity: product.variants.reduce(0) { $0 + $1.inventoryQuantity },
                    status: product.status.rawValue)
                try await row.create(on: db)
                let productID = try row.requireID()
                for variant in product.variants {
                    try await ShopifyVariant(
                        productID: productID, shopifyID: variant.id, sku: variant.sku, title: variant.title, price: variant.price,
                        inventoryItemID: variant.inventoryItemID, inventoryQuantity: variant.inventoryQuantity, position: variant.position
                    ).create(on: db)
                }
            }
        }
        return store.products.count
    }
}
