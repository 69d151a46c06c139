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
        try await app.startSandboxIfNeeded(shareServeSandbox: false)
        await app.background.start(app, workers: true, scheduler: true)
        try await app.startSyncing()
        // Vapor's own serve (signals, shutdown), given no flags: it listens where the
        // configuration says.
        var noFlags = CommandInput(arguments: ["serve"])
        let vaporSignature = try ServeCommand.Signature(from: &noFlags)
        try await app.servers.asyncCommand.run(using: context, signature: vaporSignature)
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
            let loopback = ["127.0.0.1", "localhost", "::1"].contains(hostname)
            // The same rule as HOST at boot: live credentials are never served to the network
            // without a login.
            if !loopback, app.config.mode == .live, app.config.admin == nil {
                throw CommandFailure(code: 78, description: "refusing to serve live credentials on \(hostname) without ADMIN_USERNAME and ADMIN_PASSWORD")
            }
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
