import Foundation

/// How a sandbox host runs. The loopback address is not configurable: the stand-ins have
/// no real authentication and must never listen beyond this machine.
public struct SandboxConfiguration: Sendable, Equatable {
    /// 0 lets the system pick a free port; `SandboxHost.port` tells which after `start()`.
    public var port: Int
    /// Demo store size, 0…100,000.
    public var products: Int
    public var seed: UInt64
    /// Where exchanges are recorded as JSON lines; nil records nothing.
    public var recordURL: URL?
    /// Faults to inject; nil injects none.
    public var faults: FaultPlan?
    /// Where the stand-ins deliver webhooks and notifications: the app's own base URL
    /// (e.g. http://127.0.0.1:8080); each vendor appends its intake path. Nil sends none.
    public var callbackBaseURL: URL?
    /// The eBay seller account comes set up, as a seller who has used eBay before: one
    /// business policy of each kind and one inventory location. Off: an empty account.
    public var demoSeller: Bool
    /// The merchant and buyer simulators that keep the demo moving; nil: none.
    public var simulation: SandboxSimulator.Settings?
    /// Every product with exactly this many variants (benchmarks); nil: the store as generated.
    public var variantsPerProduct: Int?

    public init(
        port: Int = 0,
        products: Int = 50,
        seed: UInt64 = 1,
        recordURL: URL? = nil,
        faults: FaultPlan? = nil,
        callbackBaseURL: URL? = nil,
        demoSeller: Bool = false,
        simulation: SandboxSimulator.Settings? = nil
    ) {
        self.port = port
        self.products = products
        self.seed = seed
        self.recordURL = recordURL
        self.faults = faults
        self.callbackBaseURL = callbackBaseURL
        self.demoSeller = demoSeller
        self.simulation = simulation
    }

    public struct Problems: Error, CustomStringConvertible, Equatable {
        public var messages: [String]
        public var description: String { messages.joined(separator: "\n") }
    }

    /// Reads `SANDBOX_PORT`, `SANDBOX_PRODUCTS`, `SANDBOX_SEED`, `SANDBOX_RECORD`,
    /// `SANDBOX_FAULT_RATE`, `SANDBOX_FAULT_KINDS` (comma-separated: 429, 500, 503,
    /// timeout, malformed, truncated), `SANDBOX_FAULT_SEED` and
    /// `SANDBOX_FAULT_DELAY_SECONDS`. Unset keys keep their defaults; every problem is
    /// reported in one error.
    public init(environment: [String: String]) throws(Problems) {
        self.init()
        var problems: [String] = []

        func value<T>(_ key: String, _ parse: (String) -> T?, _ expectation: String) -> T? {
            guard let raw = environment[key]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            guard let parsed = parse(raw) else {
                problems.append("\(key)=\(raw): expected \(expectation)")
                return nil
            }
            return parsed
        }

        if let port = value("SANDBOX_PORT", { Int($0).flatMap { (0...65_535).contains($0) ? $0 : nil } }, "a port in 0...65535") {
            self.port = port
        }
        if let products = value("SANDBOX_PRODUCTS", { Int($0).flatMap { (0...DemoStore.maximumProducts).contains($0) ? $0 : nil } }, "a product count in 0...\(DemoStore.maximumProducts)") {
            self.products = products
        }
        if let seed = value("SANDBOX_SEED", { UInt64($0) }, "an unsigned integer") {
            self.seed = seed
        }
        if let path = value("SANDBOX_RECORD", { $0 }, "a file path") {
            self.recordURL = URL(fileURLWithPath: path)
        }

        let rate = value("SANDBOX_FAULT_RATE", { Double($0).flatMap { (0...1).contains($0) ? $0 : nil } }, "a number in 0...1")
        let kinds = value("SANDBOX_FAULT_KINDS", { raw -> [FaultKind]? in
            let names = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let kinds = names.compactMap(FaultKind.init(rawValue:))
            return kinds.count == names.count && !kinds.isEmpty ? kinds : nil
        }, "a comma-separated list of \(FaultKind.allCases.map(\.rawValue).joined(separator: ", "))")
        let faultSeed = value("SANDBOX_FAULT_SEED", { UInt64($0) }, "an unsigned integer")
        let delay = value("SANDBOX_FAULT_DELAY_SECONDS", { Int($0).flatMap { $0 >= 0 ? $0 : nil } }, "whole seconds, 0 or more")
        if let rate {
            self.faults = FaultPlan(
                rate: rate,
                kinds: kinds ?? FaultKind.allCases,
                seed: faultSeed ?? seed,
                delay: .seconds(delay ?? 30)
            )
        } else if environment["SANDBOX_FAULT_RATE"] == nil,
                  environment["SANDBOX_FAULT_KINDS"] != nil || environment["SANDBOX_FAULT_SEED"] != nil {
            problems.append("SANDBOX_FAULT_KINDS and SANDBOX_FAULT_SEED need SANDBOX_FAULT_RATE")
        }

        if !problems.isEmpty { throw Problems(messages: problems) }
    }
}
