import Foundation
import Plot

/// The job queue: what waits, runs and failed (with the error), with retry and cancel.
public enum JobsPage {
    public struct Model: Sendable, Equatable {
        public var chrome: Chrome
        public var notices: [Notice]
        public var queue: QueueCounts
        public var state: String
        public var jobs: [JobRow]

        public init(chrome: Chrome, notices: [Notice], queue: QueueCounts, state: String, jobs: [JobRow]) {
            self.chrome = chrome
            self.notices = notices
            self.queue = queue
            self.state = state
            self.jobs = jobs
        }
    }

    static let states = ["all", "pending", "running", "retrying", "dead", "succeeded", "cancelled"]

    public static func render(_ model: Model) -> String {
        Formatting.zoned(model.chrome) {
            Layout.render(
                title: "Jobs", chrome: model.chrome, current: .jobs,
                content: .group(
                    .h1(.text("Jobs")),
                    Components.notices(model.notices),
                    .nav(.class("tabs"), .ariaLabel("Job states"), .ul(.forEach(states) { state in
                        .li(.a(.href("/jobs?state=\(state)"), .if(state == model.state, .attribute(named: "aria-current", value: "page")),
                               .text(state == "all" ? "All" : "\(state) (\(count(state, model.queue)))")))
                    })),
                    Components.table(
                        ["Kind", "State", "Attempts", "Run after", "Updated", "Last error", ""],
                        model.jobs.map { job in
                            .tr(
                                .td(.span(.class("job-kind"), .text(job.kind)), .br(), .small(.class("job-id"), .text(job.id))),
                                .td(Components.badge(job.state)),
                                .td(.class("num"), .text("\(job.attempts)/\(job.maxAttempts)")),
                                .td(Components.time(job.runAfter)),
                                .td(Components.time(job.updatedAt)),
                                .td(.class("last-error"), .text(job.lastError.map { Formatting.truncated($0, limit: 300) } ?? Formatting.none)),
                                .td(
                                    .if(["dead", "cancelled", "retrying"].contains(job.state), Forms.button("Retry", action: "/jobs/\(job.id)/retry", chrome: model.chrome)),
                                    .if(["pending", "retrying"].contains(job.state), Forms.button("Cancel", action: "/jobs/\(job.id)/cancel", chrome: model.chrome, style: "secondary"))
                                )
                            )
                        },
                        empty: "No jobs in this state.")
                ))
        }
    }

    static func count(_ state: String, _ queue: QueueCounts) -> Int {
        switch state {
        case "pending": queue.pending
        case "running": queue.running
        case "retrying": queue.retrying
        case "dead": queue.dead
        case "succeeded": queue.succeeded
        case "cancelled": queue.cancelled
        default: 0
        }
    }
}
