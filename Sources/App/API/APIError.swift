import Vapor

/// An `/api/v1` failure with a code clients can switch on; the message is for people.
struct APIError: Error, CustomStringConvertible {
    enum Code: String, Codable, CaseIterable {
        case unauthorized
        case notFound = "not_found"
        case invalidRequest = "invalid_request"
        case conflict
        case unavailable
        case `internal`
    }

    var code: Code
    var status: HTTPResponseStatus
    var message: String

    var description: String { "\(code.rawValue): \(message)" }

    static func unauthorized(_ message: String) -> APIError { APIError(code: .unauthorized, status: .unauthorized, message: message) }
    static func notFound(_ message: String) -> APIError { APIError(code: .notFound, status: .notFound, message: message) }
    static func invalid(_ message: String) -> APIError { APIError(code: .invalidRequest, status: .badRequest, message: message) }
}

/// The one error body of the API: `{"error": {"code": "...", "message": "..."}}`.
struct APIErrorEnvelope: Codable {
    struct Body: Codable {
        var code: APIError.Code
        var message: String
    }

    var error: Body
}
