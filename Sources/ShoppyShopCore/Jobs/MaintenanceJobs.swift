import FluentKit
import Foundation

/// Housekeeping that keeps the queue and webhook tables small.
public enum MaintenanceJobs {
    public static let pruneKind = "maintenance.prune"

    /// Succeeded and cancelled jobs are kept 7 days, processed webhook deliveries 30 days;
    /// dead jobs and failed deliveries stay until an operator acts on them.
    public static let prune = ClosureJobHandler(kind: pruneKind) { _, context in
        let now = context.queue.now()
        try await context.queue.prune(finishedBefore: now.addingTimeInterval(-7 * 86_400))
        try await WebhookDelivery.query(on: context.database)
            .filter(\.$state == .processed)
            .filter(\.$processedAt < now.addingTimeInterval(-30 * 86_400))
            .delete()
    }

    public static let periodic = PeriodicJob(kind: pruneKind, interval: 3_600)
}
