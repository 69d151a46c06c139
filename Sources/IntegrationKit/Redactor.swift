import Foundation

/// Removes secrets from anything that may reach a log: URLs, headers, bodies, free text.
///
/// Three nets, applied together: registered secret values are replaced wherever they appear;
/// values of secret-bearing names are replaced in `name=value` (query strings, form bodies),
/// `"name": "value"` (JSON) and `name: value` (header dumps) forms; and `Bearer`/`Basic`
/// credentials are replaced wherever they are printed.
public struct Redactor: Sendable {
    public static let placeholder = "[REDACTED]"

    /// Headers whose whole value is secret. Lower-case.
    public static let defaultSensitiveHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie",
        "x-shopify-access-token", "x-shopify-hmac-sha256", "shopify-hmac-sha256",
        "x-ebay-signature",
    ]
    /// Query and form parameters whose value is secret. `code` is the OAuth authorization code;
    /// `fb_exchange_token`/`input_token` carry Meta tokens.
    public static let defaultSensitiveParameters: Set<String> = [
        "access_token", "client_secret", "refresh_token", "code", "appsecret_proof",
        "fb_exchange_token", "input_token",
    ]
    /// JSON keys whose value is secret. Not `code`: in JSON it is an error code worth keeping.
    public static let defaultSensitiveBodyKeys: Set<String> = [
        "access_token", "refresh_token", "client_secret", "password", "token", "appsecret_proof",
    ]

    public let secrets: SecretRegistry
    public let sensitiveHeaders: Set<String>
    public let sensitiveParameters: Set<String>
    public let sensitiveBodyKeys: Set<String>
    private let scrubber: Scrubber

    public init(
        secrets: SecretRegistry = SecretRegistry(),
        sensitiveHeaders: Set<String> = Redactor.defaultSensitiveHeaders,
        sensitiveParameters: Set<String> = Redactor.defaultSensitiveParameters,
        sensitiveBodyKeys: Set<String> = Redactor.defaultSensitiveBodyKeys
    ) {
        self.secrets = secrets
        self.sensitiveHeaders = Set(sensitiveHeaders.map { $0.lowercased() })
        self.sensitiveParameters = Set(sensitiveParameters.map { $0.lowercased() })
        self.sensitiveBodyKeys = Set(sensitiveBodyKeys.map { $0.lowercased() })
        self.scrubber = Scrubber(headers: self.sensitiveHeaders, parameters: self.sensitiveParameters, bodyKeys: self.sensitiveBodyKeys)
    }

    /// Whether a header, parameter, JSON key or log-metadata key of this name holds a secret.
    public func isSensitive(name: String) -> Bool {
        let name = name.lowercased()
        return sensitiveHeaders.contains(name) || sensitiveParameters.contains(name) || sensitiveBodyKeys.contains(name)
    }

    /// Redacts free text: log messages, error descriptions, body snippets.
    public func redact(_ text: String) -> String {
        var bytes = Array(text.utf8)
        let patterns = secrets.snapshot
        var changed = false
        if !patterns.isEmpty {
            changed = Self.replaceSecrets(patterns, in: &bytes)
        }
        if let scrubbed = scrubber.scrub(bytes) {
            return String(decoding: scrubbed, as: UTF8.self)
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    /// The URL as loggable text: secret query parameters, any password and registered secrets replaced.
    public func redact(url: URL) -> String {
        var text = url.absoluteString
        if url.password != nil, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) {
            components.password = "REDACTED"
            text = components.string ?? text
        }
        return redact(text)
    }

    /// A copy with secret header values replaced and the rest scrubbed of registered secrets.
    public func redact(headers: HTTPHeaderFields) -> HTTPHeaderFields {
        HTTPHeaderFields(headers.map { field in
            HTTPHeaderFields.Field(
                name: field.name,
                value: sensitiveHeaders.contains(field.name.lowercased()) ? Self.placeholder : redact(field.value)
            )
        })
    }

    /// The start of a body as redacted text, for error messages and debug logs.
    public func snippet(of body: Data, limit: Int = 512) -> String {
        guard !body.isEmpty else { return "" }
        // Redact the whole prefix before cutting, so a cut never splits a secret out of a pattern.
        let prefix = body.prefix(limit * 2)
        // Lossy decoding keeps a snippet whose cut split a multi-byte character; NULs or many
        // replacement characters mean the body is not text at all.
        let text = String(decoding: prefix, as: UTF8.self)
        let replacements = text.unicodeScalars.lazy.filter { $0 == "\u{FFFD}" }.count
        guard !prefix.contains(0), replacements * 10 <= text.unicodeScalars.count else {
            return "<\(body.count) bytes of binary>"
        }
        var redacted = redact(text)
        if redacted.count > limit {
            redacted = String(redacted.prefix(limit)) + "…"
        } else if body.count > prefix.count {
            redacted += "…"
        }
        return redacted
    }

    /// Replaces every occurrence of each pattern; patterns come longest first.
    ///
    /// A pattern byte also matches its percent-encoded form (`%5E`/`%5e` for `^`, as query
    /// strings and form bodies carry eBay tokens, whatever set of characters the encoder chose
    /// to escape) and its JSON escape (`\/` for `/`).
    static func replaceSecrets(_ patterns: [[UInt8]], in bytes: inout [UInt8]) -> Bool {
        var changed = false
        let placeholder = Array(Self.placeholder.utf8)
        for pattern in patterns where !pattern.isEmpty && bytes.count >= pattern.count {
            var output: [UInt8] = []
            var index = 0
            var copiedUpTo = 0
            while index < bytes.count {
                if let end = match(pattern, in: bytes, at: index) {
                    output.append(contentsOf: bytes[copiedUpTo..<index])
                    output.append(contentsOf: placeholder)
                    index = end
                    copiedUpTo = end
                } else {
                    index += 1
                }
            }
            if copiedUpTo > 0 {
                output.append(contentsOf: bytes[copiedUpTo...])
                bytes = output
                changed = true
            }
        }
        return changed
    }

    /// The end of `pattern` matched at `start`, or `nil`.
    private static func match(_ pattern: [UInt8], in bytes: [UInt8], at start: Int) -> Int? {
        var cursor = start
        for expected in pattern {
            guard cursor < bytes.count else { return nil }
            let byte = bytes[cursor]
            if byte == expected {
                cursor += 1
            } else if byte == UInt8(ascii: "%"), cursor + 2 < bytes.count,
                      let high = hexValue(bytes[cursor + 1]), let low = hexValue(bytes[cursor + 2]),
                      high << 4 | low == expected {
                cursor += 3
            } else if byte == UInt8(ascii: "\\"), cursor + 1 < bytes.count, bytes[cursor + 1] == expected,
                      expected == UInt8(ascii: "/") || expected == UInt8(ascii: "\"") || expected == UInt8(ascii: "\\") {
                cursor += 2
            } else {
                return nil
            }
        }
        return cursor
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// One pass over UTF-8 bytes that finds secret-bearing names and replaces their values.
private struct Scrubber: Sendable {
    struct Kind: OptionSet, Sendable {
        let rawValue: UInt8
        static let equals = Kind(rawValue: 1)      // name=value
        static let colon = Kind(rawValue: 2)       // "name": "value", name: value, ("name", "value")
        static let wholeLine = Kind(rawValue: 4)   // header: an unquoted value runs to the end of the line
    }

    let names: [[UInt8]: Kind]
    let placeholder = Array(Redactor.placeholder.utf8)

    init(headers: Set<String>, parameters: Set<String>, bodyKeys: Set<String>) {
        var names: [[UInt8]: Kind] = [:]
        for name in parameters { names[Array(name.utf8), default: []].insert(.equals) }
        for name in bodyKeys { names[Array(name.utf8), default: []].formUnion([.equals, .colon]) }
        for name in headers { names[Array(name.utf8), default: []].formUnion([.colon, .wholeLine]) }
        self.names = names
    }

    /// The scrubbed bytes, or `nil` when nothing needed replacing.
    func scrub(_ bytes: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        var changed = false
        var index = 0
        var copiedUpTo = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            guard Self.isNameByte(byte), index == 0 || !Self.isNameByte(bytes[index - 1]) else {
                index += 1
                continue
            }
            var end = index
            while end < count, Self.isNameByte(bytes[end]) { end += 1 }
            let word = bytes[index..<end].map(Self.lowercased)

            var replace: Range<Int>?
            if word == Self.bearer || word == Self.basic {
                // "Basic" is also an English word: only a long base64-like token after it counts.
                replace = credential(after: end, in: bytes, minimumLength: word == Self.bearer ? 8 : 16)
            } else if let kind = names[word] {
                replace = value(after: end, nameStart: index, kind: kind, in: bytes)
            }
            if let range = replace {
                if !changed { output.reserveCapacity(count + 16) }
                changed = true
                output.append(contentsOf: bytes[copiedUpTo..<range.lowerBound])
                output.append(contentsOf: placeholder)
                copiedUpTo = range.upperBound
                index = range.upperBound
            } else {
                index = end
            }
        }
        guard changed else { return nil }
        output.append(contentsOf: bytes[copiedUpTo..<count])
        return output
    }

    /// After `Bearer`/`Basic`: spaces then a token of credential characters.
    private func credential(after end: Int, in bytes: [UInt8], minimumLength: Int) -> Range<Int>? {
        var start = end
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
        guard start > end else { return nil }
        var stop = start
        while stop < bytes.count, !Self.isValueDelimiter(bytes[stop]) { stop += 1 }
        guard stop - start >= minimumLength, !bytes[start..<stop].starts(with: placeholder) else { return nil }
        return start..<stop
    }

    /// The range of the value that follows a sensitive name, without surrounding quotes.
    private func value(after end: Int, nameStart: Int, kind: Kind, in bytes: [UInt8]) -> Range<Int>? {
        let count = bytes.count
        var cursor = end
        // A quoted name: `"name"` or, inside an escaped JSON string, `\"name\"`.
        let nameQuoted = nameStart > 0 && (bytes[nameStart - 1] == Self.quote || bytes[nameStart - 1] == Self.apostrophe)
        if cursor + 1 < count, bytes[cursor] == Self.backslash, bytes[cursor + 1] == Self.quote { cursor += 2 }
        else if cursor < count, bytes[cursor] == Self.quote || bytes[cursor] == Self.apostrophe { cursor += 1 }
        while cursor < count, bytes[cursor] == Self.space { cursor += 1 }
        guard cursor < count else { return nil }

        let separator = bytes[cursor]
        switch separator {
        case UInt8(ascii: "="):
            guard kind.contains(.equals) else { return nil }
        case UInt8(ascii: ":"):
            guard kind.contains(.colon) else { return nil }
        case UInt8(ascii: ","):
            // `("name", "value")`, as NIO prints header tuples.
            guard kind.contains(.colon), nameQuoted else { return nil }
        default:
            return nil
        }
        cursor += 1
        while cursor < count, bytes[cursor] == Self.space { cursor += 1 }
        guard cursor < count else { return nil }

        // Quoted value: `"..."`, `'...'` or escaped `\"...\"`.
        if bytes[cursor] == Self.backslash, cursor + 1 < count, bytes[cursor + 1] == Self.quote {
            let start = cursor + 2
            var stop = start
            while stop + 1 < count, !(bytes[stop] == Self.backslash && bytes[stop + 1] == Self.quote) { stop += 1 }
            if stop + 1 >= count { stop = count }
            return start < stop ? start..<stop : nil
        }
        if bytes[cursor] == Self.quote || bytes[cursor] == Self.apostrophe {
            let quote = bytes[cursor]
            let start = cursor + 1
            var stop = start
            while stop < count, bytes[stop] != quote {
                stop += bytes[stop] == Self.backslash ? 2 : 1
            }
            stop = min(stop, count)
            guard start < stop, !bytes[start..<stop].elementsEqual(placeholder) else { return nil }
            return start..<stop
        }
        if separator == UInt8(ascii: ",") { return nil }
        guard !bytes[cursor...].starts(with: placeholder) else { return nil }

        let start = cursor
        var stop = start
        if kind.contains(.wholeLine) && separator == UInt8(ascii: ":") {
            while stop < count, bytes[stop] != UInt8(ascii: "\n"), bytes[stop] != UInt8(ascii: "\r") { stop += 1 }
        } else {
            while stop < count, !Self.isValueDelimiter(bytes[stop]) { stop += 1 }
        }
        return start < stop ? start..<stop : nil
    }

    private static let quote = UInt8(ascii: "\"")
    private static let apostrophe = UInt8(ascii: "'")
    private static let backslash = UInt8(ascii: "\\")
    private static let space = UInt8(ascii: " ")
    private static let bearer = Array("bearer".utf8)
    private static let basic = Array("basic".utf8)

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    private static func isValueDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
             UInt8(ascii: "&"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\""),
             UInt8(ascii: "'"), UInt8(ascii: "}"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"):
            true
        default:
            false
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
