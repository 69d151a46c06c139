import ShoppyShopCore
import Vapor

/// Every error under `/api/v1` becomes the JSON envelope, never the HTML error page; details
/// of unexpected errors stay in the (redacted) log.
struct APIErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let failure = Self.map(error)
            if failure.code == .internal { request.logger.report(error: error) }
            let response = try APIJSON.response(APIErrorEnvelope(error: .init(code: failure.code, message: failure.message)), status: failure.status)
            if failure.code == .unauthorized {
                response.headers.replaceOrAdd(name: .wwwAuthenticate, value: #"Bearer realm="ShoppyShop API""#)
            }
            return response
        }
    }

    static func map(_ error: any Error) -> APIError {
        switch error {
        case let failure as APIError:
            return failure
        case let stopped as ServiceStopped:
            return APIError(code: .unavailable, status: .serviceUnavailable, message: stopped.description)
        case let unavailable as SyncUnavailable:
            return APIError(code: .unavailable, status: .serviceUnavailable, message: unavailable.description)
        case is DecodingError:
            return .invalid("the request could not be read: \(error)")
        case let abort as any AbortError:
            let status = abort.status
            switch status.code {
            case 401, 403: return APIError(code: .unauthorized, status: status, message: abort.reason)
            case 404: return .notFound(abort.reason)
            case 409: return APIError(code: .conflict, status: status, message: abort.reason)
            case 503: return APIError(code: .unavailable, status: status, message: abort.reason)
            case 400..<500: return APIError(code: .invalidRequest, status: status, message: abort.reason)
            default: return internalError
            }
        default:
            return internalError
        }
    }

    static let internalError = APIError(code: .internal, status: .internalServerError, message: "Something went wrong; the server log has the details.")
}
