import Vapor

/// Shapes the answer to a status fault (429, 500, 503) the way the vendor does; nil keeps
/// the sandbox's generic JSON answer.
public typealias FaultResponse = @Sendable (_ kind: FaultKind, _ plan: FaultPlan, _ request: Request) -> Response?

/// The vendor stand-ins a host mounts: the registration point of the sandbox.
///
/// A host mounts each entry's routes on its loopback server, tagged with the entry's
/// service, so recording, counting and faults know whose request it is.
public struct SandboxServices: Sendable {
    public struct Entry: Sendable {
        public let service: SandboxService
        public let faultResponse: FaultResponse?
        public let makeRoutes: @Sendable (SandboxContext) throws -> any RouteCollection

        public init(
            _ service: SandboxService,
            faultResponse: FaultResponse? = nil,
            routes makeRoutes: @escaping @Sendable (SandboxContext) throws -> any RouteCollection
        ) {
            self.service = service
            self.faultResponse = faultResponse
            self.makeRoutes = makeRoutes
        }
    }

    public private(set) var entries: [Entry]

    public init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    public mutating func register(
        _ service: SandboxService,
        faultResponse: FaultResponse? = nil,
        routes makeRoutes: @escaping @Sendable (SandboxContext) throws -> any RouteCollection
    ) {
        entries.append(Entry(service, faultResponse: faultResponse, routes: makeRoutes))
    }

    /// Every stand-in: what `shoppyshop sandbox` and the credential-less default run mount.
    /// Each vendor issue adds its one entry here:
    /// `services.register(.shopify) { ShopifySandbox(context: $0) }`.
    public static var standard: SandboxServices {
        var services = SandboxServices()
        services.register(.shopify, faultResponse: ShopifySandbox.faultResponse) { context in ShopifySandbox(context: context) }
        services.register(.meta, faultResponse: MetaSandbox.faultResponse) { context in MetaSandbox(context: context) }
        services.register(.ebay, faultResponse: EbaySandbox.faultResponse) { context in EbaySandbox(context: context) }
        return services
    }
}
