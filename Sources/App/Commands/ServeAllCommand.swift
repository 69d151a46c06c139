import Foundation
import ShoppyShopCore
import Vapor

/// `shoppyshop serve`: the dashboard, workers and scheduler in one process.
struct ServeAllCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", short: "H", help: "Address to listen on (default HOST, 127.0.0.1).")
        var hostname: String?
        @Option(name: "port", short: "p", help: "Port to listen on (default PORT, 8080).")
        var port: Int?
        @Option(name: "bind", short: "b", help: "hostname:port in one option.")
        var bind: String?
        init() {}
    }

    var help: String {
        """
        Runs the web dashboard, background workers and the scheduler in one process \
        (default http://127.0.0.1:8080; HOST/PORT or --hostname/--port change it). \
        With no vendor credentials configured it runs against the built-in sandbox. \
        SQLite is migrated automatically. Stop with Ctrl-C or SIGTERM: running jobs finish or are released.
        """
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try app.ensureMasterKey()
        try await app.prepareDatabase()
        try apply(signature, to: app)
        announceMode(app)
        try await announceFirstUser(app, console: context.console)
        try await app.startSandboxIfNeeded(shareServeSandbox: false)
        await app.background.start(app, workers: true, scheduler: true)
        try await app.startSyncing()
        // Vapor's own serve (signals, shutdown), given no flags: it listens where the
        // configuration says.
        var noFlags = CommandInput(arguments: ["serve"])
        let vaporSignature = try ServeCommand.Signature(from: &noFlags)
        try await app.servers.asyncCommand.run(using: context, signature: vaporSignature)
    }

    /// A first start creates the first dashboard user; a generated password is shown here once
    /// (on the console, never in the log, never stored in plaintext).
    private func announceFirstUser(_ app: Application, console: any Console) async throws {
        do {
            guard let created = try await AdminAccounts.ensureFirst(on: app) else { return }
            let url = "http://\(app.http.server.configuration.hostname):\(app.http.server.configuration.port)/login"
            if let password = created.password {
                console.print("")
                console.print("Dashboard sign-in (shown once; change it with `shoppyshop users password --email \(created.email)`):")
                console.print("  \(url)")
                console.print("  email     \(created.email)")
                console.print("  password  \(password)")
                console.print("")
            } else {
                console.print("Dashboard user \(created.email) created from ADMIN_EMAIL; sign in at \(url)")
            }
        } catch let invalid as AdminAccounts.Invalid {
            throw CommandFailure(code: 78, description: "ADMIN_EMAIL/ADMIN_PASSWORD: \(invalid.description)")
        }
    }

    private func apply(_ signature: Signature, to app: Application) throws {
        var hostname = signature.hostname
        var port = signature.port
        if let bind = signature.bind {
            let parts = bind.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let bound = Int(parts[1]) else {
                throw CommandFailure(code: 64, description: "--bind wants hostname:port, e.g. 127.0.0.1:8080")
            }
            hostname = parts[0]
            port = bound
        }
        if let hostname {
            app.http.server.configuration.hostname = hostname
        }
        if let port {
            guard (0...65_535).contains(port) else { throw CommandFailure(code: 64, description: "--port must be between 0 and 65535") }
            app.http.server.configuration.port = port
        }
    }

    private func announceMode(_ app: Application) {
        switch app.config.mode {
        case .sandbox:
            app.logger.notice("Sandbox mode: no vendor credentials configured; Shopify, eBay and Meta are the built-in sandbox with a demo store of \(app.config.sandbox.products) products")
        case .live:
            let live = [app.config.shopify.map { _ in "Shopify" }, app.config.ebay.map { _ in "eBay" }, app.config.meta.map { _ in "Meta" }]
                .compactMap { $0 }
            app.logger.notice("Live mode: \(live.joined(separator: ", ")) configured")
        }
    }
}
