import FluentKit
import Foundation
import ShopifyAPI

/// Applies a stored Shopify webhook to the local mirror. Idempotent: every topic upserts by
/// Shopify id, so a redelivery or a re-run job changes nothing more.
public enum ShopifyWebhookProcessor {
    public static let provider = "shopify"

    public enum Outcome: Equatable, Sendable {
        case applied
        /// A topic the mirror does not keep (e.g. fulfillments/*: read with the order).
        case ignored
    }

    /// The shop's currency (`ShopifyClient.shopCurrency()`, cached per client); nil when no
    /// Shopify client is configured.
    public typealias ShopCurrency = @Sendable () async throws -> String?

    /// Product prices are in the shop's currency; products/* payloads carry none (unlike
    /// orders/*, whose `currency` is used as is), so `shopCurrency` supplies it. Without one
    /// (no Shopify client configured) a product keeps the currency it has, and a new one
    /// gets "USD".
    public static func apply(topic: String, payload: Data, on db: any Database, shopCurrency: ShopCurrency? = nil) async throws -> Outcome {
        let decoder = JSONDecoder()
        switch topic {
        case "products/create", "products/update":
            try await upsert(try decoder.decode(ShopifyWebhook.Product.self, from: payload), on: db, shopCurrency: shopCurrency)
        case "products/delete":
            let deleted = try decoder.decode(ShopifyWebhook.Deleted.self, from: payload)
            if let product = try await ShopifyProduct.query(on: db).filter(\.$shopifyID == deleted.id).first() {
                product.status = "DELETED"
                product.lastSynced = Date()
                try await product.save(on: db)
            }
        case "inventory_levels/update":
            try await updateStock(try decoder.decode(ShopifyWebhook.InventoryLevel.self, from: payload), on: db)
        case _ where topic.hasPrefix("orders/"):
            try await upsert(try decoder.decode(ShopifyWebhook.Order.self, from: payload), on: db)
        default:
            return .ignored
        }
        return .applied
    }

    /// Used only when no shop currency is available (no Shopify client configured).
    static let fallbackCurrency = "USD"

    static func upsert(_ payload: ShopifyWebhook.Product, on db: any Database, shopCurrency: ShopCurrency? = nil) async throws {
        // Read before the transaction: no connection is held across a Shopify request. A
        // failed read fails the job, which retries, rather than store a guessed currency.
        let shop = try await shopCurrency?() ?? nil
        try await db.transaction { db in
            let product = try await ShopifyProduct.query(on: db).filter(\.$shopifyID == payload.id).first() ?? ShopifyProduct()
            let currency = shop ?? (product.id == nil ? Self.fallbackCurrency : product.currency)
            let variants = payload.variants.sorted { ($0.position ?? 0) < ($1.position ?? 0) }
            product.shopifyID = payload.id
            product.title = payload.title
            product.description = payload.bodyHTML ?? ""
            product.price = StoredDecimal(variants.first?.price.value ?? 0)
            product.currency = currency
            product.inventoryQuantity = variants.reduce(0) { $0 + ($1.inventoryQuantity ?? 0) }
            product.variants = variants.map {
                VariantSnapshot(id: $0.id, sku: $0.sku, title: $0.title, price: $0.price.value, inventoryItemID: $0.inventoryItemID, inventoryQuantity: $0.inventoryQuantity ?? 0)
            }
            product.status = (payload.status ?? "active").uppercased()
            product.lastSynced = Date()
            try await product.save(on: db)
            let productID = try product.requireID()
            let existing = try await ShopifyVariant.query(on: db).filter(\.$product.$id == productID).all()
            for (index, variant) in variants.enumerated() {
                let row = existing.first { $0.shopifyID == variant.id } ?? ShopifyVariant()
                row.$product.id = productID
                row.shopifyID = variant.id
                row.sku = variant.sku
                row.title = variant.title
                row.price = StoredDecimal(variant.price.value)
                row.inventoryItemID = variant.inventoryItemID
                row.inventoryQuantity = variant.inventoryQuantity ?? 0
                row.position = variant.position ?? index + 1
                try await row.save(on: db)
            }
            let kept = Set(variants.map(\.id))
            for row in existing where !kept.contains(row.shopifyID) { try await row.delete(on: db) }
        }
    }

    /// Stock arrives per location; the mirror keeps the variant total, so the payload's
    /// location sets its share: with one location per item (the common case) it is the total.
    static func updateStock(_ payload: ShopifyWebhook.InventoryLevel, on db: any Database) async throws {
        guard let available = payload.available else { return }
        try await db.transaction { db in
            let rows = try await ShopifyVariant.query(on: db).filter(\.$inventoryItemID == payload.inventoryItemID).all()
            for row in rows {
                row.inventoryQuantity = available
                try await row.save(on: db)
                if let product = try await ShopifyProduct.find(row.$product.id, on: db) {
                    var snapshots = product.variants
                    for i in snapshots.indices where snapshots[i].inventoryItemID == payload.inventoryItemID {
                        snapshots[i].inventoryQuantity = available
                    }
                    product.variants = snapshots
                    product.inventoryQuantity = snapshots.reduce(0) { $0 + $1.inventoryQuantity }
                    try await product.save(on: db)
                }
            }
        }
    }

    static func upsert(_ payload: ShopifyWebhook.Order, on db: any Database) async throws {
        let order = try await ShopifyOrder.query(on: db).filter(\.$shopifyID == payload.id).first() ?? ShopifyOrder()
        order.shopifyID = payload.id
        order.orderNumber = payload.name
        order.totalPrice = StoredDecimal(payload.totalPrice.value)
        order.currency = payload.currency
        order.fulfillmentStatus = payload.fulfillmentStatus
        order.items = payload.lineItems.map { OrderItem(sku: $0.sku, title: $0.title, quantity: $0.quantity, unitPrice: $0.price.value, lineID: String($0.id)) }
        order.createdAt = ShopifyDates.parse(payload.createdAt) ?? Date()
        try await order.save(on: db)
    }
}
