import Foundation
import Sandbox
import ShoppyShopCore
import Vapor

/// `shoppyshop sandbox`: only the built-in Shopify, eBay and Meta stand-ins, on loopback,
/// until Ctrl-C. For trying clients by hand and for recording exchanges.
struct SandboxCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "products", help: "Demo store size, 1…100000 (default SANDBOX_PRODUCTS, 50).")
        var products: Int?
        @Option(name: "seed", help: "Demo store seed (default SANDBOX_SEED, 1): the same seed gives the same store.")
        var seed: Int?
        @Option(name: "record", help: "Append every exchange to this JSONL file (secrets redacted).")
        var record: String?
        @Option(name: "port", short: "p", help: "Port on 127.0.0.1 (default SANDBOX_PORT, or a free one).")
        var port: Int?
        @Option(name: "variants", help: "Give every product exactly this many variants, 1…6 (benchmarks).")
        var variants: Int?
        @Option(name: "check", help: "Check a recording instead of serving: every eBay exchange against eBay's contracts, every Shopify document against the 2025-01 schema, Meta GET only, secrets masked.")
        var check: String?
        @Option(name: "callback", help: "Where the stand-ins deliver webhooks and notifications: an app's base URL (default: this app's HOST:PORT).")
        var callback: String?
        init() {}
    }

    var help: String {
        "Runs only the built-in vendor stand-ins (Shopify Admin GraphQL, eBay REST with OAuth, Meta Graph) on 127.0.0.1 with a deterministic demo store. Example: sandbox --products 200 --record run.jsonl"
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if let path = signature.check {
            let report = try RecordingCheck.check(path: URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: app.boot.directory)).path)
            context.console.print(report.description)
            if !report.problems.isEmpty { throw CommandFailure(code: 1, description: "\(report.problems.count) problems in \(path)") }
            return
        }
        var configuration = try app.sandboxConfiguration()
        if let variants = signature.variants {
            guard (1...6).contains(variants) else { throw fail(context, "--variants must be between 1 and 6") }
            configuration.variantsPerProduct = variants
        }
        if let callback = signature.callback {
            guard let url = URL(string: callback), url.scheme?.hasPrefix("http") == true else { throw fail(context, "--callback wants a URL such as http://127.0.0.1:8080") }
            configuration.callbackBaseURL = url
        }
        if let products = signature.products {
            guard (1...100_000).contains(products) else { throw fail(context, "--products must be between 1 and 100000") }
            configuration.products = products
        }
        if let seed = signature.seed {
            guard seed >= 0 else { throw fail(context, "--seed must be 0 or more") }
            configuration.seed = UInt64(seed)
        }
        if let port = signature.port {
            guard (0...65_535).contains(port) else { throw fail(context, "--port must be between 0 and 65535") }
            configuration.port = port
        }
        if let record = signature.record {
            configuration.recordURL = URL(fileURLWithPath: record, relativeTo: URL(fileURLWithPath: app.boot.directory))
        }
        let host = try await app.startSandbox(configuration)
        context.console.print("Sandbox at \(host.baseURL?.absoluteString ?? "?") — status: \(host.baseURL?.appendingPathComponent("_sandbox/status").absoluteString ?? "?")")
        if let record = configuration.recordURL { context.console.print("Recording to \(record.path)") }
        context.console.print("Stop with Ctrl-C.")
        app.runUntilSignalled()
    }

    private func fail(_ context: CommandContext, _ message: String) -> CommandFailure {
        context.console.error(message)
        return CommandFailure(code: 64, description: message)
    }
}
