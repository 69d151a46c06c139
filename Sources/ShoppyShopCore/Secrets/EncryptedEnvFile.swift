import Foundation

/// `.env.<environment>.enc`: the plain `.env.<environment>` sealed with the master key. The
/// environment name is authenticated too, so a staging file cannot pass for production.
public enum EncryptedEnvFile {
    public static func path(for environment: String, in directory: String) -> String {
        (directory as NSString).appendingPathComponent(".env.\(environment).enc")
    }

    public static func plainPath(for environment: String, in directory: String) -> String {
        (directory as NSString).appendingPathComponent(".env.\(environment)")
    }

    static func context(_ environment: String) -> String { "shoppyshop-env:\(environment)" }

    public static func encrypt(_ plaintext: String, environment: String, box: SecretBox) throws -> String {
        let header = "# ShoppyShop encrypted environment for \"\(environment)\" (AES-GCM-256, key id \(box.keyID)).\n"
            + "# Edit: shoppyshop secrets decrypt --env \(environment), change .env.\(environment), then encrypt again.\n"
        return header + (try box.sealString(plaintext, context: context(environment))) + "\n"
    }

    public static func decrypt(_ fileText: String, environment: String, box: SecretBox) throws -> String {
        let lines = fileText.split(whereSeparator: \.isNewline)
        // The header names the environment; a mismatch is a mix-up, not tampering, so say so.
        if let header = lines.first(where: { $0.hasPrefix("#") && $0.contains("environment for \"") }),
           let start = header.range(of: "for \""), let end = header[start.upperBound...].firstIndex(of: "\""),
           header[start.upperBound..<end] != environment {
            throw WrongEnvironment(fileEnvironment: String(header[start.upperBound..<end]), requested: environment)
        }
        let body = lines.filter { !$0.hasPrefix("#") }.joined()
        return try box.openString(body, context: context(environment))
    }

    public struct WrongEnvironment: Error, CustomStringConvertible {
        public var fileEnvironment: String
        public var requested: String
        public var description: String {
            "the file was encrypted for the \"\(fileEnvironment)\" environment, not \"\(requested)\"; rename or re-encrypt it with `shoppyshop secrets encrypt --env \(requested)`"
        }
    }
}
