import IntegrationKit
import ShoppyShopCore
import Vapor

/// HTTP Basic auth for the dashboard when ADMIN_USERNAME/ADMIN_PASSWORD are set; compared in
/// constant time so response timing does not reveal the password.
struct AdminAuthMiddleware: AsyncMiddleware {
    let admin: AppConfig.Admin?

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let admin else { return try await next.respond(to: request) }
        if let basic = request.headers.basicAuthorization {
            // Both compared every time, so timing does not tell which one was wrong.
            let userMatches = Signatures.secretsEqual(basic.username, admin.username)
            let passwordMatches = Signatures.secretsEqual(basic.password, admin.password)
            if userMatches && passwordMatches { return try await next.respond(to: request) }
        }
        let response = Response(status: .unauthorized)
        response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Basic realm=\"ShoppyShop\", charset=\"UTF-8\"")
        return response
    }
}
