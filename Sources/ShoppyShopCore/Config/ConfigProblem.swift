/// One thing wrong with the configuration: which key, where it came from, what is wrong and
/// how to fix it. All problems are collected and reported together before anything starts.
public struct ConfigProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var key: String
    public var source: String?
    public var message: String
    public var fix: String

    public init(key: String, source: String? = nil, message: String, fix: String) {
        self.key = key
        self.source = source
        self.message = message
        self.fix = fix
    }

    public var description: String {
        let origin = source.map { " (\($0))" } ?? ""
        return "\(key)\(origin): \(message). Fix: \(fix)"
    }
}

/// Every problem found, as one message.
public struct ConfigReport: Error, Sendable, CustomStringConvertible {
    public var problems: [ConfigProblem]
    public var warnings: [ConfigProblem]

    public var description: String {
        var lines = ["Configuration has \(problems.count) problem\(problems.count == 1 ? "" : "s"):"]
        lines += problems.enumerated().map { "  \($0.offset + 1). \($0.element)" }
        if !warnings.isEmpty {
            lines.append("Warnings:")
            lines += warnings.map { "  - \($0)" }
        }
        lines.append("Every key is documented in .env.example; `shoppyshop config check` shows the effective configuration.")
        return lines.joined(separator: "\n")
    }
}
