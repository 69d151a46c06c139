import FluentKit
import Foundation

/// Records stock news (a webhook, a poll, a plan, a reconcile) as pending changes and asks
/// for a push. One coalesced `stock.push` job covers every change pending when it runs.
public enum StockChanges {
    public struct News: Sendable {
        public var sku: String
        public var reason: StockChange.Reason
        public var shopifyAvailable: Int?
        public var changedAt: Date?

        public init(sku: String, reason: StockChange.Reason, shopifyAvailable: Int? = nil, changedAt: Date? = nil) {
            self.sku = sku
            self.reason = reason
            self.shopifyAvailable = shopifyAvailable
            self.changedAt = changedAt
        }
    }

    /// Stores the news; call `requestPush` after the enclosing transaction commits.
    public static func record(_ news: [News], seenAt: Date, on db: any Database) async throws {
        guard !news.isEmpty else { return }
        let rows = news.map { StockChange(sku: $0.sku, reason: $0.reason, shopifyAvailable: $0.shopifyAvailable, changedAt: $0.changedAt, seenAt: seenAt) }
        for chunk in rows.batches(of: 500) { try await chunk.create(on: db) }
    }

    public static func requestPush(_ queue: JobQueue) async throws {
        try await queue.enqueue(StockPushJob.spec())
    }

    /// The SKUs of an inventory item (one in practice; Shopify allows one variant per item).
    public static func skus(inventoryItemID: Int64, on db: any Database) async throws -> [String] {
        try await ShopifyVariant.query(on: db).filter(\.$inventoryItemID == inventoryItemID).all().compactMap(\.sku)
    }
}
