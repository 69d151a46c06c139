import Foundation
import Vapor

// `POST /identity/v1/oauth2/token` (contracts/ebay/oauth_and_notification_auth.json):
// HTTP Basic with app id and cert id, form body, `refresh_token` and `client_credentials` grants.
extension EbaySandbox {
    func bootOAuth(_ routes: any RoutesBuilder) {
        routes.post("identity", "v1", "oauth2", "token") { [state] request async throws -> Response in
            guard let basic = request.headers.basicAuthorization,
                  basic.username == EbaySandboxCredentials.appID, basic.password == EbaySandboxCredentials.certID
            else { return Self.oauthError(.unauthorized, "invalid_client", "client authentication failed") }
            guard request.headers.contentType == .urlEncodedForm,
                  let buffer = request.body.data
            else { return Self.oauthError(.badRequest, "invalid_request", "request body must be application/x-www-form-urlencoded") }
            let form = Self.parseForm(String(decoding: buffer.readableBytesView, as: UTF8.self))
            switch form["grant_type"] {
            case "refresh_token":
                guard form["refresh_token"] == EbaySandboxCredentials.refreshToken, !state.refreshTokenRevoked else {
                    return Self.oauthError(.badRequest, "invalid_grant", "the provided authorization refresh token is invalid or was issued to another client")
                }
                guard form["scope"].map({ !$0.isEmpty }) ?? true else {
                    return Self.oauthError(.badRequest, "invalid_scope", "the requested scope is invalid")
                }
                let (token, lifetime) = state.issueToken()
                return EbaySandboxErrors.json(.object([
                    "access_token": .string(token), "expires_in": .int(lifetime), "token_type": .string("User Access Token"),
                ]))
            case "client_credentials":
                let (token, lifetime) = state.issueToken()
                return EbaySandboxErrors.json(.object([
                    "access_token": .string(token), "expires_in": .int(lifetime), "token_type": .string("Application Access Token"),
                ]))
            default:
                return Self.oauthError(.badRequest, "unsupported_grant_type", "grant type in request is not supported by the authorization server")
            }
        }
    }

    /// OAuth errors are RFC 6749 `{error, error_description}`, not eBay's `errors[]`.
    static func oauthError(_ status: HTTPResponseStatus, _ error: String, _ description: String) -> Response {
        EbaySandboxErrors.json(.object(["error": .string(error), "error_description": .string(description)]), status: status)
    }

    static func parseForm(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (raw: Substring) in String(raw).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(raw) }
            values[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return values
    }
}
