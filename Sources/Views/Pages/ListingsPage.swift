import Foundation
import Plot

/// The dry-run listing plan with its Apply button, and what the last apply did per item.
public enum ListingsPage {
    public struct Item: Sendable, Equatable {
        public var shopifyID: Int64
        public var title: String
        public var action: String
        public var skus: Int
        /// "field: message — fix: …" for blocked products.
        public var problems: [String]
        /// eBay's refusals: "SKU step: eBay error 25002: message".
        public var failures: [String]
        public var outcome: String?

        public init(shopifyID: Int64, title: String, action: String, skus: Int, problems: [String], failures: [String], outcome: String?) {
            self.shopifyID = shopifyID
            self.title = title
            self.action = action
            self.skus = skus
            self.problems = problems
            self.failures = failures
            self.outcome = outcome
        }
    }

    public struct Run: Sendable, Equatable {
        public var state: String
        public var trigger: String
        public var startedAt: Date
        public var finishedAt: Date?
        public var summary: String
        public var items: [Item]

        public init(state: String, trigger: String, startedAt: Date, finishedAt: Date?, summary: String, items: [Item]) {
            self.state = state
            self.trigger = trigger
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.summary = summary
            self.items = items
        }
    }

    public struct Model: Sendable, Equatable {
        public var chrome: Chrome
        public var counts: [(action: String, count: Int)]
        public var items: [Item]
        public var planError: String?
        /// An apply queued or running now.
        public var applying: Bool
        public var lastApply: Run?
        /// When the plan shown was made; nil: made for this view.
        public var plannedAt: Date?

        public init(chrome: Chrome, counts: [(action: String, count: Int)], items: [Item], planError: String?, applying: Bool, lastApply: Run?, plannedAt: Date? = nil) {
            self.plannedAt = plannedAt
            self.chrome = chrome
            self.counts = counts
            self.items = items
            self.planError = planError
            self.applying = applying
            self.lastApply = lastApply
        }

        public static func == (a: Model, b: Model) -> Bool {
            a.items == b.items && a.counts.map { "\($0.action)=\($0.count)" } == b.counts.map { "\($0.action)=\($0.count)" }
                && a.applying == b.applying && a.lastApply == b.lastApply && a.planError == b.planError
        }
    }

    public static func render(_ model: Model) -> String {
        Formatting.zoned(model.chrome) {
            let work = model.counts.filter { ["create", "update", "end"].contains($0.action) }.reduce(0) { $0 + $1.count }
            return Layout.render(
                title: "Listing plan", chrome: model.chrome, current: .listings,
                content: .group(
                    .h1(.text("Listing plan")),
                    .p(.class("lede"), .text("What applying the listing rules to the catalog would do on eBay now. Nothing is sent until you apply it.")),
                .unwrap(model.plannedAt) { at in
                    .p(.class("lede"), .text("A large catalog: this is the scheduler's plan of "), Components.time(at),
                       .text(". Apply plans afresh and applies; the first 500 products with something to do are listed."))
                },
                    .unwrap(model.planError) { .div(.class("notice error"), .attribute(named: "role", value: "alert"), .text("The plan could not be made: \($0)")) },
                    .ul(.class("counts"), .forEach(model.counts) { count in
                        .li(.class("count count-\(count.action)"),
                            .span(.class("count-value"), .text(String(count.count))),
                            .span(.class("count-label"), .text(count.action)))
                    }),
                    .if(model.applying,
                        .div(.class("notice warning"), .attribute(named: "role", value: "status"), .id("applying"),
                             .text("Applying the plan… this page shows the result when it is done (reload).")),
                        else: .form(
                            .method(.post), .action("/listings/apply"),
                            Forms.csrf(model.chrome),
                            .button(.type(.submit), .class("primary"), .id("apply"), .if(work == 0, .attribute(named: "title", value: "Nothing to send: applying changes nothing on eBay")),
                                    .text(work == 0 ? "Apply (nothing to send)" : "Apply: \(work) product\(work == 1 ? "" : "s") to eBay"))
                        )),
                    .section(
                        .h2(.text("Products with something to do or in the way")),
                        items(model.items, showOutcome: false)
                    ),
                    .unwrap(model.lastApply) { run in
                        .section(
                            .id("last-apply"),
                            .h2(.text("Last apply")),
                            .p(Components.badge(run.state), .text(" \(run.summary) · started "), Components.time(run.startedAt),
                               .text(" · by \(run.trigger)")),
                            items(run.items, showOutcome: true)
                        )
                    }
                ))
        }
    }

    static func items(_ items: [Item], showOutcome: Bool) -> Node<HTML.BodyContext> {
        Components.table(
            ["Product", "Action", "SKUs", showOutcome ? "Outcome" : "Why"],
            items.map { item in
                .tr(
                    .td(.a(.href("/products/\(item.shopifyID)"), .text(item.title))),
                    .td(Components.badge(item.action)),
                    .td(.class("num"), .text(String(item.skus))),
                    .td(
                        .unwrap(showOutcome ? item.outcome : nil) { .span(.text($0)) },
                        .ul(.class("problems"),
                            .forEach(item.problems) { .li(.text($0)) },
                            .forEach(item.failures) { .li(.class("error-text"), .text($0)) })
                    )
                )
            },
            empty: showOutcome ? "Nothing to report." : "Every product is on eBay as the rules say.")
    }
}
