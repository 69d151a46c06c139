import FluentKit
import Foundation
import ShoppyShopCore
import Testing
import TestSupport

@Suite("Webhook intake")
struct WebhookIntakeTests {
    @Test func accept_storesOnce_andQueuesOnce() async throws {
        try await TestDatabase.withDatabase { db in
            let queue = JobQueue(database: db)
            let job: @Sendable (UUID) throws -> JobSpec = { JobSpec(kind: "hook", uniqueKey: "hook:\($0)") }

            let first = try await WebhookIntake.accept(delivery("evt-1"), queue: queue, job: job)
            let again = try await WebhookIntake.accept(delivery("evt-1"), queue: queue, job: job)

            guard case .stored(let id) = first else { Issue.record("not stored: \(first)"); return }
            #expect(again == .duplicate)
            #expect(try await WebhookDelivery.query(on: db).count() == 1)
            let jobs = try await JobRecord.query(on: db).all()
            #expect(jobs.map(\.uniqueKey) == ["hook:\(id)"])
        }
    }

    @Test func accept_whenQueueingFails_storesNothing() async throws {
        try await TestDatabase.withDatabase { db async throws in
            let queue = JobQueue(database: db)

            await #expect(throws: QueueDown.self) {
                _ = try await WebhookIntake.accept(delivery("evt-2"), queue: queue) { _ in throw QueueDown() }
            }

            #expect(try await WebhookDelivery.query(on: db).count() == 0)
            #expect(try await JobRecord.query(on: db).count() == 0)
        }
    }

    func delivery(_ eventID: String) -> WebhookDelivery {
        WebhookDelivery(provider: "shopify", eventID: eventID, topic: "products/update", payload: "{}")
    }
}

private struct QueueDown: Error {}
