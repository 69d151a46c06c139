import Foundation
import IntegrationKit
import Logging
import Testing

@Suite struct RedactingLogHandlerTests {
    static let token = "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"

    func makeLogger() -> (Logger, LogCapture) {
        let capture = LogCapture()
        let redactor = Redactor(secrets: SecretRegistry([Self.token]))
        var logger = Logger(label: "redaction") { label in
            RedactingLogHandler(wrapping: capture.handler(label: label), redactor: redactor)
        }
        logger.logLevel = .trace
        return (logger, capture)
    }

    struct Leaky: Error, CustomStringConvertible {
        var description: String { "request failed with token \(RedactingLogHandlerTests.token)" }
    }

    struct Convertible: CustomStringConvertible {
        var description: String { "config(token: \(RedactingLogHandlerTests.token))" }
    }

    @Test func registered_token_never_reaches_the_wrapped_handler() {
        var (logger, capture) = makeLogger()
        logger[metadataKey: "handler_level"] = "Bearer \(Self.token)"
        logger[metadataKey: "authorization"] = "anything at all"

        logger.info("token is \(Self.token)")
        logger.warning("dump", metadata: [
            "string": "\(Self.token)",
            "convertible": .stringConvertible(Convertible()),
            "nested": ["array": [.string("x \(Self.token) y")], "dict": ["deep": "\(Self.token)"]],
            "access_token": "not-even-registered-value",
        ])
        logger.error("failed", error: Leaky())

        let rendered = capture.rendered
        #expect(capture.entries.count == 3)
        #expect(!rendered.contains(Self.token))
        #expect(!rendered.contains("not-even-registered-value"))
        #expect(!rendered.contains("anything at all"))
        #expect(capture.entries[0].message == "token is [REDACTED]")
        #expect(capture.entries[2].error == "request failed with token [REDACTED]")
        #expect(rendered.contains("[REDACTED]"))
    }

    @Test func metadata_provider_values_are_redacted() {
        let capture = LogCapture()
        let redactor = Redactor(secrets: SecretRegistry([Self.token]))
        let provider = Logger.MetadataProvider { ["from_provider": "\(Self.token)"] }
        var inner = capture.handler()
        inner.metadataProvider = provider
        let logger = Logger(label: "provider") { _ in RedactingLogHandler(wrapping: inner, redactor: redactor) }

        logger.info("hello")

        #expect(capture.entries.first?.metadata["from_provider"] == "[REDACTED]")
        #expect(!capture.rendered.contains(Self.token))
    }

    @Test func secrets_registered_after_bootstrap_are_redacted_too() {
        let capture = LogCapture()
        let secrets = SecretRegistry()
        let logger = Logger(label: "late") { _ in RedactingLogHandler(wrapping: capture.handler(), redactor: Redactor(secrets: secrets)) }
        secrets.register("late-registered-secret-value")

        logger.info("value: late-registered-secret-value")

        #expect(capture.entries.first?.message == "value: [REDACTED]")
    }

    @Test func log_level_passes_through() {
        var (logger, capture) = makeLogger()
        logger.logLevel = .error

        logger.info("dropped")
        logger.error("kept")

        #expect(capture.entries.map(\.message) == ["kept"])
    }
}
