import EbayAPI
import Fluent
import Foundation
import ShoppyShopCore

/// Persists a verified notification once and queues its processing once: the unique
/// (provider, event id) index turns a redelivery into a no-op.
enum EbayNotificationIntake {
    static let provider = "ebay"

    struct Payload: Codable, Sendable {
        var deliveryID: UUID
    }

    /// - Returns: false when the notification was already stored (a duplicate).
    @discardableResult
    static func store(envelope: EbayNotificationEnvelope, payload: String, database: any Database, queue: JobQueue) async throws -> Bool {
        let id = envelope.notification.notificationId
        if try await WebhookDelivery.query(on: database).filter(\.$provider == provider).filter(\.$eventID == id).first() != nil {
            return false
        }
        let delivery = WebhookDelivery(
            provider: provider, eventID: id, topic: envelope.metadata?.topic ?? "UNKNOWN",
            triggeredAt: envelope.notification.eventDate.flatMap(EbayDate.parse), payload: payload)
        do {
            try await delivery.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return false // a concurrent delivery of the same notification won the insert
        }
        try await queue.enqueue(JobSpec(
            kind: EbayNotificationJob.kind, payload: Payload(deliveryID: try delivery.requireID()),
            uniqueKey: "ebay-notification:\(id)"))
        return true
    }
}
