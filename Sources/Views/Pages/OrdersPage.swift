import Foundation
import Plot

/// eBay orders with their Shopify order, fulfilment and tracking; held ones with the reason
/// and a retry.
public enum OrdersPage {
    public struct Shipment: Sendable, Equatable {
        public var tracking: String?
        public var carrier: String?
        public var state: String
        public var error: String?

        public init(tracking: String?, carrier: String?, state: String, error: String?) {
            self.tracking = tracking
            self.carrier = carrier
            self.state = state
            self.error = error
        }
    }

    public struct Row: Sendable, Equatable {
        public var ebayOrderID: String
        public var buyer: String
        public var total: MoneyText
        public var ebayStatus: String
        public var createdAt: Date
        public var shopifyOrder: String?
        public var shopifyOrderID: Int64?
        public var linkState: String?
        public var holdReason: String?
        public var error: String?
        public var shipments: [Shipment]

        public init(ebayOrderID: String, buyer: String, total: MoneyText, ebayStatus: String, createdAt: Date, shopifyOrder: String?,
                    shopifyOrderID: Int64? = nil, linkState: String?, holdReason: String?, error: String?, shipments: [Shipment]) {
            self.ebayOrderID = ebayOrderID
            self.buyer = buyer
            self.total = total
            self.ebayStatus = ebayStatus
            self.createdAt = createdAt
            self.shopifyOrder = shopifyOrder
            self.shopifyOrderID = shopifyOrderID
            self.linkState = linkState
            self.holdReason = holdReason
            self.error = error
            self.shipments = shipments
        }

        var retryable: Bool { ["held", "failed"].contains(linkState ?? "") || shipments.contains { ["held", "failed"].contains($0.state) } }
    }

    public struct Model: Sendable, Equatable {
        public var chrome: Chrome
        public var notices: [Notice]
        public var held: [Row]
        public var rows: [Row]
        public var paging: Paging

        public init(chrome: Chrome, notices: [Notice], held: [Row], rows: [Row], paging: Paging) {
            self.chrome = chrome
            self.notices = notices
            self.held = held
            self.rows = rows
            self.paging = paging
        }
    }

    static let headers = ["eBay order", "Buyer", "Total", "eBay", "Shopify order", "Import", "Shipments and tracking", ""]

    public static func render(_ model: Model) -> String {
        Formatting.zoned(model.chrome) {
            Layout.render(
                title: "Orders", chrome: model.chrome, current: .orders,
                content: .group(
                    .h1(.text("Orders")),
                    Components.notices(model.notices),
                    .if(!model.held.isEmpty, .section(
                        .id("held"),
                        .h2(.text("Held back: need you")),
                        Components.table(headers, model.held.map { row($0, chrome: model.chrome) }, empty: "")
                    )),
                    .section(
                        .h2(.text("eBay orders")),
                        Components.table(headers, model.rows.map { row($0, chrome: model.chrome) },
                                         empty: "No eBay orders yet. Paid eBay orders are brought into Shopify within seconds."),
                        model.paging.node
                    )
                ))
        }
    }

    static func row(_ row: Row, chrome: Chrome) -> Node<HTML.TableContext> {
        .tr(
            .attribute(named: "data-ebay-order", value: Escaping.attribute(row.ebayOrderID)),
            .attribute(named: "data-shopify-order", value: row.shopifyOrderID.map(String.init) ?? ""),
            .td(.code(.text(row.ebayOrderID)), .br(), .small(Components.time(row.createdAt))),
            .td(.text(row.buyer)),
            .td(.class("num"), .text(row.total.text)),
            .td(.text(row.ebayStatus)),
            .td(.class("shopify-order"), .text(row.shopifyOrder ?? Formatting.none)),
            .td(Components.badge(row.linkState ?? "not yet", row.linkState ?? "none"),
                .unwrap(row.holdReason) { .div(.class("error-text"), .text($0)) },
                .unwrap(row.error) { .div(.class("error-text"), .text(Formatting.truncated($0, limit: 240))) }),
            .td(.class("tracking"), .if(row.shipments.isEmpty, .text(Formatting.none)),
                .ul(.class("plain"), .forEach(row.shipments) { shipment in
                    .li(Components.badge(shipment.state),
                        .text(" " + [shipment.carrier, shipment.tracking].compactMap { $0 }.joined(separator: " ")),
                        .unwrap(shipment.error) { .div(.class("error-text"), .text($0)) })
                })),
            .td(.if(row.retryable, Forms.button("Retry", action: "/orders/\(row.ebayOrderID)/retry", chrome: chrome)))
        )
    }
}
