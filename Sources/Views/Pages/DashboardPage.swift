import Foundation
import Plot

/// The home page: which services the app talks to, how the job queue stands,
/// and the most recent jobs.
public enum DashboardPage {
    public struct Model: Sendable, Equatable {
        public var chrome: Chrome
        public var queue: QueueCounts
        /// Age of the oldest pending job; `nil` when nothing is pending.
        public var oldestPendingAge: TimeInterval?
        public var recentJobs: [JobRow]
        /// Problems the merchant must act on (e.g. a revoked vendor token), shown first.
        public var notices: [Notice]
        public var flows: [Flow] = []
        /// Headline counts, e.g. ("SKUs live on eBay", "85").
        public var numbers: [(label: String, value: String)] = []
        public var attention: [Attention] = []
        /// The last 30 days of revenue and ad spend; nil leaves the chart out.
        public var revenue: (currency: String, days: [InsightsPage.Day])?

        public static func == (a: Model, b: Model) -> Bool {
            a.chrome == b.chrome && a.queue == b.queue && a.oldestPendingAge == b.oldestPendingAge && a.recentJobs == b.recentJobs
                && a.notices == b.notices && a.flows == b.flows && a.numbers.map { $0.label + "=" + $0.value } == b.numbers.map { $0.label + "=" + $0.value } && a.attention == b.attention
                && a.revenue?.currency == b.revenue?.currency && a.revenue?.days == b.revenue?.days
        }

        public init(
            chrome: Chrome, queue: QueueCounts, oldestPendingAge: TimeInterval?, recentJobs: [JobRow],
            notices: [Notice] = []
        ) {
            self.chrome = chrome
            self.queue = queue
            self.oldestPendingAge = oldestPendingAge
            self.recentJobs = recentJobs
            self.notices = notices
        }
    }

    /// Vendor error bodies can run to kilobytes; the table shows this many
    /// characters and keeps the full text in the cell's tooltip.
    static let lastErrorLimit = 200

    /// One sync flow: when it last ran, how that went, and when it runs next.
    public struct Flow: Sendable, Equatable {
        public var name: String
        public var lastState: String?
        public var lastAt: Date?
        public var summary: String?
        public var nextAt: Date?

        public init(name: String, lastState: String?, lastAt: Date?, summary: String?, nextAt: Date?) {
            self.name = name
            self.lastState = lastState
            self.lastAt = lastAt
            self.summary = summary
            self.nextAt = nextAt
        }
    }

    /// Something waiting for the merchant, with where to deal with it.
    public struct Attention: Sendable, Equatable {
        public var count: Int
        public var text: String
        public var link: String

        public init(count: Int, text: String, link: String) {
            self.count = count
            self.text = text
            self.link = link
        }
    }

    public static func render(_ model: Model) -> String {
        Formatting.zoned(model.chrome) {
            Layout.render(
                title: "Overview",
                chrome: model.chrome,
                current: .dashboard,
                content: .group(
                    .h1(.text("Overview")),
                    notices(model.notices),
                    .if(!model.numbers.isEmpty, .ul(.class("counts numbers"), .forEach(model.numbers) { number in
                        .li(.class("count"), .span(.class("count-value"), .text(number.value)), .span(.class("count-label"), .text(number.label)))
                    })),
                    attention(model.attention),
                    .unwrap(model.revenue) { revenue in
                        .section(
                            .class("revenue"),
                            .h2(.text("Revenue and ad spend, last 30 days")),
                            InsightsPage.chart(InsightsPage.Model(chrome: model.chrome, window: 30, currency: revenue.currency, days: revenue.days,
                                                                  campaigns: [], products: [], otherCurrencyRows: 0, lastSyncedDay: nil)),
                            .p(.a(.href("/insights"), .text("Campaigns and products →")))
                        )
                    },
                    flows(model.flows),
                    services(model.chrome.services),
                    queue(model.queue, oldestPendingAge: model.oldestPendingAge),
                    recentJobs(model.recentJobs)
                )
            )
        }
    }

    private static func attention(_ items: [Attention]) -> Node<HTML.BodyContext> {
        .section(
            .class("attention"),
            .h2(.text("Needs you")),
            .if(items.isEmpty,
                .p(.class("empty"), .text("Nothing: every product that can be listed is, no order is held, no job failed.")),
                else: .ul(.forEach(items) { item in
                    .li(.a(.href(Escaping.attribute(item.link)), .strong(.text(String(item.count))), .text(" " + item.text)))
                }))
        )
    }

    private static func flows(_ flows: [Flow]) -> Node<HTML.BodyContext> {
        .if(!flows.isEmpty, .section(
            .class("flows"),
            .h2(.text("Syncs")),
            Components.table(["Flow", "Last run", "", "Result", "Next run"], flows.map { flow in
                .tr(.td(.text(flow.name)),
                    .td(Components.time(flow.lastAt)),
                    .td(.unwrap(flow.lastState) { Components.badge($0) }),
                    .td(.class("detail"), .text(flow.summary.map { Formatting.truncated($0, limit: 160) } ?? Formatting.none)),
                    .td(Components.time(flow.nextAt)))
            }, empty: "")
        ))
    }

    // MARK: - Sections

    private static func notices(_ notices: [Notice]) -> Node<HTML.BodyContext> {
        .forEach(notices) { notice in
            .div(
                .class("notice \(notice.level.rawValue)"),
                .attribute(named: "role", value: "alert"),
                .strong(.text(notice.title)),
                .text(" "),
                .span(.text(notice.message))
            )
        }
    }

    private static func services(_ services: [ServiceStatus]) -> Node<HTML.BodyContext> {
        .section(
            .class("services"),
            .h2(.text("Services")),
            .if(services.isEmpty,
                .p(.class("empty"), .text("No services are configured.")),
                else: .div(.class("table-scroll"), .table(
                    .thead(.tr(.th(.text("Service")), .th(.text("Mode")), .th(.text("Detail")))),
                    .tbody(.forEach(services) { service in
                        .tr(
                            .td(.text(service.name)),
                            .td(modeBadge(service.mode)),
                            .td(.class("detail"), .text(service.detail))
                        )
                    })
                ))
            )
        )
    }

    private static func queue(_ counts: QueueCounts, oldestPendingAge: TimeInterval?) -> Node<HTML.BodyContext> {
        let tiles: [(state: String, label: String, value: Int)] = [
            ("pending", "Pending", counts.pending),
            ("running", "Running", counts.running),
            ("retrying", "Retrying", counts.retrying),
            ("succeeded", "Succeeded", counts.succeeded),
            ("dead", "Dead", counts.dead),
            ("cancelled", "Cancelled", counts.cancelled),
        ]
        return .section(
            .class("queue"),
            .h2(.text("Job queue")),
            .ul(
                .class("counts"),
                .forEach(tiles) { tile in
                    .li(
                        .class("count count-\(tile.state)"),
                        .span(.class("count-value"), .text(String(tile.value))),
                        .span(.class("count-label"), .text(tile.label))
                    )
                },
                .li(
                    .class("count count-oldest-pending"),
                    .span(.class("count-value"), .text(Formatting.duration(oldestPendingAge))),
                    .span(.class("count-label"), .text("Oldest pending"))
                )
            )
        )
    }

    private static func recentJobs(_ jobs: [JobRow]) -> Node<HTML.BodyContext> {
        .section(
            .class("jobs"),
            .h2(.text("Recent jobs")),
            .if(jobs.isEmpty,
                .p(.class("empty"), .text("No jobs yet. Syncs, stock updates and order imports appear here once they are queued.")),
                else: .div(.class("table-scroll"), .table(
                    .thead(.tr(
                        .th(.text("Kind")),
                        .th(.text("State")),
                        .th(.text("Attempts")),
                        .th(.text("Run after")),
                        .th(.text("Updated")),
                        .th(.text("Last error"))
                    )),
                    .tbody(.forEach(jobs, jobRow))
                ))
            )
        )
    }

    private static func jobRow(_ job: JobRow) -> Node<HTML.TableContext> {
        .tr(
            .td(
                .span(.class("job-kind"), .text(job.kind)),
                .small(.class("job-id"), .text(job.id))
            ),
            .td(stateBadge(job.state)),
            .td(.class("numeric"), .text("\(job.attempts)/\(job.maxAttempts)")),
            .td(Layout.time(job.runAfter)),
            .td(.unwrap(job.updatedAt, Layout.time, else: .text(Formatting.none))),
            lastErrorCell(job.lastError)
        )
    }

    private static func lastErrorCell(_ error: String?) -> Node<HTML.TableRowContext> {
        guard let error else {
            return .td(.class("last-error muted"), .text(Formatting.none))
        }
        return .td(
            .class("last-error"),
            .title(Escaping.attribute(error)),
            .text(Formatting.truncated(error, limit: lastErrorLimit))
        )
    }

    // MARK: - Badges

    private static func modeBadge(_ mode: RunMode) -> Node<HTML.BodyContext> {
        switch mode {
        case .sandbox: .span(.class("service-mode sandbox"), .text("Sandbox"))
        case .live: .span(.class("service-mode live"), .text("Live"))
        }
    }

    /// States the stylesheet knows; anything else gets a neutral badge, and the
    /// state text never reaches the class attribute unchecked.
    static let styledStates: Set<String> = ["pending", "running", "retrying", "failed", "succeeded", "dead", "cancelled"]

    private static func stateBadge(_ state: String) -> Node<HTML.BodyContext> {
        let style = styledStates.contains(state.lowercased()) ? state.lowercased() : "unknown"
        return .span(.class("badge state-\(style)"), .text(state))
    }
}
