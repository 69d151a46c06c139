import Foundation

/// Collects what a block of code sent, call by call, so the caller can audit each remote
/// write with the vendor's request id and outcome without the vendor clients knowing:
///
/// ```swift
/// let log = CallLog()
/// try await CallLog.$current.withValue(log) { try await ebay.bulkCreateOffer(...) }
/// for call in log.calls { … }
/// ```
/// `IntegrationClient.send` appends one entry per request (after its last attempt).
public final class CallLog: @unchecked Sendable {
    public struct Call: Sendable, Equatable {
        public var service: String
        public var operation: String?
        public var method: String
        public var path: String
        /// The final HTTP status; nil when no answer came (timeout, connection).
        public var status: Int?
        /// The vendor's request id when it sent one, else ours.
        public var requestID: String
        public var attempts: Int
    }

    @TaskLocal public static var current: CallLog?

    private let lock = NSLock()
    private var entries: [Call] = []

    public init() {}

    public var calls: [Call] { lock.withLock { entries } }

    /// The calls since `index`, and the index to pass next time.
    public func calls(since index: Int) -> ([Call], Int) {
        lock.withLock { (Array(entries.dropFirst(index)), entries.count) }
    }

    func append(_ call: Call) {
        lock.withLock { entries.append(call) }
    }
}
