import Foundation

/// Where configuration values come from, in increasing precedence: `.env`,
/// `.env.<environment>`, `.env.<environment>.enc` (decrypted in memory), the process
/// environment. Values are kept with their source so problems can say where to look.
public struct ConfigSource: Sendable {
    public struct Value: Sendable, Equatable {
        public var value: String
        public var origin: String
    }

    public var values: [String: Value] = [:]
    public var problems: [ConfigProblem] = []
    public var warnings: [ConfigProblem] = []
    /// Keys read from files that the app does not know (typos, leftovers).
    public var unknownFileKeys: [(key: String, origin: String)] = []

    public init() {}

    public subscript(key: ConfigKey) -> Value? {
        guard let found = values[key.rawValue], !found.value.isEmpty else { return nil }
        return found
    }

    public static func load(
        environment: String,
        directory: String,
        processEnvironment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ConfigSource {
        var source = ConfigSource()
        for name in [".env", ".env.\(environment)"] {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            source.merge(text: text, fileName: name)
        }
        for (key, value) in processEnvironment where ConfigKey(rawValue: key) != nil {
            source.values[key] = Value(value: value, origin: "process environment")
        }
        source.mergeEncrypted(environment: environment, directory: directory, processEnvironment: processEnvironment)
        return source
    }

    /// Builds a source from literal values (tests, `config check` of a given file).
    public static func literal(_ values: [String: String], origin: String = "literal") -> ConfigSource {
        var source = ConfigSource()
        for (key, value) in values { source.values[key] = Value(value: value, origin: origin) }
        return source
    }

    mutating func merge(text: String, fileName: String) {
        let parsed = DotEnv.parse(text)
        for error in parsed.errors {
            problems.append(ConfigProblem(
                key: "\(fileName) line \(error.line)", message: error.message,
                fix: "write it as KEY=value (quote values containing spaces or #)"))
        }
        for entry in parsed.entries {
            let origin = "\(fileName):\(entry.line)"
            if ConfigKey(rawValue: entry.key) == nil {
                unknownFileKeys.append((entry.key, origin))
            }
            values[entry.key] = Value(value: entry.value, origin: origin)
        }
    }

    /// The master key, from `SHOPPYSHOP_MASTER_KEY` or the key file; nil when neither is set.
    public func masterKey(directory: String) -> Result<MasterKey?, ConfigProblem> {
        if let given = self[.masterKey] {
            do { return .success(try MasterKey(base64: given.value)) } catch {
                return .failure(ConfigProblem(
                    key: ConfigKey.masterKey.rawValue, source: given.origin, message: "the key \(error)",
                    fix: "run `shoppyshop secrets keygen` or set a base64 32-byte key"))
            }
        }
        let name = self[.masterKeyFile]?.value ?? "master.key"
        let path = MasterKey.filePath(name, in: directory)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            if let given = self[.masterKeyFile] {
                return .failure(ConfigProblem(
                    key: ConfigKey.masterKeyFile.rawValue, source: given.origin, message: "cannot read \(path)",
                    fix: "point it at an existing key file or create one with `shoppyshop secrets keygen`"))
            }
            return .success(nil)
        }
        do { return .success(try MasterKey(base64: text)) } catch {
            return .failure(ConfigProblem(
                key: ConfigKey.masterKeyFile.rawValue, source: path, message: "the key in the file \(error)",
                fix: "replace the file with one from `shoppyshop secrets keygen`"))
        }
    }

    private mutating func mergeEncrypted(environment: String, directory: String, processEnvironment: [String: String]) {
        let path = EncryptedEnvFile.path(for: environment, in: directory)
        guard let fileText = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        let name = ".env.\(environment).enc"
        switch masterKey(directory: directory) {
        case .failure(let problem):
            problems.append(problem)
        case .success(nil):
            problems.append(ConfigProblem(
                key: name, message: "the file is present but no master key is configured",
                fix: "set SHOPPYSHOP_MASTER_KEY or put the key in master.key (SHOPPYSHOP_MASTER_KEY_FILE)"))
        case .success(let key?):
            do {
                let plain = try EncryptedEnvFile.decrypt(fileText, environment: environment, box: SecretBox(key: key))
                let processValues = values.filter { $0.value.origin == "process environment" }
                merge(text: plain, fileName: name)
                values.merge(processValues) { _, process in process }
            } catch {
                problems.append(ConfigProblem(
                    key: name, message: "cannot decrypt: \(error)",
                    fix: "use the key it was encrypted with, or re-create it with `shoppyshop secrets encrypt --env \(environment)`"))
            }
        }
    }
}
