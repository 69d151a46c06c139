import Fluent
import ShoppyShopCore
import Vapor

/// `GET /health`: 200 when the database answers, 503 when it does not; the queue's backlog
/// (oldest due job's age) so a stuck worker is visible to a monitor.
enum HealthController {
    struct Report: Content {
        struct Database: Content {
            var reachable: Bool
            var error: String?
        }

        struct Jobs: Content {
            var oldestPendingAgeSeconds: Double?
            var pending: Int
            var retrying: Int
            var running: Int
            var dead: Int
        }

        var status: String
        var mode: String
        var database: Database
        var jobs: Jobs?
        /// Tokens refused by a vendor, or expiring within 30 days.
        var warnings: [String] = []
    }

    @Sendable
    static func health(req: Request) async throws -> Response {
        let queue = req.application.jobQueue
        var report = Report(status: "ok", mode: req.application.config.mode.rawValue, database: .init(reachable: true), jobs: nil)
        do {
            let counts = try await queue.counts()
            report.jobs = .init(
                oldestPendingAgeSeconds: try await queue.oldestPendingAge(),
                pending: counts[.pending] ?? 0, retrying: counts[.retrying] ?? 0,
                running: counts[.running] ?? 0, dead: counts[.dead] ?? 0)
            report.warnings = try await req.application.tokenWarnings()
            if report.warnings.contains(where: { $0.contains("refused") || $0.contains("expired") }) { report.status = "degraded" }
        } catch {
            report.status = "unavailable"
            report.database = .init(reachable: false, error: "the database did not answer; see the server log")
            req.logger.error("health check: database unreachable", metadata: ["error": "\(error)"])
        }
        let response = Response(status: report.database.reachable ? .ok : .serviceUnavailable)
        try response.content.encode(report)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
