import Foundation

/// eBay's OpenAPI 3.0 contracts (vendored in Resources/ebay, see PROVENANCE.md) as a
/// validator: which operation a request is, and whether a JSON body fits the operation's
/// request or response schema — types, array items, nested objects and no undeclared fields.
///
/// eBay's schemas carry no `required` lists or `enum`s (both live in the descriptions), so
/// those rules are the stand-in's own (`EbaySandboxRules`). A small JSON-Schema check over
/// the parsed documents is all the contracts need: they use only `$ref`, `type`,
/// `properties`, `items` and `format`.
public final class EbayContract: Sendable {
    public struct Operation: Sendable, Hashable {
        public var api: String
        public var operationID: String
        public var method: String
        public var template: String
        public var requestSchema: String?
        /// Status code → schema name ("" for a response without a JSON body).
        public var responseSchemas: [String: String]
        /// eBay's error ids listed for this operation (`x-response-codes`), by status.
        public var errorIDs: [String: [Int: ErrorInfo]]
    }

    public struct ErrorInfo: Sendable, Hashable {
        public var domain: String
        public var category: String
        public var description: String
    }

    /// A spec file: its base path and schemas.
    struct Spec: @unchecked Sendable {
        let file: String
        let basePath: String
        let schemas: [String: Any]
        let operations: [Operation]
    }

    public static let files = [
        "sell_inventory_v1_oas3.json", "sell_fulfillment_v1_oas3.json", "sell_account_v1_oas3.json",
        "commerce_taxonomy_v1_oas3.json", "commerce_notification_v1_oas3.json",
    ]

    /// Fields the contract declares `type: string` while its own description gives the
    /// wire form as an object of string arrays (`"aspects": {"Brand": ["GoPro"]}`).
    static let aspectMaps: Set<String> = ["Product.aspects", "InventoryItemGroup.aspects"]

    let specs: [Spec]

    /// Loaded once: parsing 1.6 MB of JSON takes a moment.
    public static let shared: EbayContract = {
        do { return try EbayContract() } catch { fatalError("vendored eBay contracts unreadable: \(error)") }
    }()

    public init() throws {
        var specs: [Spec] = []
        for file in Self.files {
            guard let url = Bundle.module.url(forResource: "Resources/ebay/\(file)", withExtension: nil)
                ?? Bundle.module.url(forResource: file, withExtension: nil, subdirectory: "Resources/ebay")
            else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: file]) }
            let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
            let servers = root["servers"] as? [[String: Any]] ?? []
            let basePath = ((servers.first?["variables"] as? [String: Any])?["basePath"] as? [String: Any])?["default"] as? String ?? ""
            let schemas = (root["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
            var operations: [Operation] = []
            for (template, item) in root["paths"] as? [String: Any] ?? [:] {
                for (method, raw) in item as? [String: Any] ?? [:] {
                    guard let op = raw as? [String: Any], let id = op["operationId"] as? String else { continue }
                    let request = ((((op["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any])?["$ref"] as? String
                    var responses: [String: String] = [:]
                    var errors: [String: [Int: ErrorInfo]] = [:]
                    for (status, response) in op["responses"] as? [String: Any] ?? [:] {
                        let response = response as? [String: Any] ?? [:]
                        let ref = (((response["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any])?["$ref"] as? String
                        responses[status] = ref.map(Self.name) ?? ""
                        for (id, info) in (response["x-response-codes"] as? [String: Any])?["errors"] as? [String: Any] ?? [:] {
                            guard let number = Int(id), let info = info as? [String: Any] else { continue }
                            errors[status, default: [:]][number] = ErrorInfo(
                                domain: info["domain"] as? String ?? "", category: info["category"] as? String ?? "",
                                description: info["description"] as? String ?? "")
                        }
                    }
                    operations.append(Operation(api: basePath, operationID: id, method: method.uppercased(), template: basePath + template,
                                                requestSchema: request.map(Self.name), responseSchemas: responses, errorIDs: errors))
                }
            }
            specs.append(Spec(file: file, basePath: basePath, schemas: schemas, operations: operations))
        }
        self.specs = specs
    }

    static func name(_ ref: String) -> String { String(ref.split(separator: "/").last ?? "") }

    /// The operation a request is, matching path templates segment by segment; literal
    /// segments win over `{parameters}` (`/offer/publish_by_inventory_item_group` is not `/offer/{offerId}`).
    public func operation(method: String, path: String) -> Operation? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var best: (Operation, Int)?
        for spec in specs where path.hasPrefix(spec.basePath) {
            for op in spec.operations where op.method == method.uppercased() {
                let template = op.template.split(separator: "/", omittingEmptySubsequences: true)
                guard template.count == segments.count else { continue }
                var literals = 0
                var matches = true
                for (t, s) in zip(template, segments) {
                    if t.hasPrefix("{") { continue }
                    if t == s { literals += 1 } else { matches = false; break }
                }
                if matches, literals > (best?.1 ?? -1) { best = (op, literals) }
            }
        }
        return best?.0
    }

    func spec(of operation: Operation) -> Spec? {
        specs.first { $0.basePath == operation.api }
    }

    /// Problems of a request body against its operation's schema; empty when it fits.
    public func validateRequest(method: String, path: String, body: Data) -> [String] {
        guard let op = operation(method: method, path: path) else { return ["no operation \(method) \(path) in the contracts"] }
        guard let schema = op.requestSchema else { return body.isEmpty ? [] : ["\(op.operationID) takes no body"] }
        return validate(body, schema: schema, of: op)
    }

    /// Problems of a response body against the schema for its status; empty when it fits.
    /// An error status is checked against eBay's error envelope.
    public func validateResponse(method: String, path: String, status: Int, body: Data) -> [String] {
        guard let op = operation(method: method, path: path) else { return ["no operation \(method) \(path) in the contracts"] }
        if status >= 400 { return validateErrorEnvelope(body, op: op) }
        guard let schema = op.responseSchemas["\(status)"] else {
            return ["\(op.operationID) does not answer \(status) (contract: \(op.responseSchemas.keys.sorted()))"]
        }
        if schema.isEmpty { return [] }
        return validate(body, schema: schema, of: op)
    }

    func validate(_ body: Data, schema: String, of op: Operation) -> [String] {
        guard let spec = spec(of: op) else { return ["no spec for \(op.operationID)"] }
        guard let json = try? EbayJSON.parse(body) else {
            return ["\(op.operationID): body is not JSON"]
        }
        var problems: [String] = []
        check(json, against: ["$ref": "#/components/schemas/\(schema)"], in: spec, at: schema, owner: nil, problems: &problems)
        return problems
    }

    /// `{"errors": [Error], "warnings": [Error]}` with `Error` from the same contract.
    func validateErrorEnvelope(_ body: Data, op: Operation) -> [String] {
        guard let spec = spec(of: op) else { return [] }
        guard let json = (try? EbayJSON.parse(body))?.object else { return ["error body is not a JSON object"] }
        var problems: [String] = []
        for (key, value) in json {
            guard key == "errors" || key == "warnings" else { problems.append("error envelope: undeclared field \(key)"); continue }
            check(value, against: ["type": "array", "items": ["$ref": "#/components/schemas/Error"]], in: spec, at: key, owner: nil, problems: &problems)
        }
        return problems
    }

    private func check(_ value: EbayJSON, against schema: [String: Any], in spec: Spec, at path: String, owner: String?, problems: inout [String]) {
        if let ref = schema["$ref"] as? String {
            let name = Self.name(ref)
            guard let resolved = spec.schemas[name] as? [String: Any] else { problems.append("\(path): unknown schema \(name)"); return }
            check(value, against: resolved, in: spec, at: path, owner: name, problems: &problems)
            return
        }
        let type = schema["type"] as? String ?? (schema["properties"] != nil ? "object" : nil)
        switch type {
        case "object":
            guard let object = value.object else { problems.append("\(path): expected object"); return }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, member) in object {
                guard let memberSchema = properties[key] as? [String: Any] else {
                    problems.append("\(path).\(key): undeclared field"); continue
                }
                if let owner, Self.aspectMaps.contains("\(owner).\(key)") {
                    checkAspectMap(member, at: "\(path).\(key)", problems: &problems)
                    continue
                }
                check(member, against: memberSchema, in: spec, at: "\(path).\(key)", owner: nil, problems: &problems)
            }
        case "array":
            guard let array = value.array else { problems.append("\(path): expected array"); return }
            let items = schema["items"] as? [String: Any] ?? [:]
            for (index, element) in array.enumerated() {
                check(element, against: items, in: spec, at: "\(path)[\(index)]", owner: nil, problems: &problems)
            }
        case "string":
            if value.string == nil { problems.append("\(path): expected string") }
        case "integer":
            guard case .number(let text) = value, Int(text) != nil else { problems.append("\(path): expected integer"); return }
        case "number":
            guard case .number = value else { problems.append("\(path): expected number"); return }
        case "boolean":
            guard value.bool != nil else { problems.append("\(path): expected boolean"); return }
        default:
            break
        }
    }

    private func checkAspectMap(_ value: EbayJSON, at path: String, problems: inout [String]) {
        guard let object = value.object else { problems.append("\(path): expected an object of string arrays"); return }
        for (key, list) in object where !(list.array?.allSatisfy { $0.string != nil } ?? false) {
            problems.append("\(path).\(key): expected an array of strings")
        }
    }
}
