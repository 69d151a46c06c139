/// What the sandbox can do wrong on purpose. Raw values are what `SANDBOX_FAULT_KINDS` takes.
public enum FaultKind: String, Sendable, Codable, CaseIterable, Comparable {
    /// 429 with `Retry-After`.
    case tooManyRequests = "429"
    case internalServerError = "500"
    case serviceUnavailable = "503"
    /// The real answer, but only after `FaultPlan.delay`: longer than a client should wait.
    case timeout
    /// The real status and headers with a body that is not valid JSON.
    case malformedBody = "malformed"
    /// The real status and headers; the connection closes halfway through the body.
    case truncatedBody = "truncated"

    public static func < (lhs: FaultKind, rhs: FaultKind) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// Which requests fail, and how: a pure function of (seed, service, request number), so a
/// run with the same traffic meets the same faults in the same places. Each service counts
/// its own requests, so Shopify traffic never moves eBay's faults.
public struct FaultPlan: Sendable, Equatable {
    /// The chance, 0…1, that a request gets a fault.
    public var rate: Double
    /// Drawn with equal weight.
    public var kinds: [FaultKind]
    public var seed: UInt64
    public var services: Set<SandboxService>
    /// The `Retry-After` of a 429, in seconds (the header takes whole seconds).
    public var retryAfterSeconds: Int
    /// How long a `.timeout` holds the answer back.
    public var delay: Duration

    public init(
        rate: Double,
        kinds: [FaultKind] = FaultKind.allCases,
        seed: UInt64 = 1,
        services: Set<SandboxService> = Set(SandboxService.allCases),
        retryAfterSeconds: Int = 1,
        delay: Duration = .seconds(30)
    ) {
        precondition((0...1).contains(rate), "rate must be in 0...1")
        precondition(!kinds.isEmpty, "a fault plan needs at least one kind")
        precondition(retryAfterSeconds >= 0, "Retry-After cannot be negative")
        self.rate = rate
        self.kinds = kinds
        self.seed = seed
        self.services = services
        self.retryAfterSeconds = retryAfterSeconds
        self.delay = delay
    }

    /// The fault for the `ordinal`-th request (from 0) to `service`, or nil for none.
    public func fault(forRequest ordinal: UInt64, to service: SandboxService) -> FaultKind? {
        guard rate > 0, services.contains(service) else { return nil }
        var random = SplitMix64(seed: SplitMix64.mix(SplitMix64.mix(seed, service.stream), ordinal))
        guard random.unit() < rate else { return nil }
        return kinds[random.below(kinds.count)]
    }
}
