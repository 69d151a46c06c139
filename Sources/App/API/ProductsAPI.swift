import Fluent
import Foundation
import ShoppyShopCore
import Vapor

/// `GET /api/v1/products` and `/products/{id}`: the catalog mirror with stock at the chosen
/// locations (as the planner counts it) and what eBay holds per SKU.
enum ProductsAPI {
    static let states = ["active", "draft", "archived", "deleted"]

    struct ProductDTO: Encodable {
        var id: Int64
        var title: String
        var status: String
        var handle: String?
        var vendor: String?
        var productType: String?
        var lastSynced: Date?
        var variants: [VariantDTO]
    }

    struct VariantDTO: Encodable {
        var id: Int64
        var sku: String?
        var title: String
        var price: MoneyDTO
        var stock: Int
        var ebay: EbayStateDTO?
    }

    struct EbayStateDTO: Encodable {
        var status: String
        var listingId: String?
        var offerId: String?
        var price: MoneyDTO?
        var quantity: Int?
        var lastError: String?
    }

    @Sendable
    static func list(req: Request) async throws -> Response {
        let page = try PageQuery(req)
        var query = ShopifyProduct.query(on: req.db)
        if let text = req.query[String.self, at: "query"], !text.isEmpty {
            query = query.group(.or) { $0.filter(\.$title ~~ text).filter(\.$handle ~~ text).filter(\.$vendor ~~ text) }
        }
        if let state = req.query[String.self, at: "state"], !state.isEmpty {
            guard states.contains(state.lowercased()) else { throw APIError.invalid("state must be one of \(states.joined(separator: ", "))") }
            query = query.filter(\.$status == state.uppercased())
        }
        let total = try await query.copy().count()
        let rows = try await query.sort(\.$shopifyID).offset(page.offset).limit(page.perPage).all()
        return try APIJSON.response(PageDTO(try await products(rows, req), page, total: total))
    }

    @Sendable
    static func show(req: Request) async throws -> Response {
        let text = req.parameters.get("id") ?? ""
        guard let id = Int64(text.hasPrefix("gid://shopify/Product/") ? String(text.dropFirst(22)) : text) else {
            throw APIError.invalid("the product id is Shopify's numeric id, e.g. 8000000000001")
        }
        guard let row = try await ShopifyProduct.query(on: req.db).filter(\.$shopifyID == id).first() else {
            throw APIError.notFound("no product \(id) in the catalog mirror")
        }
        return try APIJSON.response(try await products([row], req)[0])
    }

    static func products(_ rows: [ShopifyProduct], _ req: Request) async throws -> [ProductDTO] {
        let reader = MirrorReader(database: req.db, locations: req.application.syncEnvironment.locations)
        let catalog = Dictionary(try await reader.products(rows.map(\.shopifyID)).map { ($0.shopifyID, $0) }) { a, _ in a }
        let skus = catalog.values.flatMap { $0.variants.compactMap(\.sku) }
        var items: [String: EbayItem] = [:]
        // Chunked: SQLite caps the bound values of one statement.
        for start in stride(from: 0, to: skus.count, by: 500) {
            let chunk = Array(skus[start..<min(start + 500, skus.count)])
            for item in try await EbayItem.query(on: req.db).filter(\.$sku ~~ chunk).all() { items[item.sku] = item }
        }
        return rows.map { row in
            let variants = catalog[row.shopifyID]?.variants ?? []
            return ProductDTO(
                id: row.shopifyID, title: row.title, status: row.status, handle: row.handle, vendor: row.vendor,
                productType: row.productType, lastSynced: row.lastSynced,
                variants: variants.map { variant in
                    VariantDTO(
                        id: variant.shopifyID, sku: variant.sku, title: variant.title, price: MoneyDTO(variant.price, row.currency),
                        stock: variant.available, ebay: variant.sku.flatMap { items[$0] }.map(ebayState))
                })
        }
    }

    static func ebayState(_ item: EbayItem) -> EbayStateDTO {
        EbayStateDTO(
            status: item.status.rawValue, listingId: item.listingID, offerId: item.offerID,
            price: item.offerID == nil ? nil : MoneyDTO(item.price.value, item.currency), quantity: item.quantity, lastError: item.lastError)
    }
}
