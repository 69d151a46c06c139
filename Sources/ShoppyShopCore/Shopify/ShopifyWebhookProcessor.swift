import FluentKit
import Foundation
import ShopifyAPI

/// Applies a stored Shopify webhook to the local mirror. Idempotent: every topic upserts by
/// Shopify id, and older news never overwrites newer (Shopify's `updated_at` guards each
/// row), so a redelivery, a re-run job or a late delivery changes nothing more.
public enum ShopifyWebhookProcessor {
    public static let provider = "shopify"

    public enum Outcome: Equatable, Sendable {
        case applied
        /// A topic the mirror does not keep (e.g. fulfillments/*: read with the order).
        case ignored
    }

    /// What a webhook changed that other flows act on.
    public struct Effects: Sendable, Equatable {
        public var outcome: Outcome
        /// SKUs whose stock changed: the stock push looks at them.
        public var stockSKUs: [String] = []
        /// Products whose content or status changed: the listing planner looks at them.
        public var products: [Int64] = []
        /// An eBay order's Shopify order was fulfilled, cancelled or refunded: the order sync looks at it.
        public var orders = false
    }

    /// The shop's currency (`ShopifyClient.shopCurrency()`, cached per client); nil when no
    /// Shopify client is configured.
    public typealias ShopCurrency = @Sendable () async throws -> String?

    /// Product prices are in the shop's currency; products/* payloads carry none (unlike
    /// orders/*, whose `currency` is used as is), so `shopCurrency` supplies it. Without one
    /// (no Shopify client configured) a product keeps the currency it has, and a new one
    /// gets "USD".
    @discardableResult
    public static func apply(topic: String, payload: Data, on db: any Database, shopCurrency: ShopCurrency? = nil,
                             triggeredAt: Date? = nil, seenAt: Date = Date()) async throws -> Effects {
        let decoder = JSONDecoder()
        switch topic {
        case "products/create", "products/update":
            let product = try decoder.decode(ShopifyWebhook.Product.self, from: payload)
            let record = ProductRecord(webhook: product)
            let currency = try await currency(for: product.id, on: db, shopCurrency: shopCurrency)
            let written = try await CatalogWriter(database: db, currency: currency).write([record])
            return Effects(outcome: .applied, products: written)
        case "products/delete":
            let deleted = try decoder.decode(ShopifyWebhook.Deleted.self, from: payload)
            guard let product = try await ShopifyProduct.query(on: db).filter(\.$shopifyID == deleted.id).first() else {
                return Effects(outcome: .applied)
            }
            product.status = "DELETED"
            product.lastSynced = Date()
            try await product.save(on: db)
            return Effects(outcome: .applied, products: [deleted.id])
        case "inventory_levels/update":
            let level = try decoder.decode(ShopifyWebhook.InventoryLevel.self, from: payload)
            let skus = try await updateStock(level, on: db, triggeredAt: triggeredAt, seenAt: seenAt)
            return Effects(outcome: .applied, stockSKUs: skus)
        case _ where topic.hasPrefix("orders/"):
            let order = try decoder.decode(ShopifyWebhook.Order.self, from: payload)
            try await upsert(order, on: db)
            let concerns = topic == "orders/cancelled" ? try await OrderEvents.cancelled(order, on: db) : false
            return Effects(outcome: .applied, orders: concerns)
        case "fulfillments/create", "fulfillments/update":
            let fulfillment = try decoder.decode(ShopifyWebhook.Fulfillment.self, from: payload)
            return Effects(outcome: .applied, orders: try await OrderEvents.fulfillment(fulfillment, on: db))
        case "refunds/create":
            let refund = try decoder.decode(ShopifyWebhook.Refund.self, from: payload)
            return Effects(outcome: .applied, orders: try await OrderEvents.refund(refund, on: db))
        default:
            return Effects(outcome: .ignored)
        }
    }

    /// Used only when no shop currency is available (no Shopify client configured).
    static let fallbackCurrency = "USD"

    static func currency(for productID: Int64, on db: any Database, shopCurrency: ShopCurrency?) async throws -> String {
        // Read before any transaction: no connection is held across a Shopify request. A
        // failed read fails the job, which retries, rather than store a guessed currency.
        if let shop = try await shopCurrency?() { return shop }
        return try await ShopifyProduct.query(on: db).filter(\.$shopifyID == productID).first()?.currency ?? fallbackCurrency
    }

    /// Stock arrives per location; the mirror keeps each level (the eBay quantity counts the
    /// chosen locations). Records a pending stock change per SKU of the item.
    static func updateStock(_ payload: ShopifyWebhook.InventoryLevel, on db: any Database, triggeredAt: Date?, seenAt: Date) async throws -> [String] {
        guard let available = payload.available else { return [] }
        let changedAt = triggeredAt ?? payload.updatedAt.flatMap(ShopifyDates.parse)
        return try await db.writeTransaction { db in
            let existing = try await ShopifyInventoryLevel.query(on: db)
                .filter(\.$inventoryItemID == payload.inventoryItemID).filter(\.$locationID == payload.locationID).first()
            // Older news: a later change of this level is already here.
            if let existing, let known = existing.changedAt, let changedAt, known > changedAt { return [] }
            try await CatalogWriter(database: db, currency: fallbackCurrency).writeLevels([
                ShopifyInventoryLevel(inventoryItemID: payload.inventoryItemID, locationID: payload.locationID, available: available, changedAt: changedAt),
            ])
            let rows = try await ShopifyVariant.query(on: db).filter(\.$inventoryItemID == payload.inventoryItemID).all()
            let levels = try await ShopifyInventoryLevel.query(on: db).filter(\.$inventoryItemID == payload.inventoryItemID).all()
            let total = levels.reduce(0) { $0 + $1.available }
            for row in rows {
                row.inventoryQuantity = total
                try await row.save(on: db)
                // The seed's product row keeps a JSON copy of its variants and their total.
                if let product = try await ShopifyProduct.find(row.$product.id, on: db) {
                    var snapshots = product.variants
                    for i in snapshots.indices where snapshots[i].inventoryItemID == payload.inventoryItemID { snapshots[i].inventoryQuantity = total }
                    product.variants = snapshots
                    product.inventoryQuantity = snapshots.reduce(0) { $0 + $1.inventoryQuantity }
                    try await product.save(on: db)
                }
            }
            let skus = rows.compactMap(\.sku)
            try await StockChanges.record(skus.map { .init(sku: $0, reason: .webhook, shopifyAvailable: available, changedAt: changedAt) }, seenAt: seenAt, on: db)
            return skus
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
