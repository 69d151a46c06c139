import Logging

/// A `LogHandler` that runs every message, metadata value and error through a `Redactor`
/// before handing the event to the handler it wraps. The app bootstraps logging with it:
///
/// ```swift
/// LoggingSystem.bootstrap { label in
///     RedactingLogHandler(wrapping: StreamLogHandler.standardOutput(label: label), redactor: redactor)
/// }
/// ```
public struct RedactingLogHandler: LogHandler {
    public let redactor: Redactor
    private var underlying: any LogHandler

    /// Provider metadata is evaluated and redacted here, so the wrapped handler's own
    /// provider is taken over rather than left to add unredacted values after us.
    public var metadataProvider: Logger.MetadataProvider?

    public init(wrapping underlying: any LogHandler, redactor: Redactor) {
        var underlying = underlying
        self.metadataProvider = underlying.metadataProvider
        if underlying.metadataProvider != nil {
            underlying.metadataProvider = nil
        }
        self.underlying = underlying
        self.redactor = redactor
        self.underlying.metadata = redactor.redact(metadata: underlying.metadata)
    }

    public var logLevel: Logger.Level {
        get { underlying.logLevel }
        set { underlying.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { underlying.metadata }
        set { underlying.metadata = redactor.redact(metadata: newValue) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { underlying[metadataKey: key] }
        set { underlying[metadataKey: key] = newValue.map { redactor.redact(metadataValue: $0, key: key) } }
    }

    public func log(event: LogEvent) {
        var event = event
        event.message = Logger.Message(stringLiteral: redactor.redact(event.message.description))
        var metadata = metadataProvider?.get() ?? [:]
        if let eventMetadata = event.metadata {
            metadata.merge(eventMetadata) { _, explicit in explicit }
        }
        event.metadata = metadata.isEmpty ? nil : redactor.redact(metadata: metadata)
        if let error = event.error {
            event.error = RedactedError(description: redactor.redact(String(describing: error)))
        }
        underlying.log(event: event)
    }
}

/// Stands in for an error whose description had to be redacted before logging.
public struct RedactedError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

extension Redactor {
    /// Redacts every value; a key that names a secret (`authorization`, `access_token`…) has its
    /// whole value replaced.
    public func redact(metadata: Logger.Metadata) -> Logger.Metadata {
        metadata.reduce(into: [:]) { result, entry in
            result[entry.key] = redact(metadataValue: entry.value, key: entry.key)
        }
    }

    public func redact(metadataValue value: Logger.Metadata.Value, key: String? = nil) -> Logger.Metadata.Value {
        if let key, isSensitive(name: key) {
            return .string(Self.placeholder)
        }
        switch value {
        case .string(let text):
            return .string(redact(text))
        case .stringConvertible(let convertible):
            return .string(redact(convertible.description))
        case .array(let values):
            return .array(values.map { redact(metadataValue: $0) })
        case .dictionary(let dictionary):
            return .dictionary(redact(metadata: dictionary))
        }
    }
}
