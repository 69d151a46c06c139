@preconcurrency import Dispatch
import Foundation
import IntegrationKit
import Sandbox
import ShoppyShopCore
import Vapor

extension Application {
    private struct SandboxHostKey: StorageKey { typealias Value = SandboxHost }
    private struct ExternalSandboxKey: StorageKey { typealias Value = URL }

    /// The running stand-ins of this process (sandbox mode only).
    var sandboxHost: SandboxHost? { storage[SandboxHostKey.self] }

    /// Where vendor clients send requests in sandbox mode: the loopback stand-ins of this
    /// process, or those of another (`SANDBOX_URL`, or the ones `serve` started).
    public var sandboxBaseURL: URL? { sandboxHost?.baseURL ?? storage[ExternalSandboxKey.self] }

    /// Uses a sandbox another process runs.
    func useExternalSandbox(_ url: URL) {
        storage[ExternalSandboxKey.self] = url
    }

    /// The sandbox host's settings from configuration (SANDBOX_*), plus where its webhooks go.
    func sandboxConfiguration() throws -> SandboxConfiguration {
        var configuration: SandboxConfiguration
        do {
            configuration = try SandboxConfiguration(environment: config.sandbox.environment)
        } catch {
            throw CommandFailure(code: 78, description: "sandbox configuration: \(error)")
        }
        if configuration.recordURL == nil, let path = config.sandbox.recordPath {
            configuration.recordURL = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: boot.directory))
        }
        let host = ["0.0.0.0", "::"].contains(config.host) ? "127.0.0.1" : config.host
        configuration.callbackBaseURL = URL(string: "http://\(host):\(http.server.configuration.port)")
        // The app's sandbox is a seller who has used eBay before (policies, a location).
        configuration.demoSeller = true
        return configuration
    }

    /// In sandbox mode, makes the Shopify, eBay and Meta stand-ins reachable (once per
    /// process): `SANDBOX_URL` if set; else, for commands other than `serve`, the sandbox a
    /// running `serve` recorded (so `sync …` acts on the same demo accounts it shows); else
    /// its own on loopback. In live mode does nothing.
    func startSandboxIfNeeded(shareServeSandbox: Bool = true) async throws {
        guard config.mode == .sandbox, sandboxBaseURL == nil else { return }
        if let text = config.sandbox.url, let url = URL(string: text) {
            guard await SandboxProbe.status(url) != nil else {
                throw CommandFailure(code: 69, description: "SANDBOX_URL \(text) does not answer at /_sandbox/status; start it with `shoppyshop sandbox --port <port>` or unset SANDBOX_URL")
            }
            useExternalSandbox(url)
            return
        }
        if shareServeSandbox, let recorded = try await SandboxProbe.recorded(on: db), await SandboxProbe.status(recorded.url) != nil {
            useExternalSandbox(recorded.url)
            logger.notice("using the sandbox of the running serve at \(recorded.url.absoluteString)")
            return
        }
        var configuration = try sandboxConfiguration()
        if shareServeSandbox == false, config.sandbox.simulate {
            configuration.simulation = SandboxSimulator.Settings(seed: configuration.seed)
        }
        try await startSandbox(configuration)
    }

    @discardableResult
    func startSandbox(_ configuration: SandboxConfiguration) async throws -> SandboxHost {
        let host = try await SandboxHost(
            configuration: configuration, services: .standard, logger: logger, redactor: Redactor(secrets: Telemetry.secrets))
        try await host.start()
        await storage.setWithAsyncShutdown(SandboxHostKey.self, to: host) { await $0.shutdown() }
        logger.notice("sandbox stand-ins for Shopify, eBay and Meta at \(host.baseURL?.absoluteString ?? "?") (demo store: \(configuration.products) products, seed \(configuration.seed))")
        return host
    }

    /// A promise fulfilled by SIGTERM or SIGINT; `Application.execute` waits on it, then the
    /// app shuts down and its lifecycle handlers drain workers and stop the sandbox.
    func runUntilSignalled() {
        let promise = eventLoopGroup.next().makePromise(of: Void.self)
        let queue = DispatchQueue(label: "shoppyshop.signals")
        let logger = self.logger
        let sources = [SIGTERM, SIGINT].map { code -> any DispatchSourceSignal in
            signal(code, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: code, queue: queue)
            source.setEventHandler {
                logger.notice("signal received: stopping (send it again to stop at once)")
                // A second Ctrl-C must still work if draining hangs.
                signal(SIGTERM, SIG_DFL)
                signal(SIGINT, SIG_DFL)
                promise.succeed(())
            }
            source.resume()
            return source
        }
        promise.futureResult.whenComplete { _ in sources.forEach { $0.cancel() } }
        running = .start(using: promise)
    }
}
