import Foundation
import GraphQL

/// Checks a sandbox recording (the JSONL of `SANDBOX_RECORD` / `sandbox --record`) after the
/// fact: every eBay exchange fits its operation's contract, every Shopify document validates
/// against the 2025-01 schema, Meta was only read, and no secret is in the file.
public enum RecordingCheck {
    public struct Report: Sendable, CustomStringConvertible {
        public var problems: [String]
        public var operations: [String: Int]
        public var statuses: [Int: Int]
        public var exchanges: Int

        public var description: String {
            let ops = operations.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let codes = statuses.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")
            return "\(exchanges) exchanges checked; \(problems.count) problems\n  operations: \(ops)\n  statuses: \(codes)"
                + (problems.isEmpty ? "" : "\n" + problems.prefix(50).map { "  - \($0)" }.joined(separator: "\n"))
        }
    }

    public static func check(path: String) throws -> Report {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let contract = EbayContract.shared
        var byOperation: [String: Int] = [:]
        var statuses: [Int: Int] = [:]
        var problems: [String] = []
        var exchanges = 0
        for line in text.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            exchanges += 1
            if object["service"] as? String == "shopify" {
                problems += shopifyProblems(object, operations: &byOperation)
                continue
            }
            if object["service"] as? String == "meta" {
                if object["method"] as? String != "GET" { problems.append("Meta \(object["method"] ?? "?") \(object["path"] ?? "?"): Meta is read only") }
                byOperation["meta GET", default: 0] += 1
                continue
            }
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
        return Report(problems: problems, operations: byOperation, statuses: statuses, exchanges: exchanges)
    }

    /// A GraphQL request's document must validate against the vendored schema.
    static func shopifyProblems(_ object: [String: Any], operations: inout [String: Int]) -> [String] {
        guard object["method"] as? String == "POST", (object["path"] as? String ?? "").hasSuffix("graphql.json") else { return [] }
        guard let body = object["body"] as? [String: Any], let query = body["query"] as? String else { return ["Shopify request without a query"] }
        do {
            switch try ShopifySchema.check(query) {
            case .success(let document):
                let name = document.definitions.compactMap { ($0 as? OperationDefinition)?.name?.value }.first ?? "(anonymous)"
                operations["shopify \(name)", default: 0] += 1
                return []
            case .failure(let failure):
                return ["Shopify document refused by the 2025-01 schema: \(failure.entries.map(\.message).joined(separator: "; "))"]
            }
        } catch {
            return ["Shopify schema unavailable: \(error)"]
        }
    }
}
