import Foundation
import ShoppyShopCore
import Vapor

/// `shoppyshop tokens …`: bearer tokens for the JSON API (`/api/v1`).
struct TokensCommands: AsyncCommandGroup {
    var help: String { "API tokens: create --name NAME | list | revoke NAME" }

    var commands: [String: any AnyAsyncCommand] {
        ["create": Create(), "list": List(), "revoke": Revoke()]
    }

    struct Create: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "name", help: "What the token is for, e.g. reporting (unique).")
            var name: String?
            init() {}
        }

        var help: String { "Creates an API token and prints it once. Example: tokens create --name reporting" }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard let name = signature.name else { throw TokensCommands.fail(context, "--name is required, e.g. tokens create --name reporting") }
            try await context.application.prepareDatabase()
            do {
                let (_, token) = try await APITokens(database: context.application.db).create(name: name)
                // The plaintext goes to stdout only, never to the log.
                context.console.print(token)
                context.console.print("Token \"\(name)\" created. Copy it now: it cannot be shown again (only its hash is stored).")
                context.console.print("Use it as: Authorization: Bearer <token>")
            } catch let error as APITokens.TokenError {
                throw TokensCommands.fail(context, error.description)
            }
        }
    }

    struct List: AsyncCommand {
        struct Signature: CommandSignature { init() {} }
        var help: String { "Lists API tokens: name, created, last used (never the token)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            try await context.application.prepareDatabase()
            let rows = try await APITokens(database: context.application.db).list()
            if rows.isEmpty { context.console.print("No API tokens. Create one with: shoppyshop tokens create --name NAME") }
            let format = ISO8601DateFormatter()
            for row in rows {
                context.console.print("\(row.name)  created \(format.string(from: row.createdAt))  last used \(row.lastUsedAt.map(format.string) ?? "never")")
            }
        }
    }

    struct Revoke: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "name", help: "The token's name, as `tokens list` shows it.")
            var name: String
            init() {}
        }

        var help: String { "Revokes an API token at once." }

        func run(using context: CommandContext, signature: Signature) async throws {
            try await context.application.prepareDatabase()
            do {
                try await APITokens(database: context.application.db).revoke(name: signature.name)
                context.console.success("Token \"\(signature.name)\" revoked.")
            } catch let error as APITokens.TokenError {
                throw TokensCommands.fail(context, error.description)
            }
        }
    }

    static func fail(_ context: CommandContext, _ message: String) -> CommandFailure {
        context.console.error(message)
        return CommandFailure(description: message)
    }
}
