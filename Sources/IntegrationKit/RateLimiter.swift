/// The hook through which a vendor's own throttling signals shape our sending.
///
/// `IntegrationClient` calls `acquire(cost:)` before every attempt (retries included) and,
/// after a successful acquire, exactly one `record(_:)` when that attempt ends. Vendor
/// limiters plug in here: Shopify's cost bucket (refilled from `extensions.cost`), Meta's usage
/// headers, eBay's 429 adaptation (`AdaptiveConcurrencyLimiter`).
public protocol RateLimiter: Sendable {
    /// Waits until a request of `cost` units may be sent. Throws `CancellationError` if the
    /// task is cancelled while waiting (and then no `record` follows).
    func acquire(cost: Int) async throws
    /// Reports how an acquired attempt ended.
    func record(_ outcome: RateLimitOutcome) async
}

public enum RateLimitOutcome: Sendable {
    /// The server answered, with any status.
    case response(OutboundResponse)
    /// No answer: timeout, connection failure or cancellation.
    case noResponse
}

/// No limiting: for the sandbox and for calls with no budget to respect.
public struct UnlimitedRateLimiter: RateLimiter {
    public init() {}
    public func acquire(cost: Int) async throws {}
    public func record(_ outcome: RateLimitOutcome) async {}
}
