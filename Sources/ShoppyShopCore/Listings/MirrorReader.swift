import FluentKit
import Foundation

/// Reads the mirror into the planner's terms: products with their variants and stock at the
/// chosen locations, what eBay holds per SKU, and units sold on eBay not yet in Shopify.
public struct MirrorReader: Sendable {
    public let database: any Database
    /// Shopify locations whose stock counts for eBay; nil: every location.
    public let locations: Set<Int64>?

    public init(database: any Database, locations: Set<Int64>? = nil) {
        self.database = database
        self.locations = locations
    }

    /// Products by Shopify id, in id order.
    public func products(_ shopifyIDs: [Int64]) async throws -> [CatalogProduct] {
        guard !shopifyIDs.isEmpty else { return [] }
        var result: [CatalogProduct] = []
        for chunk in shopifyIDs.batches(of: 500) {
            let rows = try await ShopifyProduct.query(on: database).filter(\.$shopifyID ~~ chunk).sort(\.$shopifyID).all()
            result += try await assemble(rows)
        }
        return result
    }

    /// One page of products after `afterID` (keyset paging by Shopify id).
    public func page(after afterID: Int64?, limit: Int) async throws -> [CatalogProduct] {
        var query = ShopifyProduct.query(on: database).sort(\.$shopifyID).limit(limit)
        if let afterID { query = query.filter(\.$shopifyID > afterID) }
        return try await assemble(try await query.all())
    }

    func assemble(_ rows: [ShopifyProduct]) async throws -> [CatalogProduct] {
        let ids = rows.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let variants = try await ShopifyVariant.query(on: database).filter(\.$product.$id ~~ ids).all()
        let itemIDs = variants.compactMap(\.inventoryItemID)
        let levels = try await levels(itemIDs)
        let byProduct = Dictionary(grouping: variants, by: { $0.$product.id })
        return rows.map { row in
            let own = (byProduct[row.id!] ?? []).sorted { $0.position < $1.position }
            return CatalogProduct(
                shopifyID: row.shopifyID, title: row.title, descriptionHTML: row.description, productType: row.productType,
                vendor: row.vendor, tags: row.tags, collections: row.collections, metafields: row.metafields, images: row.images,
                status: row.status, currency: row.currency,
                variants: own.map { variant in
                    CatalogProduct.Variant(
                        shopifyID: variant.shopifyID, sku: variant.sku, title: variant.title, price: variant.price.value, barcode: variant.barcode,
                        position: variant.position, options: variant.selectedOptions,
                        available: available(variant, levels: variant.inventoryItemID.flatMap { levels[$0] }))
                })
        }
    }

    /// Stock at the chosen locations; a variant the mirror has no levels for (webhook-only
    /// data) counts Shopify's total.
    func available(_ variant: ShopifyVariant, levels: [ShopifyInventoryLevel]?) -> Int {
        guard let levels, !levels.isEmpty else { return variant.inventoryQuantity }
        return levels.filter { locations?.contains($0.locationID) ?? true }.reduce(0) { $0 + max(0, $1.available) }
    }

    func levels(_ itemIDs: [Int64]) async throws -> [Int64: [ShopifyInventoryLevel]] {
        var all: [ShopifyInventoryLevel] = []
        for chunk in itemIDs.batches(of: 500) {
            all += try await ShopifyInventoryLevel.query(on: database).filter(\.$inventoryItemID ~~ chunk).all()
        }
        return Dictionary(grouping: all, by: \.inventoryItemID)
    }

    /// The products owning these SKUs.
    public func productIDs(forSKUs skus: [String]) async throws -> [String: Int64] {
        var result: [String: Int64] = [:]
        for chunk in skus.batches(of: 500) {
            let variants = try await ShopifyVariant.query(on: database).filter(\.$sku ~~ chunk).with(\.$product).all()
            for variant in variants { if let sku = variant.sku { result[sku] = variant.product.shopifyID } }
        }
        return result
    }

    public func known(skus: [String]) async throws -> [String: EbayItem] {
        var result: [String: EbayItem] = [:]
        for chunk in skus.batches(of: 500) {
            for row in try await EbayItem.query(on: database).filter(\.$sku ~~ chunk).all() { result[row.sku] = row }
        }
        return result
    }

    public func known(products: [Int64]) async throws -> [String: KnownSKU] {
        var result: [String: KnownSKU] = [:]
        for chunk in products.batches(of: 500) {
            for row in try await EbayItem.query(on: database).filter(\.$productShopifyID ~~ chunk).all() { result[row.sku] = row.known }
        }
        return result
    }

    public func groups(products: [Int64]) async throws -> [String: KnownGroup] {
        var result: [String: KnownGroup] = [:]
        for chunk in products.batches(of: 500) {
            for row in try await EbayItemGroup.query(on: database).filter(\.$productShopifyID ~~ chunk).all() { result[row.groupKey] = row.known }
        }
        return result
    }

    /// Units sold on eBay that Shopify's stock does not show yet: paid, not cancelled, and
    /// either not created in Shopify, or created so recently that Shopify has not reported a
    /// stock change of the item since (its decrement is still on the way).
    public func pendingSales(skus: [String], now: Date = Date()) async throws -> [String: Int] {
        guard !skus.isEmpty else { return [:] }
        let wanted = Set(skus)
        let open = try await EbayOrder.query(on: database).filter(\.$status != "CANCELLED")
            .filter(\.$createdAt > now.addingTimeInterval(-30 * 86_400)).all()
        guard !open.isEmpty else { return [:] }
        var links: [String: OrderLink] = [:]
        for chunk in open.map(\.ebayID).batches(of: 500) {
            for link in try await OrderLink.query(on: database).filter(\.$ebayOrderID ~~ chunk).all() { links[link.ebayOrderID] = link }
        }
        // When the mirror last wrote the SKU's stock (our clock).
        var lastChange: [String: Date] = [:]
        let recent = open.compactMap { links[$0.ebayID] }.filter { $0.importedAt.map { now.timeIntervalSince($0) < Self.settleWindow } ?? false }
        if !recent.isEmpty {
            let variants = try await ShopifyVariant.query(on: database).filter(\.$sku ~~ Array(wanted)).all()
            let items = Dictionary(variants.compactMap { v in v.inventoryItemID.map { ($0, v.sku ?? "") } }, uniquingKeysWith: { a, _ in a })
            let levels = try await self.levels(Array(items.keys))
            for (item, rows) in levels {
                if let sku = items[item], let latest = rows.compactMap(\.seenAt).max() { lastChange[sku] = latest }
            }
        }
        var result: [String: Int] = [:]
        for order in open {
            let link = links[order.ebayID]
            for item in order.items {
                guard let sku = item.sku, wanted.contains(sku) else { continue }
                let counts: Bool
                switch link?.state {
                case nil, .pending?, .failed?, .held?:
                    counts = true
                case .created?, .foundExisting?, .fulfilled?:
                    guard let imported = link?.importedAt, now.timeIntervalSince(imported) < Self.settleWindow else { counts = false; break }
                    counts = (lastChange[sku] ?? .distantPast) < imported
                case .cancelled?:
                    counts = false
                }
                if counts { result[sku, default: 0] += item.quantity }
            }
        }
        return result
    }

    /// After this long, Shopify's decrement for an imported order is taken as arrived even if
    /// no stock change was seen (a clock skew between Shopify and us could hide it).
    static let settleWindow: TimeInterval = 600
}
