import Foundation
import ShoppyShopCore
import Vapor

/// `shoppyshop secrets …`: the master key and encrypted `.env.<environment>.enc` files.
/// The environment is chosen with `--env` (`-e`) as for every command.
struct SecretsCommands: AsyncCommandGroup {
    var help: String {
        "Encrypted configuration: keygen | encrypt | decrypt | show. Example: shoppyshop secrets encrypt --env production"
    }

    var commands: [String: any AnyAsyncCommand] {
        ["keygen": Keygen(), "encrypt": Encrypt(), "decrypt": Decrypt(), "show": Show()]
    }

    struct NoArguments: CommandSignature { init() {} }

    struct Keygen: AsyncCommand {
        typealias Signature = NoArguments
        var help: String { "Writes a new random master key to master.key (or SHOPPYSHOP_MASTER_KEY_FILE), readable by you only. Never overwrites." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let boot = context.application.boot
            let source = ConfigSource.load(environment: context.application.environment.name, directory: boot.directory, processEnvironment: boot.processEnvironment)
            let name = source[.masterKeyFile]?.value ?? "master.key"
            let path = MasterKey.filePath(name, in: boot.directory)
            do {
                let key = try MasterKey.writeNewKeyFile(at: path)
                context.console.success("Wrote \(path) (key id \(key.id)). Back it up: without it, encrypted files and stored tokens cannot be read.")
            } catch {
                context.console.error("Cannot create the key: \(error)")
                throw CommandFailure(description: "secrets keygen failed")
            }
        }
    }

    struct Encrypt: AsyncCommand {
        typealias Signature = NoArguments
        var help: String { "Encrypts .env.<env> into .env.<env>.enc with the master key (AES-GCM-256). Example: secrets encrypt --env production" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let (environment, directory, box) = try SecretsCommands.prepare(context)
            let plainPath = EncryptedEnvFile.plainPath(for: environment, in: directory)
            guard let plain = try? String(contentsOfFile: plainPath, encoding: .utf8) else {
                throw SecretsCommands.fail(context, "cannot read \(plainPath): create it first (KEY=value lines)")
            }
            let parsed = DotEnv.parse(plain)
            guard parsed.errors.isEmpty else {
                for error in parsed.errors { context.console.error(".env.\(environment) line \(error.line): \(error.message)") }
                throw SecretsCommands.fail(context, "fix the lines above, then encrypt again")
            }
            let sealed = try EncryptedEnvFile.encrypt(plain, environment: environment, box: box)
            let target = EncryptedEnvFile.path(for: environment, in: directory)
            try sealed.write(toFile: target, atomically: true, encoding: .utf8)
            context.console.success("Wrote \(target): \(parsed.entries.count) keys, key id \(box.keyID).")
            context.console.print("You may now delete \(plainPath); `secrets decrypt --env \(environment)` restores it.")
        }
    }

    struct Decrypt: AsyncCommand {
        struct Signature: CommandSignature {
            @Flag(name: "force", help: "Overwrite an existing .env.<env>.")
            var force: Bool
            init() {}
        }

        var help: String { "Decrypts .env.<env>.enc back into .env.<env> for editing (refuses to overwrite without --force)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let (environment, directory, box) = try SecretsCommands.prepare(context)
            let plain = try SecretsCommands.open(context, environment: environment, directory: directory, box: box)
            let target = EncryptedEnvFile.plainPath(for: environment, in: directory)
            if FileManager.default.fileExists(atPath: target) && !signature.force {
                throw SecretsCommands.fail(context, "\(target) exists; pass --force to overwrite it")
            }
            guard FileManager.default.createFile(atPath: target, contents: Data(plain.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw SecretsCommands.fail(context, "cannot write \(target)")
            }
            context.console.success("Wrote \(target) (readable by you only). It is gitignored; encrypt again after editing.")
        }
    }

    struct Show: AsyncCommand {
        typealias Signature = NoArguments
        var help: String { "Lists the keys in .env.<env>.enc with their values redacted." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let (environment, directory, box) = try SecretsCommands.prepare(context)
            let plain = try SecretsCommands.open(context, environment: environment, directory: directory, box: box)
            let entries = DotEnv.parse(plain).entries
            context.console.print(".env.\(environment).enc (key id \(box.keyID)): \(entries.count) keys")
            for entry in entries {
                let known = ConfigKey(rawValue: entry.key) == nil ? "  (unknown key)" : ""
                context.console.print("  \(entry.key) = \(ConfigKey.redact(entry.value))\(known)")
            }
        }
    }

    static func prepare(_ context: CommandContext) throws -> (String, String, SecretBox) {
        let boot = context.application.boot
        let environment = context.application.environment.name
        let source = ConfigSource.load(environment: environment, directory: boot.directory, processEnvironment: boot.processEnvironment)
        switch source.masterKey(directory: boot.directory) {
        case .success(let key?):
            return (environment, boot.directory, SecretBox(key: key))
        case .success(nil):
            throw fail(context, "no master key: set SHOPPYSHOP_MASTER_KEY or run `shoppyshop secrets keygen`")
        case .failure(let problem):
            throw fail(context, problem.description)
        }
    }

    static func open(_ context: CommandContext, environment: String, directory: String, box: SecretBox) throws -> String {
        let path = EncryptedEnvFile.path(for: environment, in: directory)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw fail(context, "cannot read \(path); create it with `shoppyshop secrets encrypt --env \(environment)`")
        }
        do {
            return try EncryptedEnvFile.decrypt(text, environment: environment, box: box)
        } catch {
            throw fail(context, "cannot decrypt \(path): \(error)")
        }
    }

    static func fail(_ context: CommandContext, _ message: String) -> CommandFailure {
        context.console.error(message)
        return CommandFailure(description: message)
    }
}
