import Vapor

/// What the traffic middleware shares with the host: who owns which path, the recorder,
/// the fault plan (changeable while running) and whether the host is stopping.
final class SandboxRuntime: Sendable {
    static let serviceKey: AnySendableHashable = "shoppyshop.sandbox.service"

    let traffic = SandboxTraffic()
    let recorder: ExchangeRecorder?
    let logger: Logger
    private let state: LockedBox<State>

    struct State: Sendable {
        var faults: FaultPlan?
        var faultResponses: [SandboxService: FaultResponse] = [:]
        /// First path component of each mounted route → its service, for requests that
        /// match no route (a client calling a wrong path is still that vendor's traffic).
        var prefixes: [String: SandboxService] = [:]
        var mounted: Set<SandboxService> = []
        var stopping = false
    }

    init(recorder: ExchangeRecorder?, faults: FaultPlan?, logger: Logger) {
        self.recorder = recorder
        self.logger = logger
        self.state = LockedBox(State(faults: faults))
    }

    var faults: FaultPlan? {
        get { state.current.faults }
        set { state.withLock { $0.faults = newValue } }
    }

    var mounted: Set<SandboxService> { state.current.mounted }

    var isStopping: Bool { state.current.stopping }

    func stop() {
        state.withLock { $0.stopping = true }
    }

    func register(_ service: SandboxService, firstComponent: String?, faultResponse: FaultResponse?) {
        state.withLock { state in
            state.mounted.insert(service)
            if let firstComponent, state.prefixes[firstComponent] == nil {
                state.prefixes[firstComponent] = service
            }
            if let faultResponse {
                state.faultResponses[service] = faultResponse
            }
        }
    }

    func faultResponse(for service: SandboxService) -> FaultResponse? {
        state.current.faultResponses[service]
    }

    func service(for request: Request) -> SandboxService? {
        if let tagged = request.route?.userInfo[Self.serviceKey] as? SandboxService {
            return tagged
        }
        guard let first = request.url.path.split(separator: "/").first else { return nil }
        return state.current.prefixes[String(first)]
    }
}

/// Tags every route a vendor stand-in registers with its service.
struct ServiceRoutesBuilder: RoutesBuilder {
    let base: any RoutesBuilder
    let service: SandboxService
    let runtime: SandboxRuntime
    let faultResponse: FaultResponse?

    func add(_ route: Route) {
        route.userInfo[SandboxRuntime.serviceKey] = service
        var first: String?
        if case .constant(let component) = route.path.first { first = component }
        runtime.register(service, firstComponent: first, faultResponse: faultResponse)
        base.add(route)
    }
}
