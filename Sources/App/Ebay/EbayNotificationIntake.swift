import EbayAPI
import Fluent
import Foundation
import ShoppyShopCore

/// Persists a verified notification once and queues its processing once: the unique
/// (provider, event id) index turns a redelivery into a no-op.
enum EbayNotificationIntake {
    static let provider = "ebay"

    /// - Returns: false when the notification was already stored (a duplicate).
    @discardableResult
    static func store(envelope: EbayNotificationEnvelope, payload: String, database: any Database, queue: JobQueue) async throws -> Bool {
        let id = envelope.notification.notificationId
        let delivery = WebhookDelivery(
            provider: provider, eventID: id, topic: envelope.metadata?.topic ?? "UNKNOWN",
            triggeredAt: envelope.notification.eventDate.flatMap(EbayDate.parse), payload: payload)
        let outcome = try await WebhookIntake.accept(delivery, queue: queue.on(database)) { deliveryID in
            try JobSpec(kind: EbayNotificationJob.kind, payload: WebhookIntake.Payload(deliveryID: deliveryID), uniqueKey: "ebay-notification:\(id)")
        }
        return outcome != .duplicate
    }
}
