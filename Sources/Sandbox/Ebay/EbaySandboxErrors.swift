import Foundation
import Vapor

/// eBay's error envelope with the error ids and texts of the contract's `x-response-codes`
/// for the operation (e.g. 25709 "Invalid request. Invalid value for field {additionalInfo}").
enum EbaySandboxErrors {
    static func detail(_ op: EbayContract.Operation?, status: Int, id: Int, _ values: [String: String] = [:]) -> EbayJSON {
        let info = op?.errorIDs["\(status)"]?[id] ?? op?.errorIDs.values.lazy.compactMap { $0[id] }.first
        var message = info?.description ?? "Error \(id)"
        for (name, value) in values {
            message = message.replacingOccurrences(of: "{\(name)}", with: value)
        }
        message = message.replacingOccurrences(of: " {additionalInfo}", with: "")
        var object: [String: EbayJSON] = [
            "errorId": .int(id),
            "domain": .string(info?.domain ?? Self.domain(op)),
            "category": .string(info?.category ?? (status >= 500 ? "APPLICATION" : "REQUEST")),
            "message": .string(message),
        ]
        if !values.isEmpty {
            object["parameters"] = .array(values.sorted { $0.key < $1.key }.map { .object(["name": .string($0.key), "value": .string($0.value)]) })
        }
        return .object(object)
    }

    static func domain(_ op: EbayContract.Operation?) -> String {
        switch op?.api {
        case "/sell/inventory/v1": "API_INVENTORY"
        case "/sell/fulfillment/v1": "API_FULFILLMENT"
        case "/sell/account/v1": "API_ACCOUNT"
        case "/commerce/taxonomy/v1": "API_TAXONOMY"
        case "/commerce/notification/v1": "API_NOTIFICATION"
        default: "ACCESS"
        }
    }

    static func response(_ status: HTTPResponseStatus, _ errors: [EbayJSON], headers: [(String, String)] = []) -> Response {
        json(.object(["errors": .array(errors)]), status: status, headers: headers)
    }

    static func json(_ value: EbayJSON, status: HTTPResponseStatus = .ok, headers: [(String, String)] = []) -> Response {
        var fields = HTTPHeaders()
        fields.contentType = .json
        for (name, value) in headers { fields.add(name: name, value: value) }
        return Response(status: status, headers: fields, body: .init(data: value.data()))
    }

    static func empty(_ status: HTTPResponseStatus, headers: [(String, String)] = []) -> Response {
        var fields = HTTPHeaders()
        for (name, value) in headers { fields.add(name: name, value: value) }
        return Response(status: status, headers: fields)
    }

    /// eBay's throttling answer. The OAS files list no error id for 429; eBay's
    /// "call limit" error is 2001 in the ACCESS domain ("Too many requests").
    static func tooManyRequests(retryAfter: Int?) -> Response {
        let error: EbayJSON = .object([
            "errorId": .int(2001), "domain": .string("ACCESS"), "category": .string("REQUEST"),
            "message": .string("Too many requests. The request limit has been reached for the resource."),
        ])
        return response(.tooManyRequests, [error], headers: retryAfter.map { [("Retry-After", "\($0)")] } ?? [])
    }

    /// 401 for a missing, unknown or expired token (ACCESS domain, id 1001 "Invalid access token").
    static func invalidToken() -> Response {
        let error: EbayJSON = .object([
            "errorId": .int(1001), "domain": .string("OAuth"), "category": .string("REQUEST"),
            "message": .string("Invalid access token"),
            "longMessage": .string("Invalid access token. Check the value of the Authorization HTTP request header."),
        ])
        return response(.unauthorized, [error])
    }

    /// The answer to an injected 429/500/503: eBay's envelope, so the client's decoding runs.
    static func fault(_ kind: FaultKind, plan: FaultPlan, request: Request) -> Response? {
        let op = EbayContract.shared.operation(method: request.method.rawValue, path: request.url.path)
        switch kind {
        case .tooManyRequests:
            return tooManyRequests(retryAfter: plan.retryAfterSeconds)
        case .internalServerError, .serviceUnavailable:
            let id = op?.errorIDs["500"]?.keys.min() ?? 25001
            let status: HTTPResponseStatus = kind == .internalServerError ? .internalServerError : .serviceUnavailable
            return response(status, [detail(op, status: 500, id: id)])
        default:
            return nil
        }
    }
}
