import Fluent
import Foundation
import ShoppyShopCore
import Vapor

/// `GET /api/v1/jobs` and `POST /api/v1/sync/{flow}`: the queue, and a flow run on request
/// through the very job the scheduler enqueues.
enum JobsAPI {
    /// The flows a client may start, and the job each one is.
    enum Flow: String, CaseIterable {
        case catalog, listings, stock, orders, reconcile, insights

        static let trigger = "api"

        func spec() throws -> JobSpec {
            switch self {
            case .catalog: return try CatalogSyncJob.spec(trigger: Self.trigger)
            case .listings: return try ListingsSyncJob.spec(trigger: Self.trigger, scope: .all)
            case .stock: return try StockPushJob.spec()
            case .orders: return try OrdersPollJob.spec(trigger: Self.trigger)
            case .reconcile: return try ReconcileJob.spec(trigger: Self.trigger)
            case .insights: return try MetaInsightsSyncJob.spec()
            }
        }
    }

    struct JobDTO: Encodable {
        var id: UUID
        var kind: String
        var state: String
        var attempts: Int
        var maxAttempts: Int
        var runAfter: Date
        var createdAt: Date
        var updatedAt: Date
        var finishedAt: Date?
        var lastError: String?
    }

    struct EnqueuedDTO: Encodable {
        var jobId: UUID
        var flow: String
        var kind: String
        /// True when a job already waiting or running covers this request.
        var duplicate: Bool
    }

    @Sendable
    static func list(req: Request) async throws -> Response {
        let page = try PageQuery(req)
        var query = JobRecord.query(on: req.db)
        if let name = req.query[String.self, at: "state"], !name.isEmpty {
            guard let state = JobState(rawValue: name) else {
                throw APIError.invalid("state must be one of \(JobState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query = query.filter(\.$state == state)
        }
        let total = try await query.copy().count()
        let rows = try await query.sort(\.$updatedAt, .descending).sort(\.$id).offset(page.offset).limit(page.perPage).all()
        let items = try rows.map { row in
            JobDTO(id: try row.requireID(), kind: row.kind, state: row.state.rawValue, attempts: row.attempts, maxAttempts: row.maxAttempts,
                   runAfter: row.runAfter, createdAt: row.createdAt, updatedAt: row.updatedAt, finishedAt: row.finishedAt, lastError: row.lastError)
        }
        return try APIJSON.response(PageDTO(items, page, total: total))
    }

    @Sendable
    static func sync(req: Request) async throws -> Response {
        let name = req.parameters.get("flow") ?? ""
        guard let flow = Flow(rawValue: name) else {
            throw APIError.notFound("no flow \"\(name)\"; flows are \(Flow.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let spec = try flow.spec()
        let result = try await req.application.jobQueue.enqueue(spec)
        let duplicate: Bool
        if case .duplicate = result { duplicate = true } else { duplicate = false }
        return try APIJSON.response(EnqueuedDTO(jobId: result.id, flow: flow.rawValue, kind: spec.kind, duplicate: duplicate), status: .accepted)
    }
}
