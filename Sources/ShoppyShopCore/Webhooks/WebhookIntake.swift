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
            try await database.transaction { transaction in
                try await delivery.create(on: transaction)
                try await queue.on(transaction).enqueue(job(try delivery.requireID()))
            }
        } catch where (error as? any DatabaseError)?.isConstraintFailure == true {
            return .duplicate
        }
        return .stored(try delivery.requireID())
    }
}
