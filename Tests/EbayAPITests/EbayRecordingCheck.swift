import Foundation
import Sandbox
import Testing

/// Checks a sandbox recording (the JSONL of `SANDBOX_RECORD` / `sandbox --record`): every eBay
/// exchange fits its operation's contract, and no secret is in the file.
enum EbayRecordingCheck {
    struct Report {
        var problems: [String]
        var operations: [String: Int]
        var statuses: [Int: Int]
    }

    static func check(path: String) throws -> Report {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let contract = EbayContract.shared
        var byOperation: [String: Int] = [:]
        var statuses: [Int: Int] = [:]
        var problems: [String] = []
        for line in text.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            guard object["service"] as? String == "ebay" else { continue }
            let method = object["method"] as? String ?? "?"
            let path = object["path"] as? String ?? "?"
            let status = object["status"] as? Int ?? 0
            statuses[status, default: 0] += 1
            if let headers = object["headers"] as? [String: Any], let auth = headers.first(where: { $0.key.lowercased() == "authorization" })?.value as? String {
                if auth != "[REDACTED]" { problems.append("\(path): Authorization not redacted") }
            }
            if path.hasPrefix("/identity/") {
                byOperation["oauth2Token", default: 0] += 1
                if let body = object["body"] as? String, body.contains("refresh_token=") && !body.contains("refresh_token=[REDACTED]") {
                    problems.append("token request: refresh_token not redacted")
                }
                if let response = object["response"] as? [String: Any], let token = response["access_token"] as? String, token != "[REDACTED]" {
                    problems.append("token response: access_token not redacted")
                }
                continue
            }
            if path.hasPrefix("/ebay-sandbox/") { byOperation["(buyer simulator)", default: 0] += 1; continue }
            guard let op = contract.operation(method: method, path: path) else { problems.append("no contract operation for \(method) \(path)"); continue }
            byOperation[op.operationID, default: 0] += 1
            if let body = object["body"], !(body is NSNull) {
                let data = try JSONSerialization.data(withJSONObject: body, options: [.fragmentsAllowed])
                problems += contract.validateRequest(method: method, path: path, body: data).map { "\(op.operationID) request: \($0)" }
            }
            if let response = object["response"], !(response is NSNull) {
                let data = try JSONSerialization.data(withJSONObject: response, options: [.fragmentsAllowed])
                problems += contract.validateResponse(method: method, path: path, status: status, body: data).map { "\(op.operationID) \(status): \($0)" }
            }
        }
        return Report(problems: problems, operations: byOperation, statuses: statuses)
    }
}
