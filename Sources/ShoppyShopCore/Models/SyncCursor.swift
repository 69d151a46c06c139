import FluentKit
import Foundation

/// Where a polled stream stopped (e.g. eBay orders' last-modified time), so polling resumes
/// there after a restart instead of re-reading or skipping.
public final class SyncCursor: Model, @unchecked Sendable {
    public static let schema = "sync_cursors"

    @ID(key: .id) public var id: UUID?
    @Field(key: "stream") public var stream: String
    @Field(key: "value") public var value: String
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(stream: String, value: String) {
        self.stream = stream
        self.value = value
    }
}
