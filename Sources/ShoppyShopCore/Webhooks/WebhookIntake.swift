import FluentKit
import Foundation

/// Accepting a verified webhook or notification: store it once, queue its processing once.
public enum WebhookIntake {
    public enum Outcome: Sendable, Equatable {
        case stored(UUID)
        /// Already stored (a redelivery, or the same event racing in on another connection).
        case duplicate
    }

    /// Stores the delivery and enqueues its job in one transaction, so a crash between the two
    /// cannot leave a delivery that nothing processes. `unique(provider, event_id)` makes a
    /// redelivery a no-op.
    public static func accept(
        _ delivery: WebhookDelivery, queue: JobQueue, job: @escaping @Sendable (UUID) throws -> JobSpec
    ) async throws -> Outcome {
        let database = queue.database
        let known = try await WebhookDelivery.query(on: database)
            .filter(\.$provider == delivery.provider)
            .filter(\.$eventID == delivery.eventID)
            .first()
        guard known == nil else { return .duplicate }
        do {
            try await database.writeTransaction { transaction in
                try await delivery.create(on: transaction)
                try await queue.on(transaction).enqueue(job(try delivery.requireID()))
            }
        } catch where (error as? any DatabaseError)?.isConstraintFailure == true {
            return .duplicate
        }
        return .stored(try delivery.requireID())
    }
}

extension WebhookIntake {
    /// The job payload of every webhook-processing job: which stored delivery to process.
    public struct Payload: Codable, Sendable {
        public var deliveryID: UUID
        public init(deliveryID: UUID) { self.deliveryID = deliveryID }
    }

    /// The delivery a processing job is for, or nil when it was already processed (a rerun
    /// after a crash); a delivery that is gone can never be processed, so that is permanent.
    public static func pendingDelivery(for job: ClaimedJob, on database: any Database) async throws -> WebhookDelivery? {
        let payload = try job.decode(Payload.self)
        guard let delivery = try await WebhookDelivery.find(payload.deliveryID, on: database) else {
            throw PermanentJobError("webhook delivery \(payload.deliveryID) is gone")
        }
        return delivery.state == .processed ? nil : delivery
    }
}

extension WebhookDelivery {
    public func markProcessed(on database: any Database) async throws {
        state = .processed
        processedAt = Date()
        error = nil
        try await save(on: database)
    }
}
