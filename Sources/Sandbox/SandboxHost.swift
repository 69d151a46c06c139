import IntegrationKit
import Vapor

/// The loopback server the vendor stand-ins are mounted on: its own Vapor `Application`,
/// separate from the app's, on 127.0.0.1.
///
/// ```swift
/// let host = try await SandboxHost(configuration: .init(port: 0, products: 200))
/// try host.mount(.shopify, routes: ShopifySandbox(context: host.context))
/// try await host.start()          // host.baseURL is now http://127.0.0.1:<port>
/// …
/// await host.shutdown()           // always: Vapor asserts on an application never shut down
/// ```
/// `SandboxHost.withRunning(_:services:_:)` does the start and the shutdown for you.
public final class SandboxHost: Sendable {
    public let configuration: SandboxConfiguration
    public let context: SandboxContext
    public let application: Application
    let runtime: SandboxRuntime
    private let phase = LockedBox<Phase>(.created)
    private let simulatorBox = LockedBox<SandboxSimulator?>(nil)

    /// The running simulator, when `configuration.simulation` is set.
    public var simulator: SandboxSimulator? { simulatorBox.current }

    private enum Phase: Sendable {
        case created
        case running(port: Int)
        case stopped
    }

    public enum Failure: Error, Equatable {
        /// Routes are fixed once the server runs: Vapor builds its router at start.
        case alreadyStarted
        case alreadyStopped
    }

    static let statusPath: [PathComponent] = ["_sandbox", "status"]
    /// Route `userInfo` key marking the sandbox's own routes: not counted, faulted or recorded.
    static let untrackedKey = "sandbox.untracked"
    /// eBay's bulk calls carry up to 25 items; Vapor's default 16 KB limit is too small.
    static let maximumBodySize: ByteCount = "10mb"
    /// Seconds the server waits for open requests at shutdown. A held-back (timeout
    /// fault) answer ends when the host stops, so this only bounds the unexpected.
    static let shutdownTimeoutSeconds: Int64 = 3

    /// Generates the demo store, opens the recording, and mounts `services`.
    public init(
        configuration: SandboxConfiguration = SandboxConfiguration(),
        services: SandboxServices = .standard,
        logger: Logger = Logger(label: "shoppyshop.sandbox"),
        redactor: Redactor = Redactor()
    ) async throws {
        var store = DemoStore.generate(products: configuration.products, seed: configuration.seed)
        if let count = configuration.variantsPerProduct { store = store.withVariants(count) }
        // Every host a test or benchmark starts records to SANDBOX_RECORD when it is set
        // (appended, hosts sharing the file), so a whole run's traffic can be checked later.
        var configuration = configuration
        if configuration.recordURL == nil, let path = ProcessInfo.processInfo.environment["SANDBOX_RECORD"], !path.isEmpty {
            configuration.recordURL = URL(fileURLWithPath: path)
        }
        // The app passes its redactor, so every secret it knows is masked in recordings too.
        let recorder = try configuration.recordURL.map { try ExchangeRecorder(url: $0, redactor: redactor) }
        self.configuration = configuration
        self.context = SandboxContext(store: store, configuration: configuration, logger: logger)
        self.runtime = SandboxRuntime(recorder: recorder, faults: configuration.faults, logger: logger)
        // Its own environment, so Vapor never reads the test runner's or the app's arguments.
        let environment = Environment(name: "sandbox", arguments: ["sandbox"])
        self.application = try await Application.make(environment, logger: logger)

        do {
            application.http.server.configuration.hostname = "127.0.0.1"
            application.http.server.configuration.port = configuration.port
            application.http.server.configuration.shutdownTimeout = .seconds(Self.shutdownTimeoutSeconds)
            application.routes.defaultMaxBodySize = Self.maximumBodySize
            application.middleware = Middlewares()
            application.middleware.use(SandboxTrafficMiddleware(runtime: runtime))
            application.middleware.use(RouteLoggingMiddleware(logLevel: .debug))
            application.middleware.use(ErrorMiddleware.default(environment: environment))
            // The sandbox's own endpoint: never a vendor's traffic, even though a vendor's
            // routes share its `_sandbox` first component (Shopify's merchant actions).
            let statusRoute = application.get(Self.statusPath) { [runtime, context] _ in
                await Self.status(runtime: runtime, context: context)
            }
            statusRoute.userInfo[Self.untrackedKey] = true
            for entry in services.entries {
                try mount(entry.service, routes: entry.makeRoutes(context), faultResponse: entry.faultResponse)
            }
        } catch {
            try? await application.asyncShutdown()
            throw error
        }
    }

    public var store: DemoStore { context.store }
    public var recorder: ExchangeRecorder? { runtime.recorder }

    /// Adds a vendor's routes, tagged with its service. Only before `start()`.
    public func mount(_ service: SandboxService, routes: some RouteCollection, faultResponse: FaultResponse? = nil) throws {
        guard case .created = phase.current else { throw Failure.alreadyStarted }
        runtime.register(service, firstComponent: nil, faultResponse: faultResponse)
        try routes.boot(routes: ServiceRoutesBuilder(
            base: application.routes, service: service, runtime: runtime, faultResponse: faultResponse
        ))
    }

    /// Binds 127.0.0.1 on the configured port (0: any free one) and starts serving.
    public func start() async throws {
        switch phase.current {
        case .created: break
        case .running: throw Failure.alreadyStarted
        case .stopped: throw Failure.alreadyStopped
        }
        try await application.asyncBoot()
        try await application.http.server.shared.start(address: .hostname("127.0.0.1", port: configuration.port))
        // After start the server's configuration holds the port it really bound.
        let port = application.http.server.configuration.port
        phase.withLock { $0 = .running(port: port) }
        context.bind(URL(string: "http://127.0.0.1:\(port)"))
        if let settings = configuration.simulation {
            let simulator = SandboxSimulator(context: context, settings: settings)
            simulatorBox.withLock { $0 = simulator }
            await simulator.start()
        }
        context.logger.info("sandbox listening on http://127.0.0.1:\(port) (\(store.products.count) products, seed \(store.seed))")
    }

    /// The bound port while running.
    public var port: Int? {
        if case .running(let port) = phase.current { return port }
        return nil
    }

    /// `http://127.0.0.1:<port>` while running.
    public var baseURL: URL? {
        port.flatMap { URL(string: "http://127.0.0.1:\($0)") }
    }

    /// Stops serving and releases everything; safe to call more than once.
    public func shutdown() async {
        let wasRunning: Bool? = phase.withLock { phase in
            defer { phase = .stopped }
            switch phase {
            case .created: return false
            case .running: return true
            case .stopped: return nil
            }
        }
        guard let wasRunning else { return }
        if let simulator = simulatorBox.withLock({ box in defer { box = nil }; return box }) { await simulator.stop() }
        runtime.stop()
        if wasRunning {
            await application.http.server.shared.shutdown()
        }
        do {
            try await application.asyncShutdown()
        } catch {
            context.logger.warning("sandbox shutdown: \(error)")
        }
        await runtime.recorder?.close()
        context.bind(nil)
    }

    /// The fault plan in force; settable while running, e.g. to fail only after set-up.
    public var faults: FaultPlan? {
        get { runtime.faults }
        set { runtime.faults = newValue }
    }

    public func status() async -> SandboxStatus {
        await Self.status(runtime: runtime, context: context)
    }

    /// Starts a host, runs `body` with it, and shuts it down whatever happens.
    @discardableResult
    public static func withRunning<Result>(
        _ configuration: SandboxConfiguration = SandboxConfiguration(),
        services: SandboxServices = .standard,
        logger: Logger = Logger(label: "shoppyshop.sandbox"),
        _ body: (SandboxHost) async throws -> Result
    ) async throws -> Result {
        let host = try await SandboxHost(configuration: configuration, services: services, logger: logger)
        do {
            try await host.start()
            let result = try await body(host)
            await host.shutdown()
            return result
        } catch {
            await host.shutdown()
            throw error
        }
    }

    static func status(runtime: SandboxRuntime, context: SandboxContext) async -> SandboxStatus {
        let requests = await runtime.traffic.requestCounts()
        let faults = await runtime.traffic.faultCounts()
        let plan = runtime.faults
        return SandboxStatus(
            instanceID: context.instanceID,
            services: runtime.mounted.sorted(),
            demoStore: .init(
                products: context.store.products.count,
                variants: context.variantCount,
                locations: context.store.locations.count,
                seed: context.store.seed
            ),
            requests: Dictionary(uniqueKeysWithValues: requests.map { service, methods in
                (service.rawValue, SandboxStatus.Requests(total: methods.values.reduce(0, +), byMethod: methods))
            }),
            faults: plan.map { .init(rate: $0.rate, seed: $0.seed, kinds: $0.kinds) },
            faultsInjected: Dictionary(uniqueKeysWithValues: faults.map { service, kinds in
                (service.rawValue, Dictionary(uniqueKeysWithValues: kinds.map { ($0.key.rawValue, $0.value) }))
            }),
            recording: runtime.recorder?.url.path
        )
    }
}
