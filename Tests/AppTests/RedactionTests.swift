@testable import App
import Foundation
import IntegrationKit
import Logging
import ShoppyShopCore
import Testing
import TestSupport
import Vapor

@Suite("Secrets never reach logs or pages")
struct RedactionTests {
    @Test func configuredSecrets_areMaskedInEveryLogLine() async throws {
        let token = "shpat_live_9f8e7d6c5b4a39281706"
        let meta = "EAAB-meta-token-1234567890abcdef"
        let config = TestConfig.sandbox([
            "SHOPIFY_ACCESS_TOKEN": token, "SHOPIFY_STORE_URL": "shop.myshopify.com",
            "META_ACCESS_TOKEN": meta, "META_ACCOUNT_ID": "act_1234",
        ])
        try await withConfiguredApp(config) { app in
            let sink = LogSink()
            let logger = Logger(label: "test") { _ in
                RedactingLogHandler(wrapping: sink.handler(), redactor: Redactor(secrets: Telemetry.secrets))
            }

            logger.error("calling Shopify with \(token)", metadata: ["header": "X-Shopify-Access-Token: \(token)", "meta": "\(meta)"])
            logger.info("url https://graph.facebook.com/v25.0/act_1234?access_token=\(meta)&fields=spend")

            let text = sink.text
            #expect(!text.contains(token))
            #expect(!text.contains(meta))
            #expect(text.contains("[REDACTED]"))
            #expect(text.contains("fields=spend"))
        }
    }
}

/// Collects what a logger wrote.
final class LogSink: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var text: String { lock.withLock { lines.joined(separator: "\n") } }

    func append(_ line: String) { lock.withLock { lines.append(line) } }

    func handler() -> some LogHandler { Handler(sink: self) }

    struct Handler: LogHandler {
        let sink: LogSink
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            sink.append("\(event.message) \(merged.map { "\($0)=\($1)" }.sorted().joined(separator: " "))")
        }
    }
}
