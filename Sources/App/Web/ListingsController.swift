import Fluent
import Foundation
import ShoppyShopCore
import Vapor
import Views

/// `/listings`: the dry-run plan, and `POST /listings/apply`, which queues the same job the
/// scheduler runs (durable: a restart mid-apply resumes it).
enum ListingsController: WebPage {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("listings", use: show)
        routes.post("listings", "apply", use: apply)
    }

    /// Above this many products the page shows the newest stored plan instead of planning on
    /// each view (a 100,000-product plan takes minutes).
    static let livePlanLimit = 2_000

    @Sendable
    static func show(req: Request) async throws -> Response {
        var items: [ListingsPage.Item] = []
        var counts: [(action: String, count: Int)] = []
        var planError: String?
        if try await ShopifyProduct.query(on: req.db).count() > livePlanLimit {
            let stored = try await storedPlan(req.db)
            let applying = try await isApplying(req.db)
            let model = ListingsPage.Model(chrome: Chrome(req), counts: stored?.counts ?? [], items: stored?.items ?? [],
                                           planError: stored == nil ? "no plan yet for this catalog; the scheduler makes one, or Apply plans and applies" : nil,
                                           applying: applying, lastApply: try await lastApply(req.db), plannedAt: stored?.at)
            return .html(ListingsPage.render(model))
        }
        do {
            let report = try await ListingsSync(environment: req.application.syncEnvironment, database: req.db, queue: nil).run(scope: .all, dryRun: true)
            let summary = report.summary
            counts = [("create", summary.create), ("update", summary.update), ("end", summary.end), ("unchanged", summary.unchanged),
                      ("blocked", summary.blocked), ("skipped", summary.skipped)]
            items = report.products.map { product in
                ListingsPage.Item(
                    shopifyID: product.plan.shopifyID, title: product.plan.title, action: product.plan.action.rawValue, skus: product.plan.skus.count,
                    problems: product.plan.problems.map(\.description), failures: [], outcome: nil)
            }
        } catch {
            planError = "\(error)"
        }
        let applying = try await isApplying(req.db)
        let model = ListingsPage.Model(chrome: Chrome(req), counts: counts, items: items, planError: planError, applying: applying,
                                       lastApply: try await lastApply(req.db))
        return .html(ListingsPage.render(model))
    }

    static func isApplying(_ db: any Database) async throws -> Bool {
        try await JobRecord.query(on: db).filter(\.$kind == ListingsSyncJob.kind)
            .filter(\.$state ~~ [.pending, .running, .retrying]).filter(\.$runAfter <= Date()).count() > 0
    }

    /// The newest stored plan of the whole catalog, read back for a large store's page.
    static func storedPlan(_ db: any Database) async throws -> (at: Date, counts: [(action: String, count: Int)], items: [ListingsPage.Item])? {
        let runs = try await SyncRun.query(on: db).filter(\.$flow == "plan").filter(\.$state == .succeeded)
            .sort(\.$startedAt, .descending).limit(5).field(\.$id).field(\.$summary).field(\.$startedAt).all()
        let products = try await ShopifyProduct.query(on: db).count()
        guard let run = runs.first(where: { (PlanCounts($0.summary ?? "")?.total ?? 0) >= products }), let id = run.id,
              let full = try await SyncRun.find(id, on: db), let report = full.report,
              let stored = try? JSONDecoder().decode(StoredReport.self, from: Data(report.utf8)) else { return nil }
        let summary = stored.summary
        let counts: [(action: String, count: Int)] = [("create", summary.create), ("update", summary.update), ("end", summary.end),
                                                       ("unchanged", summary.unchanged), ("blocked", summary.blocked), ("skipped", summary.skipped)]
        // The page lists the first 500 products with something to do; the counts cover them all.
        let items = stored.products.prefix(500).map { product in
            ListingsPage.Item(shopifyID: product.shopifyID, title: product.title, action: product.action, skus: product.skus.count,
                              problems: (product.problems ?? []).map { "\($0.field): \($0.message) — fix: \($0.fix)" }, failures: [], outcome: nil)
        }
        return (run.startedAt, counts, Array(items))
    }

    @Sendable
    static func apply(req: Request) async throws -> Response {
        try await req.application.jobQueue.enqueue(try ListingsSyncJob.spec(trigger: "dashboard:\(req.admin?.email ?? "?")", scope: .all))
        return req.redirect(to: "/listings#applying", redirectType: .normal)
    }

    /// The report a `listings` run stored, read back for the page.
    struct StoredReport: Decodable {
        struct Product: Decodable {
            struct Failure: Decodable { var step: String; var errorID: Int?; var message: String }
            struct Problem: Decodable { var field: String; var message: String; var fix: String }
            var shopifyID: Int64
            var title: String
            var action: String
            var outcome: String
            var problems: [Problem]?
            var skus: [AnyDecodable]
            var failures: [String: Failure]?
        }
        struct Summary: Decodable { var create, update, unchanged, blocked, end, skipped: Int }
        var products: [Product]
        var summary: Summary
    }

    struct AnyDecodable: Decodable { init(from decoder: any Decoder) throws {} }

    static func lastApply(_ db: any Database) async throws -> ListingsPage.Run? {
        guard let run = try await SyncRuns.latest("listings", on: db) else { return nil }
        let stored = run.report.flatMap { try? JSONDecoder().decode(StoredReport.self, from: Data($0.utf8)) }
        let items = (stored?.products ?? []).map { product in
            ListingsPage.Item(
                shopifyID: product.shopifyID, title: product.title, action: product.action, skus: product.skus.count,
                problems: (product.problems ?? []).map { "\($0.field): \($0.message) — fix: \($0.fix)" },
                failures: (product.failures ?? [:]).sorted { $0.key < $1.key }.map { key, failure in
                    "\(key) \(failure.step): " + (failure.errorID.map { "eBay error \($0): " } ?? "") + failure.message
                },
                outcome: product.outcome)
        }
        return ListingsPage.Run(state: run.state.rawValue, trigger: run.trigger, startedAt: run.startedAt, finishedAt: run.finishedAt,
                                summary: run.summary ?? "", items: items)
    }
}
