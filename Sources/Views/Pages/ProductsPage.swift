import Foundation
import Plot

/// The catalog mirror, searchable and filtered by eBay listing state, a page at a time.
public enum ProductsPage {
    public enum StateFilter: String, CaseIterable, Sendable {
        case all, live, draft, withdrawn, failed, notListed = "not-listed"

        var title: String {
            switch self {
            case .all: "All"
            case .live: "Live on eBay"
            case .draft: "Draft"
            case .withdrawn: "Withdrawn"
            case .failed: "eBay refused"
            case .notListed: "Not on eBay"
            }
        }
    }

    public struct Row: Sendable, Equatable {
        public var shopifyID: Int64
        public var title: String
        public var productType: String?
        public var vendor: String?
        public var status: String
        public var variants: Int
        public var stock: Int
        public var price: MoneyText
        /// SKUs per eBay state, e.g. ["live": 3].
        public var ebay: [String: Int]
        public var error: String?

        public init(shopifyID: Int64, title: String, productType: String?, vendor: String?, status: String, variants: Int,
                    stock: Int, price: MoneyText, ebay: [String: Int], error: String?) {
            self.shopifyID = shopifyID
            self.title = title
            self.productType = productType
            self.vendor = vendor
            self.status = status
            self.variants = variants
            self.stock = stock
            self.price = price
            self.ebay = ebay
            self.error = error
        }
    }

    public struct Model: Sendable, Equatable {
        public var chrome: Chrome
        public var query: String
        public var state: StateFilter
        public var rows: [Row]
        public var paging: Paging

        public init(chrome: Chrome, query: String, state: StateFilter, rows: [Row], paging: Paging) {
            self.chrome = chrome
            self.query = query
            self.state = state
            self.rows = rows
            self.paging = paging
        }
    }

    public static func render(_ model: Model) -> String {
        Formatting.zoned(model.chrome) {
            Layout.render(
                title: "Products", chrome: model.chrome, current: .products,
                content: .group(
                    .h1(.text("Products")),
                    .form(
                        .class("filters"), .method(.get), .action("/products"),
                        .div(.class("field"),
                             .label(.for("q"), .text("Search title, SKU or vendor")),
                             .input(.type(.search), .id("q"), .name("q"), .value(Escaping.attribute(model.query)))),
                        .div(.class("field"),
                             .label(.for("state"), .text("eBay state")),
                             Components.select(id: "state", name: "state", options: StateFilter.allCases.map { ($0.rawValue, $0.title) }, selected: model.state.rawValue)),
                        .button(.type(.submit), .text("Filter"))
                    ),
                    Components.table(
                        ["Product", "Type", "Vendor", "Status", "Variants", "Stock", "Price", "eBay"],
                        model.rows.map(row),
                        empty: model.query.isEmpty && model.state == .all
                            ? "No products yet: the catalog import fills this page."
                            : "No product matches."),
                    model.paging.node
                ))
        }
    }

    static func row(_ row: Row) -> Node<HTML.TableContext> {
        .tr(
            .td(.a(.href("/products/\(row.shopifyID)"), .text(row.title))),
            .td(.text(row.productType ?? Formatting.none)),
            .td(.text(row.vendor ?? Formatting.none)),
            .td(.text(row.status.lowercased())),
            .td(.class("num"), .text(String(row.variants))),
            .td(.class("num"), .text(String(row.stock))),
            .td(.class("num"), .text(row.price.text)),
            .td(ebayStates(row.ebay), .unwrap(row.error) { .div(.class("error-text"), .text(Formatting.truncated($0, limit: 160))) })
        )
    }

    static func ebayStates(_ states: [String: Int]) -> Node<HTML.BodyContext> {
        guard !states.isEmpty else { return Components.badge("not listed", "none") }
        return .forEach(states.sorted { $0.key < $1.key }) { state, count in
            .group(Components.badge("\(state) \(count)", state), .text(" "))
        }
    }
}
