import FluentKit
import Foundation

/// Propagation times from the stock timeline: Shopify changed → eBay accepted, and
/// ShoppyShop saw it → eBay accepted, over the latest accepted changes.
public enum StockLatency {
    public struct Percentiles: Sendable, Codable, Hashable {
        public var count: Int
        public var p50: Double?
        public var p90: Double?
        public var p99: Double?
        public var max: Double?

        public init(_ seconds: [Double]) {
            let sorted = seconds.sorted()
            count = sorted.count
            func at(_ q: Double) -> Double? {
                guard !sorted.isEmpty else { return nil }
                return sorted[Swift.min(sorted.count - 1, Int((q * Double(sorted.count)).rounded(.up)) - 1)]
            }
            p50 = at(0.50)
            p90 = at(0.90)
            p99 = at(0.99)
            max = sorted.last
        }
    }

    public struct Timeline: Sendable, Codable, Hashable {
        public var sku: String
        public var shopifyChangedAt: Date?
        public var seenAt: Date
        public var ebayAcceptedAt: Date?
        public var quantity: Int?
        public var state: StockChange.State
    }

    public struct Report: Sendable, Codable, Hashable, CustomStringConvertible {
        public var fromShopifyChange: Percentiles
        public var fromSeen: Percentiles
        /// The latest change per SKU (up to 50 SKUs), newest first.
        public var latest: [Timeline]

        public var description: String {
            func ms(_ value: Double?) -> String { value.map { String(format: "%.0f ms", $0 * 1_000) } ?? "–" }
            return "Propagation over the last \(fromShopifyChange.count) accepted changes: Shopify changed → eBay accepted p50 \(ms(fromShopifyChange.p50)), p99 \(ms(fromShopifyChange.p99)); seen → accepted p50 \(ms(fromSeen.p50)), p99 \(ms(fromSeen.p99))"
        }
    }

    public static func report(on db: any Database, last: Int = 1_000) async throws -> Report {
        let accepted = try await StockChange.query(on: db).filter(\.$state == .accepted).sort(\.$acceptedAt, .descending).limit(last).all()
        let fromChange = accepted.compactMap { row in row.changedAt.flatMap { changed in row.acceptedAt.map { $0.timeIntervalSince(changed) } } }
        let fromSeen = accepted.compactMap { row in row.acceptedAt.map { $0.timeIntervalSince(row.seenAt) } }
        let recent = try await StockChange.query(on: db).sort(\.$seenAt, .descending).limit(500).all()
        var seen = Set<String>()
        var latest: [Timeline] = []
        for row in recent where seen.insert(row.sku).inserted && latest.count < 50 {
            latest.append(Timeline(sku: row.sku, shopifyChangedAt: row.changedAt, seenAt: row.seenAt, ebayAcceptedAt: row.acceptedAt, quantity: row.pushedQuantity, state: row.state))
        }
        return Report(fromShopifyChange: Percentiles(fromChange.map { Swift.max(0, $0) }), fromSeen: Percentiles(fromSeen.map { Swift.max(0, $0) }), latest: latest)
    }
}
