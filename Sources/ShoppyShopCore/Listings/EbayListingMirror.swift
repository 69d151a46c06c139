import FluentKit
import Foundation

/// Keeps the seed's `ebay_listings` table (one row per eBay listing) in step with what the
/// applier learns, for the dashboard and reports.
enum EbayListingMirror {
    static func record(listingID: String, product: ProductPlan, skus: [SKUPlan], groupKey: String?, on db: any Database, at time: Date) async throws {
        guard let productRow = try await ShopifyProduct.query(on: db).filter(\.$shopifyID == product.shopifyID).first(),
              let productID = productRow.id else { return }
        let row = try await EbayListing.query(on: db).filter(\.$ebayID == listingID).first()
            ?? EbayListing(ebayID: listingID, productID: productID, title: product.title, price: 0, currency: "USD", quantity: 0, status: "ACTIVE", lastUpdated: time)
        let prices = product.skus.map(\.price.value)
        row.$product.id = productID
        row.title = product.title
        row.price = StoredDecimal(prices.map(\.amount).min() ?? 0)
        row.currency = prices.first?.currency ?? row.currency
        row.quantity = product.skus.reduce(0) { $0 + $1.quantity.value }
        row.status = "ACTIVE"
        row.sku = groupKey ?? skus.first?.sku
        row.offerID = groupKey == nil ? skus.first?.offerID : nil
        row.lastUpdated = time
        try await row.save(on: db)
    }

    static func withdraw(skus: [String], groupKey: String?, on db: any Database, at time: Date) async throws {
        let keys = skus + (groupKey.map { [$0] } ?? [])
        try await EbayListing.query(on: db).filter(\.$sku ~~ keys)
            .set(\.$status, to: "ENDED").set(\.$lastUpdated, to: time).update()
    }
}
