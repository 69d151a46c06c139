import Fluent
import Foundation
import ShoppyShopCore
import Vapor

/// `shoppyshop users …`: who may sign in to the dashboard.
struct UsersCommands: AsyncCommandGroup {
    var help: String { "Dashboard users: create | password | list | remove" }

    var commands: [String: any AnyAsyncCommand] {
        ["create": Create(), "password": Password(), "list": List(), "remove": Remove()]
    }

    struct EmailSignature: CommandSignature {
        @Option(name: "email", short: "e", help: "The address the user signs in with.")
        var email: String?
        @Flag(name: "password-stdin", help: "Read the password from standard input (one line) instead of prompting.")
        var passwordStdin: Bool
        init() {}
    }

    struct Create: AsyncCommand {
        typealias Signature = EmailSignature
        var help: String { "Adds a user. Example: users create --email owner@example.com (the password is prompted, or --password-stdin)" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let email = try UsersCommands.email(context, signature)
            let password = try UsersCommands.password(context, stdin: signature.passwordStdin)
            try await context.application.prepareDatabase()
            do {
                let user = try await AdminAccounts.create(email: email, password: password, on: context.application)
                context.console.print("Created \(user.email); sign in at http://\(context.application.config.host):\(context.application.config.port)/login")
            } catch let invalid as AdminAccounts.Invalid {
                throw CommandFailure(code: 65, description: invalid.description)
            }
        }
    }

    struct Password: AsyncCommand {
        typealias Signature = EmailSignature
        var help: String { "Sets a user's password and signs them out everywhere." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let email = try UsersCommands.email(context, signature)
            let password = try UsersCommands.password(context, stdin: signature.passwordStdin)
            try await context.application.prepareDatabase()
            do {
                try await AdminAccounts.setPassword(email: email, password: password, on: context.application)
                context.console.print("Password of \(AdminUser.normalise(email)) changed; its sessions ended.")
            } catch let invalid as AdminAccounts.Invalid {
                throw CommandFailure(code: 65, description: invalid.description)
            }
        }
    }

    struct List: AsyncCommand {
        struct Signature: CommandSignature { init() {} }
        var help: String { "Lists the users and when each last signed in." }

        func run(using context: CommandContext, signature: Signature) async throws {
            try await context.application.prepareDatabase()
            let users = try await AdminUser.query(on: context.application.db).sort(\.$email).all()
            if users.isEmpty { context.console.print("No users yet: the next `serve` creates one, or run `users create`.") }
            let format = ISO8601DateFormatter()
            for user in users {
                context.console.print("\(user.email)  last sign-in \(user.lastSignInAt.map(format.string(from:)) ?? "never")")
            }
        }
    }

    struct Remove: AsyncCommand {
        typealias Signature = EmailSignature
        var help: String { "Removes a user and ends their sessions." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let email = AdminUser.normalise(try UsersCommands.email(context, signature))
            try await context.application.prepareDatabase()
            let db = context.application.db
            guard let user = try await AdminUser.query(on: db).filter(\.$email == email).first() else {
                throw CommandFailure(code: 65, description: "no user \(email); `users list` shows them")
            }
            try await AdminSession.query(on: db).filter(\.$user.$id == user.requireID()).delete()
            try await user.delete(on: db)
            context.console.print("Removed \(email).")
        }
    }

    static func email(_ context: CommandContext, _ signature: EmailSignature) throws -> String {
        guard let email = signature.email?.trimmingCharacters(in: .whitespaces), !email.isEmpty else {
            throw CommandFailure(code: 64, description: "--email is required, e.g. --email owner@example.com")
        }
        return email
    }

    static func password(_ context: CommandContext, stdin: Bool) throws -> String {
        if stdin {
            guard let line = readLine(strippingNewline: true) else {
                throw CommandFailure(code: 64, description: "--password-stdin: standard input was empty; pipe the password in, e.g. `printf %s \"$PW\" | shoppyshop users create --email … --password-stdin`")
            }
            return line
        }
        let first = context.console.ask("Password (12 characters or more):", isSecure: true)
        let second = context.console.ask("Again:", isSecure: true)
        guard first == second else { throw CommandFailure(code: 65, description: "the two passwords differ; nothing changed") }
        return first
    }
}
