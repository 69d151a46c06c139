import Vapor

/// What a vendor stand-in gets to build its routes from.
public final class SandboxContext: Sendable {
    public let store: DemoStore
    /// Counted once: a 100,000-product store has about 300,000 variants.
    public let variantCount: Int
    public let configuration: SandboxConfiguration
    public let logger: Logger
    /// See `SandboxStatus.instanceID`.
    public let instanceID = UUID().uuidString.lowercased()
    private let boundURL = LockedBox<URL?>(nil)

    init(store: DemoStore, configuration: SandboxConfiguration, logger: Logger) {
        self.store = store
        self.variantCount = store.variantCount
        self.configuration = configuration
        self.logger = logger
    }

    /// `http://127.0.0.1:<port>` once the host has started; for answers that point back at
    /// the sandbox (a bulk operation's download URL, a notification's callback).
    public var baseURL: URL? { boundURL.current }

    func bind(_ url: URL?) {
        boundURL.withLock { $0 = url }
    }
}
