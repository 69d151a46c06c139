import Foundation
@testable import Views

/// Page models for the tests. Dates are fixed instants whose UTC spelling was
/// computed outside Swift (`date -u -d '2026-11-25 14:03:00' +%s`).
enum Fixture {
    /// 2026-11-25 14:03:00 UTC
    static let now = Date(timeIntervalSince1970: 1_795_615_380)
    /// 2026-11-25 13:58:00 UTC
    static let fiveMinutesEarlier = Date(timeIntervalSince1970: 1_795_615_080)

    static func chrome(_ mode: RunMode, services: [ServiceStatus]? = nil) -> Chrome {
        Chrome(
            mode: mode,
            services: services ?? self.services(mode),
            version: "1.4.2",
            now: now,
            user: "owner@example.com",
            csrfToken: "csrf-\"<token>"
        )
    }

    static func services(_ mode: RunMode) -> [ServiceStatus] {
        switch mode {
        case .sandbox:
            [
                ServiceStatus(name: "Shopify", mode: .sandbox, detail: "built-in sandbox"),
                ServiceStatus(name: "eBay", mode: .sandbox, detail: "built-in sandbox"),
                ServiceStatus(name: "Meta", mode: .sandbox, detail: "built-in sandbox"),
            ]
        case .live:
            [
                ServiceStatus(name: "Shopify", mode: .live, detail: "demo-store.myshopify.com"),
                ServiceStatus(name: "eBay", mode: .live, detail: "api.ebay.com"),
                ServiceStatus(name: "Meta", mode: .live, detail: "act_1234567890"),
            ]
        }
    }

    static func job(
        id: String = "job-1",
        kind: String = "ebay.pushQuantity",
        state: String = "pending",
        attempts: Int = 0,
        maxAttempts: Int = 8,
        lastError: String? = nil
    ) -> JobRow {
        JobRow(
            id: id,
            kind: kind,
            state: state,
            attempts: attempts,
            maxAttempts: maxAttempts,
            runAfter: now,
            lastError: lastError,
            updatedAt: fiveMinutesEarlier
        )
    }

    static func dashboard(
        _ mode: RunMode = .sandbox,
        queue: QueueCounts = QueueCounts(pending: 0, running: 0, succeeded: 0, dead: 0, cancelled: 0, retrying: 0),
        oldestPendingAge: TimeInterval? = nil,
        jobs: [JobRow] = [Fixture.job()]
    ) -> DashboardPage.Model {
        DashboardPage.Model(chrome: chrome(mode), queue: queue, oldestPendingAge: oldestPendingAge, recentJobs: jobs)
    }

    static func error(chrome: Chrome?) -> ErrorPage.Model {
        ErrorPage.Model(chrome: chrome, status: 404, title: "Not Found", message: "There is no page at this address.")
    }
}

extension String {
    /// How many times `needle` occurs, so a test can tell "once" from "twice".
    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }
}
