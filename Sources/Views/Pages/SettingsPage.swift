import Foundation
import Plot

/// Connections, listing rules (price, stock buffer, category), category mappings and sync
/// intervals. A rule form is saved whole or not at all; each error sits next to its field.
public enum SettingsPage {
    public struct Connection: Sendable, Equatable {
        public var service: String
        public var mode: RunMode
        public var detail: String
        /// "configured · last used …", never the secret.
        public var credential: String
        public var problem: String?

        public init(service: String, mode: RunMode, detail: String, credential: String, problem: String?) {
            self.service = service
            self.mode = mode
            self.detail = detail
            self.credential = credential
            self.problem = problem
        }
    }

    public struct RuleRow: Sendable, Equatable {
        public var name: String
        public var scope: String
        public var settings: String

        public init(name: String, scope: String, settings: String) {
            self.name = name
            self.scope = scope
            self.settings = settings
        }
    }

    public struct Category: Sendable, Equatable {
        public var productType: String
        public var categoryID: String
        public var name: String
        public var ruled: Bool

        public init(productType: String, categoryID: String, name: String, ruled: Bool) {
            self.productType = productType
            self.categoryID = categoryID
            self.name = name
            self.ruled = ruled
        }
    }

    /// The rule form: field name → value as typed, and field name → error.
    public struct RuleForm: Sendable, Equatable {
        public var values: [String: String]
        public var errors: [String: String]

        public init(values: [String: String] = [:], errors: [String: String] = [:]) {
            self.values = values
            self.errors = errors
        }
    }

    public struct Model: Sendable, Equatable {
        public var chrome: Chrome
        public var notices: [Notice]
        public var connections: [Connection]
        public var rules: [RuleRow]
        public var categories: [Category]
        public var intervals: [(name: String, key: String, value: String)]
        public var form: RuleForm

        public init(chrome: Chrome, notices: [Notice], connections: [Connection], rules: [RuleRow], categories: [Category],
                    intervals: [(name: String, key: String, value: String)], form: RuleForm) {
            self.chrome = chrome
            self.notices = notices
            self.connections = connections
            self.rules = rules
            self.categories = categories
            self.intervals = intervals
            self.form = form
        }

        public static func == (a: Model, b: Model) -> Bool {
            a.chrome == b.chrome && a.notices == b.notices && a.connections == b.connections && a.rules == b.rules
                && a.categories == b.categories && a.form == b.form && a.intervals.map { "\($0.key)=\($0.value)" } == b.intervals.map { "\($0.key)=\($0.value)" }
        }
    }

    public static let scopeKinds: [(value: String, label: String)] = [
        ("all", "Every product"), ("product_type", "Product type"), ("vendor", "Vendor"), ("tag", "Tag"),
        ("collection", "Collection"), ("product", "One product (Shopify id)"), ("sku", "One SKU"),
    ]

    public static func render(_ model: Model) -> String {
        Formatting.zoned(model.chrome) {
            let form = model.form
            func value(_ name: String) -> String { form.values[name] ?? "" }
            func field(_ label: String, _ name: String, hint: String? = nil) -> Node<HTML.FormContext> {
                Components.field(label, name: name, value: value(name), error: form.errors[name], hint: hint)
            }
            func choice(_ label: String, _ name: String, _ options: [(value: String, label: String)]) -> Node<HTML.FormContext> {
                let id = "f-" + name
                return .div(.class(form.errors[name] == nil ? "field" : "field invalid"),
                            .label(.for(id), .text(label)),
                            Components.select(id: id, name: name, options: options, selected: value(name)),
                            .unwrap(form.errors[name]) { .p(.class("field-error"), .text($0)) })
            }
            return Layout.render(
                title: "Settings", chrome: model.chrome, current: .settings,
                content: .group(
                    .h1(.text("Settings")),
                    Components.notices(model.notices),
                    .section(
                        .h2(.text("Connections")),
                        Components.table(["Service", "Mode", "Account", "Credential"], model.connections.map { connection in
                            .tr(.td(.text(connection.service)),
                                .td(Components.badge(connection.mode == .sandbox ? "sandbox" : "live")),
                                .td(.class("detail"), .text(connection.detail)),
                                .td(.text(connection.credential), .unwrap(connection.problem) { .div(.class("error-text"), .text($0)) }))
                        }, empty: "")
                    ),
                    .section(
                        .h2(.text("Listing rules")),
                        .p(.class("lede"), .text("The most specific rule wins for each value; the listing plan names the rule behind every price, quantity and category.")),
                        Components.table(["Rule", "Applies to", "Sets", ""], model.rules.map { rule in
                            .tr(.td(.a(.href("/settings?rule=\(Escaping.attribute(rule.name))#rule-form"), .text(rule.name))),
                                .td(.text(rule.scope)),
                                .td(.code(.text(rule.settings))),
                                .td(Forms.button("Remove", action: "/settings/rules/\(rule.name)/remove", chrome: model.chrome, style: "secondary")))
                        }, empty: "No rules yet: products list at their Shopify price, with Shopify's stock less the stock buffer."),
                        .form(
                            .id("rule-form"), .class("rule-form"), .method(.post), .action("/settings/rules"),
                            Forms.csrf(model.chrome),
                            .h3(.text(value("name").isEmpty ? "Add a rule" : "Rule \(value("name"))")),
                            .if(!form.errors.isEmpty, .div(.class("notice error"), .attribute(named: "role", value: "alert"),
                                                           .text("Nothing was saved: \(form.errors.count) field(s) need a fix."))),
                            .fieldset(.element(named: "legend", text: "Which products"),
                                      field("Name", "name", hint: "Letters, digits, - _ . or :; plans cite it."),
                                      choice("Applies to", "scope", scopeKinds),
                                      field("Scope value", "scope_value", hint: "The product type, vendor, tag, collection, product id or SKU; empty for every product.")),
                            .fieldset(.element(named: "legend", text: "Price"),
                                      field("Add percent", "price_percent", hint: "e.g. 10 or -5"),
                                      field("Add amount", "price_amount", hint: "e.g. 2.50"),
                                      field("Fixed price", "price_fixed", hint: "replaces the Shopify price"),
                                      choice("Rounding", "rounding", [("", "Keep"), ("none", "None"), ("99", "To .99"), ("whole", "To whole")])),
                            .fieldset(.element(named: "legend", text: "Stock"),
                                      field("Buffer (units held back)", "stock_buffer"),
                                      field("Maximum listed", "stock_max"),
                                      field("Fixed quantity", "stock_fixed"),
                                      choice("Out of stock", "out_of_stock", [("", "Default"), ("zero", "List as 0"), ("withdraw", "Withdraw the offer")])),
                            .fieldset(.element(named: "legend", text: "eBay"),
                                      field("Category id", "category_id", hint: "digits, e.g. 15687; empty: the Taxonomy suggestion")),
                            .button(.type(.submit), .class("primary"), .text("Save rule"))
                        )
                    ),
                    .section(
                        .h2(.text("Category mappings")),
                        Components.table(["Product type", "eBay category", "From", ""], model.categories.map { category in
                            .tr(.td(.text(category.productType)),
                                .td(.text("\(category.categoryID) \(category.name)")),
                                .td(.text(category.ruled ? "a rule" : "eBay's Taxonomy suggestion")),
                                .td(.a(.href("/settings?type=\(Escaping.attribute(category.productType.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))#rule-form"), .text("Change"))))
                        }, empty: "No product type has asked eBay for a category yet.")
                    ),
                    .section(
                        .h2(.text("Sync intervals")),
                        .p(.class("lede"), .text("Set in the environment (.env), read at start; webhooks make most syncs happen within seconds anyway.")),
                        Components.table(["Flow", "Every", "Key"], model.intervals.map { interval in
                            .tr(.td(.text(interval.name)), .td(.text(interval.value)), .td(.code(.text(interval.key))))
                        }, empty: "")
                    )
                ))
        }
    }
}
