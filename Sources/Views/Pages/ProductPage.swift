import Foundation
import Plot

/// One product: its variants, what eBay has for each SKU, and what keeps it off eBay.
public enum ProductPage {
    public struct Variant: Sendable, Equatable {
        public var sku: String?
        public var title: String
        public var price: MoneyText
        public var stock: Int
        public var ebayState: String?
        public var ebayQuantity: Int?
        public var ebayPrice: MoneyText?
        public var offerID: String?
        public var listingID: String?
        public var error: String?

        public init(sku: String?, title: String, price: MoneyText, stock: Int, ebayState: String?, ebayQuantity: Int?,
                    ebayPrice: MoneyText?, offerID: String?, listingID: String?, error: String?) {
            self.sku = sku
            self.title = title
            self.price = price
            self.stock = stock
            self.ebayState = ebayState
            self.ebayQuantity = ebayQuantity
            self.ebayPrice = ebayPrice
            self.offerID = offerID
            self.listingID = listingID
            self.error = error
        }
    }

    public struct Problem: Sendable, Equatable {
        public var field: String
        public var message: String
        public var fix: String

        public init(field: String, message: String, fix: String) {
            self.field = field
            self.message = message
            self.fix = fix
        }
    }

    public struct Model: Sendable, Equatable {
        public var chrome: Chrome
        public var shopifyID: Int64
        public var title: String
        public var status: String
        public var productType: String?
        public var vendor: String?
        public var tags: [String]
        public var image: String?
        public var variants: [Variant]
        /// What the listing plan would do now, and why.
        public var planAction: String?
        public var planValues: [(name: String, value: String, source: String)]
        public var problems: [Problem]

        public init(chrome: Chrome, shopifyID: Int64, title: String, status: String, productType: String?, vendor: String?,
                    tags: [String], image: String?, variants: [Variant], planAction: String?,
                    planValues: [(name: String, value: String, source: String)], problems: [Problem]) {
            self.chrome = chrome
            self.shopifyID = shopifyID
            self.title = title
            self.status = status
            self.productType = productType
            self.vendor = vendor
            self.tags = tags
            self.image = image
            self.variants = variants
            self.planAction = planAction
            self.planValues = planValues
            self.problems = problems
        }

        public static func == (a: Model, b: Model) -> Bool {
            a.shopifyID == b.shopifyID && a.variants == b.variants && a.problems == b.problems && a.planAction == b.planAction
                && a.planValues.map { "\($0.name)\u{1}\($0.value)\u{1}\($0.source)" } == b.planValues.map { "\($0.name)\u{1}\($0.value)\u{1}\($0.source)" }
        }
    }

    public static func render(_ model: Model) -> String {
        Formatting.zoned(model.chrome) {
            Layout.render(
                title: model.title, chrome: model.chrome, current: .products,
                content: .group(
                    .p(.class("crumbs"), .a(.href("/products"), .text("Products")), .text(" › ")),
                    .h1(.text(model.title)),
                    .dl(
                        .class("facts"),
                        .dt(.text("Shopify id")), .dd(.text(String(model.shopifyID))),
                        .dt(.text("Status")), .dd(.text(model.status.lowercased())),
                        .dt(.text("Type")), .dd(.text(model.productType ?? Formatting.none)),
                        .dt(.text("Vendor")), .dd(.text(model.vendor ?? Formatting.none)),
                        .dt(.text("Tags")), .dd(.text(model.tags.isEmpty ? Formatting.none : model.tags.joined(separator: ", ")))
                    ),
                    .section(
                        .h2(.text("Listing plan")),
                        .unwrap(model.planAction) { .p(.text("The plan would: "), Components.badge($0)) },
                        .if(!model.problems.isEmpty, .group(
                            .h3(.text("Blocked before any eBay call")),
                            .ul(.class("problems"), .forEach(model.problems) { problem in
                                .li(.strong(.text(problem.field)), .text(": \(problem.message)"), .br(), .span(.class("fix"), .text("Fix: \(problem.fix)")))
                            })
                        )),
                        Components.table(["Value", "", "Given by"], model.planValues.map { value in
                            .tr(.td(.text(value.name)), .td(.text(value.value)), .td(.class("detail"), .text(value.source)))
                        }, empty: "")
                    ),
                    .section(
                        .h2(.text("Variants")),
                        Components.table(
                            ["SKU", "Variant", "Price", "Shopify stock", "eBay", "eBay quantity", "eBay price", "Offer / listing"],
                            model.variants.map { variant in
                                .tr(
                                    .td(.code(.text(variant.sku ?? "no SKU"))),
                                    .td(.text(variant.title)),
                                    .td(.class("num"), .text(variant.price.text)),
                                    .td(.class("num"), .text(String(variant.stock))),
                                    .td(Components.badge(variant.ebayState ?? "not listed", variant.ebayState ?? "none"),
                                        .unwrap(variant.error) { .div(.class("error-text"), .text($0)) }),
                                    .td(.class("num"), .text(variant.ebayQuantity.map(String.init) ?? Formatting.none)),
                                    .td(.class("num"), .text(variant.ebayPrice?.text ?? Formatting.none)),
                                    .td(.class("detail"), .text([variant.offerID, variant.listingID].compactMap { $0 }.joined(separator: " / ").nonEmptyOr(Formatting.none)))
                                )
                            },
                            empty: "This product has no variants.")
                    )
                ))
        }
    }
}

extension String {
    func nonEmptyOr(_ fallback: String) -> String { isEmpty ? fallback : self }
}
