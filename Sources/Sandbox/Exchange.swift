import Foundation
import IntegrationKit
import Vapor

/// One request to a vendor stand-in and the answer it got, as the recorder writes it.
///
/// Kept raw (bytes and headers as sent); `jsonLine()` turns it into the line format the
/// three vendor issues share and removes secrets on the way, so nothing that records can
/// forget to. Secrets are IntegrationKit's: the `Redactor`'s header, parameter and JSON-key
/// lists, and the values registered in its `SecretRegistry`, wherever they appear.
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
    public func jsonLine(redactor: Redactor = Exchange.defaultRedactor) -> String {
        let fields: [(String, Any)] = [
            ("service", service.rawValue),
            ("method", method),
            ("path", redactor.redact(path)),
            ("query", Self.queryObject(query, redactor: redactor)),
            ("headers", Self.headerObject(headers, redactor: redactor)),
            ("body", Self.payload(body, contentType: headers.first(name: .contentType), redactor: redactor)),
            ("status", status),
            ("response", Self.payload(response, contentType: responseContentType, redactor: redactor)),
        ]
        let members = fields.map { key, value in "\"\(key)\":\(Self.encode(value))" }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// IntegrationKit's lists and no registered secrets: what a line shows when nobody passed
    /// the app's redactor.
    public static let defaultRedactor = Redactor()

    /// Query and form fields whose value is secret: the redactor's parameters (`code`,
    /// `fb_exchange_token`…) and its JSON keys (`password`, `token`…), as `Redactor` itself
    /// masks both in `name=value` text.
    static func isSecretField(_ name: String, _ redactor: Redactor) -> Bool {
        let name = name.lowercased()
        return redactor.sensitiveParameters.contains(name) || redactor.sensitiveBodyKeys.contains(name)
    }

    /// Names to values; a repeated name keeps every value, in order, as an array.
    static func queryObject(_ query: String?, redactor: Redactor) -> [String: Any] {
        var values: [String: [String]] = [:]
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let raw = parts.count > 1 ? String(parts[1]) : ""
            let value = isSecretField(name, redactor) ? Redactor.placeholder : redactor.redact(raw.removingPercentEncoding ?? raw)
            values[name, default: []].append(value)
        }
        return values.mapValues { $0.count == 1 ? $0[0] as Any : $0 as Any }
    }

    /// Names as sent; a repeated header joined with ", " (RFC 9110 §5.3).
    static func headerObject(_ headers: HTTPHeaders, redactor: Redactor) -> [String: Any] {
        var object: [String: String] = [:]
        for (name, value) in headers {
            let shown = redactor.sensitiveHeaders.contains(name.lowercased()) ? Redactor.placeholder : redactor.redact(value)
            object[name] = object[name].map { "\($0), \(shown)" } ?? shown
        }
        return object
    }

    static func payload(_ data: Data?, contentType: String?, redactor: Redactor) -> Any {
        guard let data, !data.isEmpty else { return NSNull() }
        let type = contentType?.lowercased() ?? ""
        let looksLikeJSON = type.contains("json")
            || (type.isEmpty && data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }).map { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") } == true)
        if looksLikeJSON, let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
            return redactJSON(object, redactor: redactor)
        }
        let text = String(decoding: data, as: UTF8.self)
        if type.contains("application/x-www-form-urlencoded") {
            return redactForm(text, redactor: redactor)
        }
        return redactor.redact(text)
    }

    /// Secret keys' values replaced (the redactor's JSON keys: not `code`, which in JSON is an
    /// error code worth keeping), and every string scrubbed of registered secrets.
    static func redactJSON(_ value: Any, redactor: Redactor) -> Any {
        if let object = value as? [String: Any] {
            var redacted: [String: Any] = [:]
            for (key, member) in object {
                redacted[key] = redactor.sensitiveBodyKeys.contains(key.lowercased()) ? Redactor.placeholder : redactJSON(member, redactor: redactor)
            }
            return redacted
        }
        if let array = value as? [Any] {
            return array.map { redactJSON($0, redactor: redactor) }
        }
        if let string = value as? String {
            return redactor.redact(string)
        }
        return value
    }

    /// Keeps the form as sent, with the value of every secret field replaced and registered
    /// secrets (percent-encoded or not) masked in the rest.
    static func redactForm(_ form: String, redactor: Redactor) -> String {
        let fields = form.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let rawName = String(parts[0])
            let name = rawName.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? rawName
            return isSecretField(name, redactor) ? "\(rawName)=\(Redactor.placeholder)" : String(pair)
        }
        return redactor.redact(fields.joined(separator: "&"))
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
