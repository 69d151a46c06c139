/// Requests and injected faults counted per service, and each service's request numbers
/// for the fault plan.
actor SandboxTraffic {
    private var requests: [SandboxService: [String: Int]] = [:]
    private var faults: [SandboxService: [FaultKind: Int]] = [:]
    private var nextOrdinal: [SandboxService: UInt64] = [:]

    /// Counts the request and returns its number for `service`, from 0.
    func admit(_ service: SandboxService, method: String) -> UInt64 {
        requests[service, default: [:]][method, default: 0] += 1
        let ordinal = nextOrdinal[service, default: 0]
        nextOrdinal[service] = ordinal + 1
        return ordinal
    }

    func injected(_ kind: FaultKind, into service: SandboxService) {
        faults[service, default: [:]][kind, default: 0] += 1
    }

    func requestCounts() -> [SandboxService: [String: Int]] {
        requests
    }

    func faultCounts() -> [SandboxService: [FaultKind: Int]] {
        faults
    }
}
