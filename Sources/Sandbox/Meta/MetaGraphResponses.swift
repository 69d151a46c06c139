import Foundation
import Vapor

/// Meta's wire shapes for answers: JSON bodies, the error envelope and usage headers.
enum MetaGraphResponses {
    static func json(_ object: Any, status: HTTPResponseStatus = .ok, headers extra: HTTPHeaders = [:]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        var headers = extra
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(data: data))
    }

    /// `{"error": {message, type, code, error_subcode, fbtrace_id}}` (error-handling guide).
    /// Meta answers Graph errors with 400 and matches on `code`, not the status.
    static func error(
        code: Int, subcode: Int? = nil, type: String = "OAuthException", message: String,
        status: HTTPResponseStatus = .badRequest, transient: Bool? = nil, headers: HTTPHeaders = [:], trace: String
    ) -> Response {
        var body: [String: Any] = ["message": message, "type": type, "code": code, "fbtrace_id": trace]
        if let subcode { body["error_subcode"] = subcode }
        if let transient { body["is_transient"] = transient }
        return json(["error": body], status: status, headers: headers)
    }

    static func unknownObject(_ id: String, method: String, trace: String) -> Response {
        error(code: 100, subcode: 33, type: "GraphMethodException",
              message: "Unsupported \(method.lowercased()) request. Object with ID '\(id)' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
              trace: trace)
    }

    static func nonexistingField(_ name: String, nodeType: String, trace: String) -> Response {
        error(code: 100, message: "(#100) Tried accessing nonexisting field (\(name)) on node type (\(nodeType))", trace: trace)
    }

    static func invalidInsightsField(_ name: String, trace: String) -> Response {
        error(code: 100, message: "(#100) \(name) is not valid for fields param. please check https://developers.facebook.com/docs/marketing-api/reference/ads-insights/ for all valid values", trace: trace)
    }

    static func invalidParameter(_ message: String, trace: String) -> Response {
        error(code: 100, message: "(#100) \(message)", trace: trace)
    }

    /// Usage headers (yaml `headers`): X-App-Usage, X-Ad-Account-Usage and
    /// X-Business-Use-Case-Usage, all rising with the calls in the window.
    static func usageHeaders(percent: Double, regainMinutes: Int, bucType: String, accountID: String, resetSeconds: Int) -> HTTPHeaders {
        let calls = Int(percent.rounded())
        let cpu = Int((percent * 0.6).rounded())
        let time = Int((percent * 0.8).rounded())
        var headers = HTTPHeaders()
        headers.add(name: "X-App-Usage", value: #"{"call_count":\#(calls),"total_cputime":\#(cpu),"total_time":\#(time)}"#)
        headers.add(name: "X-Ad-Account-Usage", value: #"{"acc_id_util_pct":\#(calls),"reset_time_duration":\#(resetSeconds),"ads_api_access_tier":"standard_access"}"#)
        headers.add(name: "X-Business-Use-Case-Usage", value: #"{"\#(accountID)":[{"type":"\#(bucType)","call_count":\#(calls),"total_cputime":\#(cpu),"total_time":\#(time),"estimated_time_to_regain_access":\#(regainMinutes),"ads_api_access_tier":"standard_access"}]}"#)
        return headers
    }

    /// BUC throttling codes (yaml `error_codes`): 80004 ads_management is official; 80000
    /// ads_insights and 80009 catalog_management are unverified there.
    static func throttlingCode(bucType: String) -> (code: Int, anchor: String) {
        switch bucType {
        case "ads_insights": (80_000, "ads-insights")
        case "catalog_management": (80_009, "catalog")
        default: (80_004, "ads-management")
        }
    }

    /// Faults from the fault plan, shaped as Meta's: code 4 for a 429, and the transient
    /// codes 1 (unknown) / 2 (service) for 500 / 503 (error-handling guide).
    static func fault(_ kind: FaultKind, _ plan: FaultPlan, _ request: Request) -> Response? {
        switch kind {
        case .tooManyRequests:
            error(code: 4, subcode: 1_504_022, message: "(#4) Application request limit reached", status: .tooManyRequests, transient: true, trace: "sandbox-fault")
        case .internalServerError:
            error(code: 1, message: "An unknown error has occurred.", status: .internalServerError, transient: true, trace: "sandbox-fault")
        case .serviceUnavailable:
            error(code: 2, message: "Service temporarily unavailable", status: .serviceUnavailable, transient: true, trace: "sandbox-fault")
        default:
            nil
        }
    }
}
