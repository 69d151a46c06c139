import Fluent
import FluentSQL
import ShoppyShopCore
import SQLKit
import Vapor
import Views

/// `/products` and `/products/:id`.
enum ProductsController: WebPage {
    static let perPage = 50

    static func register(_ routes: any RoutesBuilder) {
        routes.get("products", use: list)
        routes.get("products", ":id", use: show)
    }

    @Sendable
    static func list(req: Request) async throws -> Response {
        let text = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        let state = ProductsPage.StateFilter(rawValue: req.query[String.self, at: "state"] ?? "all") ?? .all
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)

        let query = ShopifyProduct.query(on: req.db)
        if !text.isEmpty {
            let pattern = "%" + text.lowercased().replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            // Lower-cased on both sides: SQLite's LIKE folds ASCII case, PostgreSQL's does not.
            let skuMatch: SQLQueryString = "\(ident: "shopify_id") IN (SELECT \(ident: "product_shopify_id") FROM \(ident: EbayItem.schema) WHERE LOWER(\(ident: "sku")) LIKE \(bind: pattern))"
            let variantMatch: SQLQueryString = "\(ident: "id") IN (SELECT \(ident: "product_id") FROM \(ident: ShopifyVariant.schema) WHERE LOWER(\(ident: "sku")) LIKE \(bind: pattern))"
            let titleMatch: SQLQueryString = "LOWER(\(ident: "title")) LIKE \(bind: pattern) OR LOWER(\(ident: "vendor")) LIKE \(bind: pattern)"
            query.filter(.sql(embed: "(\(titleMatch) OR \(skuMatch) OR \(variantMatch))"))
        }
        switch state {
        case .all: break
        case .notListed:
            query.filter(.sql(embed: "\(ident: "shopify_id") NOT IN (SELECT \(ident: "product_shopify_id") FROM \(ident: EbayItem.schema))"))
        case .failed:
            query.filter(.sql(embed: "\(ident: "shopify_id") IN (SELECT \(ident: "product_shopify_id") FROM \(ident: EbayItem.schema) WHERE \(ident: "last_error") IS NOT NULL)"))
        case .live, .draft, .withdrawn:
            query.filter(.sql(embed: "\(ident: "shopify_id") IN (SELECT \(ident: "product_shopify_id") FROM \(ident: EbayItem.schema) WHERE \(ident: "status") = \(bind: state.rawValue))"))
        }
        let total = try await query.copy().count()
        let products = try await query.sort(\.$title).sort(\.$shopifyID).range(((page - 1) * perPage)..<(page * perPage)).all()
        let items = try await EbayItem.query(on: req.db).filter(\.$productShopifyID ~~ products.map(\.shopifyID)).all()
        let byProduct = Dictionary(grouping: items, by: \.productShopifyID)
        let rows = products.map { product in
            let mine = byProduct[product.shopifyID] ?? []
            return ProductsPage.Row(
                shopifyID: product.shopifyID, title: product.title, productType: product.productType, vendor: product.vendor,
                status: product.status, variants: product.variantList.elements.count, stock: product.inventoryQuantity,
                price: MoneyText(product.price.value, product.currency),
                ebay: Dictionary(grouping: mine, by: { $0.status.rawValue }).mapValues(\.count),
                error: mine.compactMap(\.lastError).first)
        }
        var base = "/products?state=\(state.rawValue)"
        if !text.isEmpty { base += "&q=" + (text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
        let model = ProductsPage.Model(chrome: Chrome(req), query: text, state: state, rows: rows,
                                       paging: Paging(page: page, perPage: perPage, total: total, base: base))
        return .html(ProductsPage.render(model))
    }

    @Sendable
    static func show(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: Int64.self),
              let product = try await ShopifyProduct.query(on: req.db).filter(\.$shopifyID == id).with(\.$variantRows).first() else {
            throw Abort(.notFound, reason: "No product with this Shopify id in the mirror. The catalog import may not have reached it yet.")
        }
        let items = try await EbayItem.query(on: req.db).filter(\.$productShopifyID == id).all()
        let bySKU = Dictionary(items.map { ($0.sku, $0) }, uniquingKeysWith: { first, _ in first })
        let variants = product.variantRows.sorted { $0.position < $1.position }.map { variant in
            let item = variant.sku.flatMap { bySKU[$0] }
            return ProductPage.Variant(
                sku: variant.sku, title: variant.title, price: MoneyText(variant.price.value, product.currency),
                stock: variant.inventoryQuantity, ebayState: item?.status.rawValue, ebayQuantity: item?.quantity,
                ebayPrice: item.map { MoneyText($0.price.value, $0.currency) }, offerID: item?.offerID, listingID: item?.listingID,
                error: item?.lastError.map { error in item?.lastErrorID.map { "eBay error \($0): \(error)" } ?? error })
        }
        var action: String?
        var values: [(name: String, value: String, source: String)] = []
        var problems: [ProductPage.Problem] = []
        do {
            let report = try await ListingsSync(environment: req.application.syncEnvironment, database: req.db, queue: nil)
                .run(scope: .products([id]), dryRun: true)
            if let plan = report.products.first?.plan {
                action = plan.action.rawValue
                values = plan.values.sorted { $0.key < $1.key }.map { ($0.key, $0.value.value, $0.value.source) }
                problems = plan.problems.map { ProductPage.Problem(field: $0.field, message: $0.message, fix: $0.fix) }
            } else {
                action = "unchanged"
            }
        } catch {
            problems = [ProductPage.Problem(field: "plan", message: "could not be made: \(error)", fix: "see Settings for the connection status")]
        }
        let model = ProductPage.Model(
            chrome: Chrome(req), shopifyID: id, title: product.title, status: product.status, productType: product.productType,
            vendor: product.vendor, tags: product.tagList?.elements ?? [], image: product.imageList?.elements.first,
            variants: variants, planAction: action, planValues: values, problems: problems)
        return .html(ProductPage.render(model))
    }
}
