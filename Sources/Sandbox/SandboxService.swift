/// The vendors the sandbox stands in for. The raw value is the `service` of a recorded
/// exchange and the key in `/_sandbox/status`.
public enum SandboxService: String, Sendable, Codable, CaseIterable, Comparable {
    case shopify
    case ebay
    case meta

    public static func < (lhs: SandboxService, rhs: SandboxService) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// A fixed number per service for seeding; `hashValue` changes from run to run.
    var stream: UInt64 {
        switch self {
        case .shopify: 1
        case .ebay: 2
        case .meta: 3
        }
    }
}
