import Foundation
import IntegrationKit
import Logging

/// Delivers webhooks the way Shopify does: POST of the JSON payload with the
/// `X-Shopify-*` headers, HMAC-SHA256 of the raw body (base64) under the app's secret, a
/// 5 s answer limit, and up to 8 retries with exponential backoff when the answer isn't 2xx.
/// Shopify spreads its retries over hours; `retryBaseDelay` scales the schedule so tests
/// and the demo can run it in milliseconds.
public actor ShopifyWebhookSender {
    public struct Attempt: Sendable {
        public var topic: String
        public var eventID: String
        public var url: URL
        public var attempt: Int
        /// The HTTP status, or nil when no answer came.
        public var status: Int?
    }

    /// Shopify retries a failed delivery 8 times.
    public static let maximumRetries = 8
    static let answerTimeout: Duration = .seconds(5)

    let secret: String
    let shopDomain: String
    let retryBaseDelay: Duration
    let transport: any HTTPTransport
    let logger: Logger
    private(set) var attempts: [Attempt] = []
    /// Counted when `send` is called, not when its task starts: a `waitUntilIdle` right after
    /// a change must see the delivery the change queued.
    private let inFlight = LockedBox(0)
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    init(secret: String, shopDomain: String, retryBaseDelay: Duration, transport: any HTTPTransport = AsyncHTTPClientTransport(), logger: Logger) {
        self.secret = secret
        self.shopDomain = shopDomain
        self.retryBaseDelay = retryBaseDelay
        self.transport = transport
        self.logger = logger
    }

    /// Every delivery attempt so far.
    public func log() -> [Attempt] { attempts }

    /// Waits until no delivery is pending (retries included).
    public func waitUntilIdle() async {
        if inFlight.current == 0 { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    nonisolated func send(_ event: ShopifyWebhookEvent, to url: URL) {
        inFlight.withLock { $0 += 1 }
        Task { await self.deliver(event, to: url) }
    }

    private func deliver(_ event: ShopifyWebhookEvent, to url: URL) async {
        defer {
            if inFlight.withLock({ $0 -= 1; return $0 }) == 0 {
                idleWaiters.forEach { $0.resume() }
                idleWaiters.removeAll()
            }
        }
        let body = event.payload.encoded()
        let eventID = UUID().uuidString.lowercased()
        let webhookID = UUID().uuidString.lowercased()
        let headers: HTTPHeaderFields = [
            "Content-Type": "application/json",
            "X-Shopify-Topic": event.topic,
            "X-Shopify-Hmac-Sha256": Signatures.hmacSHA256Base64(body, key: secret),
            "X-Shopify-Shop-Domain": shopDomain,
            "X-Shopify-API-Version": ShopifySchema.version,
            "X-Shopify-Webhook-Id": webhookID,
            "X-Shopify-Event-Id": eventID,
            // Shopify sends this header with fractional seconds (its examples show nanoseconds).
            "X-Shopify-Triggered-At": event.triggeredAt.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)),
        ]
        for attempt in 1...(Self.maximumRetries + 1) {
            var status: Int?
            do {
                let response = try await transport.execute(
                    OutboundRequest(method: .post, url: url, headers: headers, body: body, operation: event.topic),
                    timeout: Self.answerTimeout)
                status = response.status
            } catch {
                status = nil
            }
            attempts.append(Attempt(topic: event.topic, eventID: eventID, url: url, attempt: attempt, status: status))
            if let status, (200..<300).contains(status) { return }
            guard attempt <= Self.maximumRetries else { break }
            let delay = retryBaseDelay * (1 << min(attempt - 1, 20))
            try? await Task.sleep(for: delay)
        }
        logger.warning("shopify sandbox: webhook \(event.topic) to \(url) failed after \(Self.maximumRetries) retries")
    }
}
