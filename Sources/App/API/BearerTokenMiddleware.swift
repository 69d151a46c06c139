import ShoppyShopCore
import Vapor

/// `Authorization: Bearer ssk_…` for `/api/v1`. Tokens are found by their SHA-256, so no
/// comparison of secrets happens here and a timing difference reveals nothing useful.
struct BearerTokenMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.headers.bearerAuthorization?.token else {
            throw APIError.unauthorized("send an API token: Authorization: Bearer <token> (create one with `shoppyshop tokens create --name NAME`)")
        }
        guard let row = try await APITokens(database: request.db).authenticate(token) else {
            throw APIError.unauthorized("the API token is unknown or revoked")
        }
        request.logger[metadataKey: "api_token"] = .string(row.name)
        return try await next.respond(to: request)
    }
}
