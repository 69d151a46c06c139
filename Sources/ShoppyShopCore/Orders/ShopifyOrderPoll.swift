import FluentKit
import Foundation
import ShopifyAPI

/// Finds what Shopify did to eBay orders — fulfillments with tracking, cancellations — by
/// polling orders tagged `ebay` changed since the last poll (cursor persisted, windows
/// overlapping): the fallback for webhooks that are off, late or lost.
public struct ShopifyOrderPoll: Sendable {
    public let shopify: ShopifyClient
    public let database: any Database
    public let now: @Sendable () -> Date
    public static let cursorStream = "shopify.ebay_orders.updated_at"
    public static let overlap: TimeInterval = 120

    public init(shopify: ShopifyClient, database: any Database, now: @escaping @Sendable () -> Date = { Date() }) {
        self.shopify = shopify
        self.database = database
        self.now = now
    }

    /// Returns how many shipments or cancellations it recorded.
    @discardableResult
    public func run() async throws -> Int {
        let started = now()
        // Nothing to look for before the first eBay order reached Shopify.
        let stored = try await SyncCursors.date(Self.cursorStream, on: database)
        let firstImport = try await OrderLink.query(on: database).filter(\.$importedAt != nil).sort(\.$importedAt).first()?.importedAt
        guard let since = stored ?? firstImport else { return 0 }
        let query = "tag:'ebay' updated_at:>'\(ShopifyDates.string(since.addingTimeInterval(-Self.overlap)))'"
        var cursor: String?
        var recorded = 0
        repeat {
            let page = try await shopify.ordersUpdated(query: query, after: cursor)
            for order in page.nodes {
                for fulfillment in order.fulfillments where !["CANCELLED", "ERROR", "FAILURE"].contains(fulfillment.status) {
                    let lines = fulfillment.fulfillmentLineItems.nodes.map { EbayShipment.Line(sku: $0.lineItem.sku, quantity: $0.quantity ?? 0) }
                    if try await OrderEvents.record(shipment: fulfillment.number, order: order.number, tracking: fulfillment.trackingInfo.first?.number,
                                                    carrier: fulfillment.trackingInfo.first?.company, lines: lines, shippedAt: fulfillment.createdAt, on: database) {
                        recorded += 1
                    }
                }
                if order.cancelledAt != nil, try await OrderEvents.cancelled(shopifyOrderID: order.number, on: database) { recorded += 1 }
            }
            cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : nil
        } while cursor != nil
        try await SyncCursors.set(Self.cursorStream, to: started, on: database)
        return recorded
    }
}
