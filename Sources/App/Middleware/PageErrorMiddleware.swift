import ShoppyShopCore
import Vapor
import Views

/// Errors become an HTML page for browsers and a JSON body for everything else; details of
/// unexpected errors stay in the log (which is redacted), never on the page.
struct PageErrorMiddleware: AsyncMiddleware {
    let environment: Environment

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let status: HTTPResponseStatus
            let message: String
            if let abort = error as? any AbortError {
                status = abort.status
                message = abort.reason
            } else {
                status = .internalServerError
                message = "Something went wrong; the server log has the details."
                request.logger.report(error: error)
            }
            let wantsHTML = request.headers.accept.contains { $0.mediaType == .html }
            if wantsHTML {
                let chrome = request.application.hasConfig ? Chrome(request) : nil
                let page = ErrorPage.render(.init(chrome: chrome, status: Int(status.code), title: status.reasonPhrase, message: message))
                return .html(page, status: status)
            }
            let response = Response(status: status)
            try response.content.encode(ErrorBody(error: true, reason: message))
            return response
        }
    }
}

struct ErrorBody: Content {
    var error: Bool
    var reason: String
}
