import Fluent
import Foundation
import ShoppyShopCore
import Vapor
import Views

/// `/audit`: the audit log, filtered and paginated.
enum AuditController: WebPage {
    static let perPage = 100

    static func register(_ routes: any RoutesBuilder) {
        routes.get("audit", use: list)
    }

    @Sendable
    static func list(req: Request) async throws -> Response {
        let service = req.query[String.self, at: "service"] ?? "all"
        let outcomeName = req.query[String.self, at: "outcome"] ?? "all"
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)
        let query = AuditEntry.query(on: req.db)
        if service != "all" { query.filter(\.$service == service) }
        let outcome = AuditEntry.Outcome(rawValue: outcomeName)
        if let outcome { query.filter(\.$outcome == outcome) }
        let total = try await query.copy().count()
        let rows = try await query.sort(\.$createdAt, .descending).range(((page - 1) * perPage)..<(page * perPage)).all()
        let model = AuditPage.Model(
            chrome: Chrome(req), service: service, outcome: outcome?.rawValue ?? "all",
            rows: rows.map { AuditPage.Row(at: $0.createdAt, service: $0.service, operation: $0.operation, target: $0.target, outcome: $0.outcome.rawValue,
                                           status: $0.statusCode, requestID: $0.requestID, error: $0.error) },
            paging: Paging(page: page, perPage: perPage, total: total, base: "/audit?service=\(service)&outcome=\(outcome?.rawValue ?? "all")"))
        return .html(AuditPage.render(model))
    }
}
