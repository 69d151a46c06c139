import ShoppyShopCore
import Vapor

/// `GET /api/v1/listings/plan`: the dry-run listing plan, the very report
/// `shoppyshop sync listings --dry-run --json` prints (same engine call, nothing sent to eBay).
enum ListingsAPI {
    @Sendable
    static func plan(req: Request) async throws -> Response {
        let report = try await req.application.shoppyShop.listProducts(scope: .all, dryRun: true, trigger: JobsAPI.Flow.trigger)
        return try APIJSON.response(report)
    }
}
