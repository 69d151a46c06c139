import FluentKit
import Foundation

/// A verified webhook or notification, stored before it is answered so it is processed
/// later in a job; unique per (provider, event id) so a redelivery is processed once.
public final class WebhookDelivery: Model, @unchecked Sendable {
    public static let schema = "webhook_deliveries"

    public enum State: String, Codable, Sendable {
        case received
        case processed
        case failed
    }

    @ID(key: .id) public var id: UUID?
    @Field(key: "provider") public var provider: String
    @Field(key: "event_id") public var eventID: String
    @Field(key: "topic") public var topic: String
    @OptionalField(key: "webhook_id") public var webhookID: String?
    @OptionalField(key: "triggered_at") public var triggeredAt: Date?
    @Field(key: "payload") public var payload: String
    @Field(key: "state") public var state: State
    @OptionalField(key: "error") public var error: String?
    @Timestamp(key: "received_at", on: .create) public var receivedAt: Date?
    @OptionalField(key: "processed_at") public var processedAt: Date?

    public init() {}

    public init(
        provider: String, eventID: String, topic: String, webhookID: String? = nil,
        triggeredAt: Date? = nil, payload: String, state: State = .received
    ) {
        self.provider = provider
        self.eventID = eventID
        self.topic = topic
        self.webhookID = webhookID
        self.triggeredAt = triggeredAt
        self.payload = payload
        self.state = state
    }
}
