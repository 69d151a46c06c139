import Foundation
import Logging

/// Collects log events in memory, for assertions on what would have been written.
final class LogCapture: @unchecked Sendable {
    struct Entry: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: Logger.Metadata
        let error: String?

        /// Everything a log sink could write, flattened.
        var rendered: String {
            let values = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            return "\(level) \(message) \(values) \(error ?? "")"
        }
    }

    private let lock = NSLock()
    private var stored: [Entry] = []

    var entries: [Entry] { lock.withLock { stored } }
    var rendered: String { entries.map(\.rendered).joined(separator: "\n") }

    func append(_ entry: Entry) { lock.withLock { stored.append(entry) } }

    func handler(label: String = "test") -> CapturingLogHandler { CapturingLogHandler(capture: self) }

    func logger(label: String = "test", level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: label) { _ in CapturingLogHandler(capture: self) }
        logger.logLevel = level
        return logger
    }
}

struct CapturingLogHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadataProvider?.get() ?? [:]
        merged.merge(metadata) { _, new in new }
        merged.merge(event.metadata ?? [:]) { _, new in new }
        capture.append(.init(level: event.level, message: event.message.description, metadata: merged, error: event.error.map { "\($0)" }))
    }
}
