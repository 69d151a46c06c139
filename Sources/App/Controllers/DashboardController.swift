import ShoppyShopCore
import Vapor
import Views

/// `GET /`: the mode, the services and the job queue.
enum DashboardController {
    @Sendable
    static func show(req: Request) async throws -> Response {
        let queue = req.application.jobQueue
        let counts = try await queue.counts()
        let recent = try await queue.list(limit: 25)
        let model = DashboardPage.Model(
            chrome: Chrome(req),
            queue: QueueCounts(
                pending: counts[.pending] ?? 0, running: counts[.running] ?? 0, succeeded: counts[.succeeded] ?? 0,
                dead: counts[.dead] ?? 0, cancelled: counts[.cancelled] ?? 0, retrying: counts[.retrying] ?? 0),
            oldestPendingAge: try await queue.oldestPendingAge(),
            recentJobs: recent.map { row in
                JobRow(
                    id: row.id?.uuidString ?? "", kind: row.kind, state: row.state.rawValue, attempts: row.attempts,
                    maxAttempts: row.maxAttempts, runAfter: row.runAfter, lastError: row.lastError, updatedAt: row.updatedAt)
            },
            notices: try await notices(req))
        return .html(DashboardPage.render(model))
    }
}

/// What needs the merchant: a sync stopped by a vendor refusing our credentials.
private func notices(_ req: Request) async throws -> [Notice] {
    var notices: [Notice] = []
    if let problem = try await MetaSyncStatus.tokenProblem(on: req.db) {
        notices.append(Notice(
            level: .error, title: "Meta insights sync stopped.",
            message: "\(problem). Create a new token in Meta Business Settings, set META_ACCESS_TOKEN and restart; the sync resumes by itself."))
    }
    for warning in try await req.application.tokenWarnings() {
        notices.append(Notice(level: warning.contains("refused") || warning.contains("expired") ? .error : .warning, title: "Credentials", message: warning))
    }
    return notices
}

extension Chrome {
    /// What every page shows, for the signed-in user of this request.
    init(_ req: Request) {
        self.init(req.application)
        user = req.admin?.email
        csrfToken = req.admin?.csrfToken
    }

    /// What every page shows about this instance.
    init(_ app: Application) {
        let config = app.config
        let sandbox = config.mode == .sandbox
        func status(_ name: String, _ live: String?) -> ServiceStatus {
            if let live { return ServiceStatus(name: name, mode: .live, detail: live) }
            return ServiceStatus(name: name, mode: sandbox ? .sandbox : .live, detail: sandbox ? "built-in sandbox" : "not configured (disabled)")
        }
        self.init(
            mode: sandbox ? .sandbox : .live,
            services: [
                status("Shopify", config.shopify?.storeDomain),
                status("eBay", config.ebay.map { "\($0.environment.rawValue) · \($0.marketplaceID)" }),
                status("Meta", config.meta.map { "act_\($0.accountID) · read-only" }),
            ],
            version: AppVersion.current, now: Date())
    }
}

extension Response {
    static func html(_ body: String, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: body))
    }
}

enum AppVersion {
    static let current = "0.1.0"
}
