import Foundation

/// Parser for `.env` files: `KEY=value`, `export KEY=value`, `#` comments, blank lines,
/// double quotes (with \n, \", \\ escapes), single quotes (literal), inline ` #` comments.
/// Malformed lines are reported with their line number, never skipped silently.
public enum DotEnv {
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: String
        public var line: Int
    }

    public struct LineError: Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    public static func parse(_ text: String) -> (entries: [Entry], errors: [LineError]) {
        var entries: [Entry] = []
        var errors: [LineError] = []
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let number = offset + 1
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard let eq = line.firstIndex(of: "=") else {
                errors.append(.init(line: number, message: "expected KEY=value, found \"\(line.prefix(40))\""))
                continue
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            guard key.range(of: #"^[A-Za-z_][A-Za-z0-9_]*$"#, options: .regularExpression) != nil else {
                errors.append(.init(line: number, message: "\"\(key.prefix(40))\" is not a valid key (letters, digits and _ only)"))
                continue
            }
            let rest = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            switch value(of: rest) {
            case .success(let value): entries.append(.init(key: key, value: value, line: number))
            case .failure(let message): errors.append(.init(line: number, message: "\(key): \(message.text)"))
            }
        }
        return (entries, errors)
    }

    struct Message: Error { var text: String }

    private static func value(of raw: String) -> Result<String, Message> {
        if raw.hasPrefix("\"") {
            var result = ""
            var escaping = false
            for (index, char) in raw.dropFirst().enumerated() {
                if escaping {
                    switch char {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    default: result.append(char)
                    }
                    escaping = false
                } else if char == "\\" {
                    escaping = true
                } else if char == "\"" {
                    let after = raw.dropFirst(index + 2).trimmingCharacters(in: .whitespaces)
                    guard after.isEmpty || after.hasPrefix("#") else {
                        return .failure(Message(text: "unexpected text after the closing quote"))
                    }
                    return .success(result)
                } else {
                    result.append(char)
                }
            }
            return .failure(Message(text: "missing closing double quote"))
        }
        if raw.hasPrefix("'") {
            let body = raw.dropFirst()
            guard let close = body.firstIndex(of: "'") else {
                return .failure(Message(text: "missing closing single quote"))
            }
            let after = body[body.index(after: close)...].trimmingCharacters(in: .whitespaces)
            guard after.isEmpty || after.hasPrefix("#") else {
                return .failure(Message(text: "unexpected text after the closing quote"))
            }
            return .success(String(body[..<close]))
        }
        if let comment = raw.range(of: " #") {
            return .success(raw[..<comment.lowerBound].trimmingCharacters(in: .whitespaces))
        }
        return .success(raw)
    }
}
