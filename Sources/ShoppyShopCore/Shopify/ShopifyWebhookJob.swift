import FluentKit
import Foundation

/// Processes one stored Shopify webhook delivery (enqueued by the intake route).
public struct ShopifyWebhookJob: JobHandler {
    public static let kind = "shopify.webhook"
    public var kind: String { Self.kind }

    /// The shop's currency for product rows; nil: none available (see `ShopifyWebhookProcessor.apply`).
    let shopCurrency: ShopifyWebhookProcessor.ShopCurrency?

    /// `shopCurrency`: typically `{ try await client.shopCurrency() }` with one client kept
    /// for the process, so the shop is read once.
    public init(shopCurrency: ShopifyWebhookProcessor.ShopCurrency? = nil) {
        self.shopCurrency = shopCurrency
    }

    /// One job per delivery: the unique key is the delivery's id.
    public static func spec(for delivery: WebhookDelivery) throws -> JobSpec {
        try spec(forDelivery: try delivery.requireID(), topic: delivery.topic)
    }

    /// Stock news is latency-bound (it becomes an eBay quantity within a second): it takes the
    /// workers' urgent lane, beside the stock push, instead of waiting behind long jobs.
    public static func spec(forDelivery id: UUID, topic: String? = nil) throws -> JobSpec {
        try JobSpec(kind: kind, payload: WebhookIntake.Payload(deliveryID: id), uniqueKey: "shopify.webhook:\(id.uuidString.lowercased())", uniqueness: .forever,
                    priority: topic.map(isUrgent) == true ? StockPushJob.priority : 0)
    }

    static func isUrgent(_ topic: String) -> Bool { topic.hasPrefix("inventory_levels/") }

    public func run(_ job: ClaimedJob, context: JobContext) async throws {
        guard let delivery = try await WebhookIntake.pendingDelivery(for: job, on: context.database) else { return }
        let effects: ShopifyWebhookProcessor.Effects
        do {
            effects = try await ShopifyWebhookProcessor.apply(
                topic: delivery.topic, payload: Data(delivery.payload.utf8), on: context.database, shopCurrency: shopCurrency,
                triggeredAt: delivery.triggeredAt, seenAt: delivery.receivedAt ?? Date())
        } catch let error as DecodingError {
            delivery.state = .failed
            delivery.error = "\(error)"
            try await delivery.save(on: context.database)
            throw PermanentJobError("\(delivery.topic) payload not understood: \(error)")
        }
        try await delivery.markProcessed(on: context.database)
        // The follow-up work runs in its own jobs, so a slow eBay never holds up webhook intake.
        if !effects.stockSKUs.isEmpty { try await StockChanges.requestPush(context.queue) }
        if !effects.products.isEmpty { try await context.queue.enqueue(ListingsSyncJob.spec(scope: .changed)) }
        if effects.orders { try await context.queue.enqueue(OrdersPollJob.spec(trigger: "webhook", poll: false)) }
    }
}
