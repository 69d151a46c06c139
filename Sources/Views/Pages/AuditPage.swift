import Foundation
import Plot

/// Every write we made to a vendor, with its outcome.
public enum AuditPage {
    public struct Row: Sendable, Equatable {
        public var at: Date?
        public var service: String
        public var operation: String
        public var target: String
        public var outcome: String
        public var status: Int?
        public var requestID: String?
        public var error: String?

        public init(at: Date?, service: String, operation: String, target: String, outcome: String, status: Int?, requestID: String?, error: String?) {
            self.at = at
            self.service = service
            self.operation = operation
            self.target = target
            self.outcome = outcome
            self.status = status
            self.requestID = requestID
            self.error = error
        }
    }

    public struct Model: Sendable, Equatable {
        public var chrome: Chrome
        public var service: String
        public var outcome: String
        public var rows: [Row]
        public var paging: Paging

        public init(chrome: Chrome, service: String, outcome: String, rows: [Row], paging: Paging) {
            self.chrome = chrome
            self.service = service
            self.outcome = outcome
            self.rows = rows
            self.paging = paging
        }
    }

    public static func render(_ model: Model) -> String {
        Formatting.zoned(model.chrome) {
            Layout.render(
                title: "Audit log", chrome: model.chrome, current: .audit,
                content: .group(
                    .h1(.text("Audit log")),
                    .p(.class("lede"), .text("Every write ShoppyShop made to Shopify or eBay, newest first. Meta is only read.")),
                    .form(
                        .class("filters"), .method(.get), .action("/audit"),
                        .div(.class("field"), .label(.for("service"), .text("Service")),
                             Components.select(id: "service", name: "service", options: [("all", "All"), ("shopify", "Shopify"), ("ebay", "eBay")], selected: model.service)),
                        .div(.class("field"), .label(.for("outcome"), .text("Outcome")),
                             Components.select(id: "outcome", name: "outcome", options: [("all", "All"), ("succeeded", "Succeeded"), ("failed", "Failed"), ("unknown", "Unknown")], selected: model.outcome)),
                        .button(.type(.submit), .text("Filter"))
                    ),
                    Components.table(
                        ["When", "Service", "Operation", "Target", "Outcome", "Request id", "Error"],
                        model.rows.map { row in
                            .tr(
                                .td(Components.time(row.at)),
                                .td(.text(row.service)),
                                .td(.code(.text(row.operation))),
                                .td(.class("detail"), .text(Formatting.truncated(row.target, limit: 80))),
                                .td(Components.badge(row.outcome), .text(row.status.map { " \($0)" } ?? "")),
                                .td(.class("detail"), .text(row.requestID ?? Formatting.none)),
                                .td(.class("last-error"), .text(row.error.map { Formatting.truncated($0, limit: 240) } ?? Formatting.none))
                            )
                        },
                        empty: "No remote writes yet."),
                    model.paging.node
                ))
        }
    }
}
