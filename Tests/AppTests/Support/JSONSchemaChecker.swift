import Foundation

/// A JSON value as parsed, with booleans and numbers kept apart (JSONSerialization blurs them).
indirect enum JSON: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSON].self)) }
    }

    static func parse(_ data: Data) throws -> JSON { try JSONDecoder().decode(JSON.self, from: data) }

    subscript(key: String) -> JSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? { if case .string(let value) = self { return value }; return nil }
    var array: [JSON]? { if case .array(let value) = self { return value }; return nil }
    var object: [String: JSON]? { if case .object(let value) = self { return value }; return nil }
    var number: Double? { if case .number(let value) = self { return value }; return nil }

    /// The same value with `key` set (or removed with nil) at `path` of object keys.
    func setting(_ path: [String], to value: JSON?) -> JSON {
        guard case .object(var members) = self, let first = path.first else { return self }
        if path.count == 1 {
            members[first] = value
        } else {
            members[first] = (members[first] ?? .object([:])).setting(Array(path.dropFirst()), to: value)
        }
        return .object(members)
    }
}

/// The subset of OpenAPI 3.0 schema the API's document uses: type, properties, required,
/// items, additionalProperties (bool or schema), enum, nullable, pattern, date-time format
/// and `$ref` into the document. Answers every violation with its JSON path.
struct JSONSchemaChecker {
    let document: JSON

    func resolve(_ schema: JSON) -> JSON {
        guard let ref = schema["$ref"]?.string, ref.hasPrefix("#/") else { return schema }
        var node: JSON? = document
        for part in ref.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        guard let node else { return .object(["unresolvable": .string(ref)]) }
        return resolve(node)
    }

    /// The schema of `method path`'s `status` answer, from the document.
    func responseSchema(_ method: String, _ path: String, status: Int) -> JSON? {
        guard let response = document["paths"]?[path]?[method.lowercased()]?["responses"]?["\(status)"] else { return nil }
        return resolve(response)["content"]?["application/json"]?["schema"]
    }

    func errors(_ value: JSON, _ schema: JSON, at path: String = "$") -> [String] {
        let schema = resolve(schema)
        if let ref = schema["unresolvable"]?.string { return ["\(path): $ref \(ref) does not resolve"] }
        if value == .null {
            return schema["nullable"] == .bool(true) ? [] : ["\(path): null where the schema does not allow it"]
        }
        var found: [String] = []
        if let type = schema["type"]?.string, !matches(value, type) {
            return ["\(path): expected \(type), got \(value)"]
        }
        if let options = schema["enum"]?.array, !options.contains(value) {
            found.append("\(path): \(value) is not one of \(options)")
        }
        if let pattern = schema["pattern"]?.string, let text = value.string, text.range(of: pattern, options: .regularExpression) == nil {
            found.append("\(path): \"\(text)\" does not match \(pattern)")
        }
        if schema["format"]?.string == "date-time", let text = value.string, ISO8601DateFormatter().date(from: text) == nil {
            found.append("\(path): \"\(text)\" is not an ISO 8601 date-time")
        }
        if case .array(let elements) = value, let items = schema["items"] {
            for (index, element) in elements.enumerated() { found += errors(element, items, at: "\(path)[\(index)]") }
        }
        if case .object(let members) = value {
            let properties = schema["properties"]?.object ?? [:]
            for name in schema["required"]?.array?.compactMap(\.string) ?? [] where members[name] == nil {
                found.append("\(path): missing required \(name)")
            }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let property = properties[name] {
                    found += errors(member, property, at: "\(path).\(name)")
                } else if let extra = schema["additionalProperties"] {
                    if extra == .bool(false) {
                        found.append("\(path): \(name) is not in the schema")
                    } else if extra.object != nil {
                        found += errors(member, extra, at: "\(path).\(name)")
                    }
                }
            }
        }
        return found
    }

    private func matches(_ value: JSON, _ type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("number", .number): return true
        case ("integer", .number(let number)): return number.rounded() == number
        default: return false
        }
    }
}
