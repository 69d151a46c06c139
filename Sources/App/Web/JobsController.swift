import Fluent
import Foundation
import ShoppyShopCore
import Vapor
import Views

/// `/jobs`, `POST /jobs/:id/retry`, `POST /jobs/:id/cancel`.
enum JobsController: WebPage {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("jobs", use: list)
        routes.post("jobs", ":id", "retry", use: retry)
        routes.post("jobs", ":id", "cancel", use: cancel)
    }

    @Sendable
    static func list(req: Request) async throws -> Response {
        let name = req.query[String.self, at: "state"] ?? "all"
        let state = JobState(rawValue: name)
        let queue = req.application.jobQueue
        let counts = try await queue.counts()
        let rows = try await queue.list(state: state, limit: 200)
        var notices: [Notice] = []
        if let done = req.query[String.self, at: "done"] { notices.append(Notice(level: .warning, title: "Done.", message: done)) }
        let model = JobsPage.Model(
            chrome: Chrome(req), notices: notices,
            queue: QueueCounts(pending: counts[.pending] ?? 0, running: counts[.running] ?? 0, succeeded: counts[.succeeded] ?? 0,
                               dead: counts[.dead] ?? 0, cancelled: counts[.cancelled] ?? 0, retrying: counts[.retrying] ?? 0),
            state: state?.rawValue ?? "all",
            jobs: rows.map { JobRow(id: $0.id?.uuidString ?? "", kind: $0.kind, state: $0.state.rawValue, attempts: $0.attempts,
                                    maxAttempts: $0.maxAttempts, runAfter: $0.runAfter, lastError: $0.lastError, updatedAt: $0.updatedAt) })
        return .html(JobsPage.render(model))
    }

    @Sendable
    static func retry(req: Request) async throws -> Response {
        let id = try jobID(req)
        let changed = try await req.application.jobQueue.retry(id: id)
        return back(req, changed ? "Job \(id) runs again now." : "Job \(id) was not dead, cancelled or retrying; nothing changed.")
    }

    @Sendable
    static func cancel(req: Request) async throws -> Response {
        let id = try jobID(req)
        let changed = try await req.application.jobQueue.cancel(id: id)
        return back(req, changed ? "Job \(id) cancelled." : "Job \(id) was not waiting; nothing changed.")
    }

    static func jobID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound, reason: "No such job.") }
        return id
    }

    static func back(_ req: Request, _ message: String) -> Response {
        req.redirect(to: "/jobs?done=" + (message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""), redirectType: .normal)
    }
}
