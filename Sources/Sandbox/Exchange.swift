import Foundation
import Vapor

/// One request to a vendor stand-in and the answer it got, as the recorder writes it.
///
/// Kept raw (bytes and headers as sent); `jsonLine()` turns it into the line format the
/// three vendor issues share and removes secrets on the way, so nothing that records can
/// forget to.
public struct Exchange: Sendable, Equatable {
    public var service: SandboxService
    public var method: String
    /// The path alone, percent-encoded as sent.
    public var path: String
    /// The query string without "?", percent-encoded as sent.
    public var query: String?
    public var headers: HTTPHeaders
    public var body: Data?
    public var status: Int
    public var responseContentType: String?
    public var response: Data?

    public init(
        service: SandboxService, method: String, path: String, query: String? = nil,
        headers: HTTPHeaders = [:], body: Data? = nil,
        status: Int, responseContentType: String? = nil, response: Data? = nil
    ) {
        self.service = service
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.status = status
        self.responseContentType = responseContentType
        self.response = response
    }
}

extension Exchange {
    /// The shared line, without its newline:
    /// `{"service":…,"method":…,"path":…,"query":{…},"headers":{…},"body":…,"status":…,"response":…}`.
    /// Keys in that order; inside, keys sorted, so equal exchanges give equal lines.
    /// Bodies are parsed JSON when they are JSON, else strings, `null` when empty.
    public func jsonLine() -> String {
        let fields: [(String, Any)] = [
            ("service", service.rawValue),
            ("method", method),
            ("path", path),
            ("query", Self.queryObject(query)),
            ("headers", Self.headerObject(headers)),
            ("body", Self.payload(body, contentType: headers.first(name: .contentType))),
            ("status", status),
            ("response", Self.payload(response, contentType: responseContentType)),
        ]
        let members = fields.map { key, value in "\"\(key)\":\(Self.encode(value))" }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// Names to values; a repeated name keeps every value, in order, as an array.
    static func queryObject(_ query: String?) -> [String: Any] {
        var values: [String: [String]] = [:]
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let raw = parts.count > 1 ? String(parts[1]) : ""
            let value = Redaction.isSecretParameter(name) ? Redaction.marker : (raw.removingPercentEncoding ?? raw)
            values[name, default: []].append(value)
        }
        return values.mapValues { $0.count == 1 ? $0[0] as Any : $0 as Any }
    }

    /// Names as sent; a repeated header joined with ", " (RFC 9110 §5.3).
    static func headerObject(_ headers: HTTPHeaders) -> [String: Any] {
        var object: [String: String] = [:]
        for (name, value) in headers {
            let shown = Redaction.isSecretHeader(name) ? Redaction.marker : value
            object[name] = object[name].map { "\($0), \(shown)" } ?? shown
        }
        return object
    }

    static func payload(_ data: Data?, contentType: String?) -> Any {
        guard let data, !data.isEmpty else { return NSNull() }
        let type = contentType?.lowercased() ?? ""
        let looksLikeJSON = type.contains("json")
            || (type.isEmpty && data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }).map { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") } == true)
        if looksLikeJSON, let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
            return redactJSON(object)
        }
        let text = String(decoding: data, as: UTF8.self)
        if type.contains("application/x-www-form-urlencoded") {
            return redactForm(text)
        }
        return text
    }

    static func redactJSON(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            var redacted: [String: Any] = [:]
            for (key, member) in object {
                redacted[key] = Redaction.isSecretParameter(key) ? Redaction.marker : redactJSON(member)
            }
            return redacted
        }
        if let array = value as? [Any] {
            return array.map(redactJSON)
        }
        return value
    }

    /// Keeps the form as sent, with the value of every secret field replaced.
    static func redactForm(_ form: String) -> String {
        form.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = String(parts[0])
            let name = rawName.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? rawName
            return Redaction.isSecretParameter(name) ? "\(rawName)=\(Redaction.marker)" : String(pair)
        }.joined(separator: "&")
    }

    static func encode(_ value: Any) -> String {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: options) else {
            // Only a non-finite number gets here; keep the line valid JSON.
            return "null"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
