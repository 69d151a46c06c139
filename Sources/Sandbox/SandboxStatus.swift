import Vapor

/// `GET /_sandbox/status`: what a host serves and what it has been asked so far.
public struct SandboxStatus: Content, Sendable, Equatable {
    public struct Store: Codable, Sendable, Equatable {
        public var products: Int
        public var variants: Int
        public var locations: Int
        public var seed: UInt64
    }

    public struct Requests: Codable, Sendable, Equatable {
        public var total: Int
        /// "GET", "POST", …
        public var byMethod: [String: Int]
    }

    public struct Faults: Codable, Sendable, Equatable {
        public var rate: Double
        public var seed: UInt64
        public var kinds: [FaultKind]
    }

    /// Changes every time a host starts: the stand-ins' state lives in memory, so a new
    /// instance means an empty eBay account (the app resets what it knew of the old one).
    public var instanceID: String
    /// Mounted services, sorted.
    public var services: [SandboxService]
    public var demoStore: Store
    /// Service raw value → its requests; services never asked are absent.
    public var requests: [String: Requests]
    /// The fault plan in force; nil when none is.
    public var faults: Faults?
    /// Service raw value → fault kind raw value ("429", "timeout", …) → faults injected.
    public var faultsInjected: [String: [String: Int]]
    /// The file exchanges are recorded to, if any.
    public var recording: String?

    public func requests(for service: SandboxService) -> Requests {
        requests[service.rawValue] ?? Requests(total: 0, byMethod: [:])
    }
}
