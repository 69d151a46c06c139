import FluentKit
import Foundation
import ShopifyAPI

/// The stock poll for stores without webhooks: inventory items Shopify changed since the
/// last poll (cursor persisted, windows overlapping), their levels into the mirror, and a
/// pending change per SKU.
public struct StockPoll: Sendable {
    public let shopify: ShopifyClient
    public let database: any Database
    public let now: @Sendable () -> Date
    public static let cursorStream = "shopify.inventory_items.updated_at"
    /// Shopify's `updated_at` search has whole seconds.
    public static let overlap: TimeInterval = 5

    public init(shopify: ShopifyClient, database: any Database, now: @escaping @Sendable () -> Date = { Date() }) {
        self.shopify = shopify
        self.database = database
        self.now = now
    }

    /// Returns the number of SKUs recorded as changed.
    public func run() async throws -> Int {
        let started = now()
        guard let since = try await SyncCursors.date(Self.cursorStream, on: database) else {
            // First poll: the catalog import has the levels; start from now.
            try await SyncCursors.set(Self.cursorStream, to: started, on: database)
            return 0
        }
        let writer = CatalogWriter(database: database, currency: "USD", now: now)
        var cursor: String?
        var recorded = 0
        repeat {
            let page = try await shopify.inventoryItems(updatedSince: since.addingTimeInterval(-Self.overlap), after: cursor)
            for item in page.nodes {
                guard let itemID = item.number else { continue }
                let levels = item.inventoryLevels.nodes.compactMap { level -> ShopifyInventoryLevel? in
                    guard let location = level.location.number, let available = level.quantity("available") else { return nil }
                    // Read after `started`: true at least from then, whatever second the item's updated_at names.
                    let asOf = max(item.updatedAt ?? .distantPast, ShopifyInventoryLevel.wholeSecond(started))
                    return ShopifyInventoryLevel(inventoryItemID: itemID, locationID: location, available: available, changedAt: asOf)
                }
                let before = try await ShopifyInventoryLevel.query(on: database).filter(\.$inventoryItemID == itemID).all()
                let same = levels.allSatisfy { level in before.contains { $0.locationID == level.locationID && $0.available == level.available } }
                guard !same || before.count != levels.count else { continue }
                try await writer.writeLevels(levels)
                let skus = try await StockChanges.skus(inventoryItemID: itemID, on: database)
                let total = levels.reduce(0) { $0 + $1.available }
                try await ShopifyVariant.query(on: database).filter(\.$inventoryItemID == itemID).set(\.$inventoryQuantity, to: total).update()
                try await StockChanges.record(skus.map { .init(sku: $0, reason: .poll, shopifyAvailable: total, changedAt: item.updatedAt) }, seenAt: now(), on: database)
                recorded += skus.count
            }
            cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : nil
        } while cursor != nil
        try await SyncCursors.set(Self.cursorStream, to: started, on: database)
        return recorded
    }
}
