import Vapor

/// `/api/v1`: JSON only, bearer tokens, errors in one envelope. The OpenAPI document is public
/// so clients can be generated before anyone has a token.
enum APIRoutes {
    static let base: [PathComponent] = ["api", "v1"]

    static func register(_ app: Application) {
        let api = app.grouped(base).grouped(APIErrorMiddleware())
        api.get("openapi.json", use: OpenAPIDocument.serve)

        let authed = api.grouped(BearerTokenMiddleware())
        authed.get("products", use: ProductsAPI.list)
        authed.get("products", ":id", use: ProductsAPI.show)
        authed.get("listings", "plan", use: ListingsAPI.plan)
        authed.get("orders", use: OrdersAPI.list)
        authed.get("orders", ":ebayOrderId", use: OrdersAPI.show)
        authed.get("insights", use: InsightsAPI.show)
        authed.get("jobs", use: JobsAPI.list)
        authed.post("sync", ":flow", use: JobsAPI.sync)

        // Unknown paths under /api/v1 answer in the envelope too, not the site's error page.
        for method: HTTPMethod in [.GET, .POST, .PUT, .PATCH, .DELETE] {
            api.on(method, "**") { req async throws -> Response in
                throw APIError.notFound("no endpoint \(req.method) \(req.url.path); see /api/v1/openapi.json")
            }
        }
    }
}
