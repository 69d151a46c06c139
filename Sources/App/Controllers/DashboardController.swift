import Fluent
import Foundation
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
        var page = model
        page.flows = try await flows(req.db)
        page.attention = try await attention(req.db, dead: counts[.dead] ?? 0)
        page.numbers = try await numbers(req.db)
        let revenue = try await SpendVersusRevenue.load(on: req.db, days: 30)
        page.revenue = (revenue.currency, revenue.days.map { InsightsPage.Day(date: $0.date, ebay: $0.ebay, shopify: $0.shopify, spend: $0.spend) })
        return .html(DashboardPage.render(page))
    }
}

/// Each flow's last run (from `sync_runs`) and next run (its queued job).
private func flows(_ db: any Database) async throws -> [DashboardPage.Flow] {
    let flows: [(name: String, run: String?, kind: String)] = [
        ("Catalog from Shopify", "catalog", CatalogSyncJob.kind), ("Listings on eBay", "listings", ListingsSyncJob.kind),
        ("Stock to eBay", nil, StockPushJob.kind), ("eBay orders", "orders", OrdersPollJob.kind),
        ("Reconcile with eBay", "reconcile", ReconcileJob.kind), ("Meta insights", nil, MetaInsightsSyncJob.kind),
    ]
    var rows: [DashboardPage.Flow] = []
    for flow in flows {
        let run = try await flow.run.asyncMap { try await SyncRuns.latest($0, on: db) } ?? nil
        let job = try await JobRecord.query(on: db).filter(\.$kind == flow.kind).sort(\.$updatedAt, .descending).first()
        let next = try await JobRecord.query(on: db).filter(\.$kind == flow.kind).filter(\.$state ~~ [.pending, .retrying]).sort(\.$runAfter).first()
        rows.append(DashboardPage.Flow(
            name: flow.name,
            lastState: run?.state.rawValue ?? job.flatMap { $0.state == .pending ? nil : $0.state.rawValue },
            lastAt: run?.finishedAt ?? run?.startedAt ?? (job?.state == .pending ? nil : job?.updatedAt),
            summary: run?.summary ?? job?.lastError,
            nextAt: next?.runAfter))
    }
    return rows
}

/// The store at a glance.
private func numbers(_ db: any Database) async throws -> [(label: String, value: String)] {
    let since = Date().addingTimeInterval(-30 * 86_400)
    return [
        ("Products in the mirror", String(try await ShopifyProduct.query(on: db).count())),
        ("SKUs live on eBay", String(try await EbayItem.query(on: db).filter(\.$status == .live).count())),
        ("eBay orders, 30 days", String(try await EbayOrder.query(on: db).filter(\.$createdAt >= since).count())),
        ("In Shopify from eBay", String(try await OrderLink.query(on: db).filter(\.$shopifyOrderID != nil).count())),
    ]
}

/// Counts of what waits for the merchant, each linking where it is dealt with.
private func attention(_ db: any Database, dead: Int) async throws -> [DashboardPage.Attention] {
    var items: [DashboardPage.Attention] = []
    // The newest listing run or plan that covered the whole catalog (runs after a webhook cover
    // only what changed). Read from the summary line: reports of a large catalog run to megabytes.
    let products = try await ShopifyProduct.query(on: db).count()
    let runs = try await SyncRun.query(on: db).filter(\.$flow ~~ ["listings", "plan"]).filter(\.$state != .running)
        .sort(\.$startedAt, .descending).limit(20).field(\.$id).field(\.$summary).field(\.$startedAt).all()
    if let whole = runs.lazy.compactMap({ PlanCounts($0.summary ?? "") }).first(where: { $0.total >= products }), whole.blocked > 0 {
        items.append(.init(count: whole.blocked, text: "products blocked from eBay (a missing item specific, policy or category)", link: "/listings"))
    }
    let refused = try await EbayItem.query(on: db).filter(\.$lastError != nil).count()
    if refused > 0 { items.append(.init(count: refused, text: "SKUs eBay refused, with its message", link: "/products?state=failed")) }
    let held = try await OrderLink.query(on: db).filter(\.$state ~~ [.held, .failed]).count()
    if held > 0 { items.append(.init(count: held, text: "eBay orders held back from Shopify", link: "/orders#held")) }
    let shipments = try await EbayShipment.query(on: db).filter(\.$state ~~ [.held, .failed]).count()
    if shipments > 0 { items.append(.init(count: shipments, text: "shipments held back from eBay (no tracking, or refused)", link: "/orders#held")) }
    if dead > 0 { items.append(.init(count: dead, text: "failed jobs", link: "/jobs?state=dead")) }
    return items
}

/// The counts of a plan's summary line ("3 to list, 0 to update, 0 to end, 37 unchanged, 12 blocked, 1 not listed").
struct PlanCounts {
    var blocked: Int
    var total: Int

    init?(_ summary: String) {
        var counts: [String: Int] = [:]
        for part in summary.split(separator: ",") {
            let words = part.split(separator: " ")
            guard let index = words.firstIndex(where: { Int($0) != nil }), let value = Int(words[index]) else { continue }
            counts[words[(index + 1)...].joined(separator: " "), default: 0] += value
        }
        guard let blocked = counts["blocked"] else { return nil }
        self.blocked = blocked
        total = counts.values.reduce(0, +)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
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
        if let zone = req.shopTimeZone { timeZone = zone }
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
