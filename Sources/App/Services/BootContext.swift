import Foundation
import IntegrationKit
import Metrics
import NIOConcurrencyHelpers
import Prometheus
import ShoppyShopCore
import Vapor

/// What the process knew before Vapor started: the untouched environment and the directory
/// holding `.env` files and the key file.
struct BootContext: Sendable {
    var processEnvironment: [String: String]
    var directory: String

    func loadConfig(environment: String) -> (ConfigSource, Result<AppConfig, ConfigReport>) {
        let source = ConfigSource.load(environment: environment, directory: directory, processEnvironment: processEnvironment)
        return (source, AppConfig.decode(source, environment: environment, directory: directory))
    }
}

/// Process-wide telemetry: one Prometheus registry behind swift-metrics, and the secrets the
/// log redactor masks. Both are bootstrapped once per process.
enum Telemetry {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    static let secrets = SecretRegistry()

    /// The level new loggers start at: from the process environment at first, then from the
    /// decoded configuration (LOG_LEVEL may be in a `.env` file).
    static let logLevel = NIOLockedValueBox(Logger.Level.info)
}

extension Application {
    private struct BootKey: StorageKey { typealias Value = BootContext }
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }
    private struct QueueKey: StorageKey { typealias Value = JobQueue }

    var boot: BootContext {
        get { storage[BootKey.self] ?? BootContext(processEnvironment: [:], directory: directory.workingDirectory) }
        set { storage[BootKey.self] = newValue }
    }

    /// The decoded configuration; set by `configure` before any route or job runs.
    public var config: AppConfig {
        get {
            guard let config = storage[ConfigKey.self] else { fatalError("configure(_:) has not set the configuration") }
            return config
        }
        set { storage[ConfigKey.self] = newValue }
    }

    var hasConfig: Bool { storage[ConfigKey.self] != nil }

    public var jobQueue: JobQueue {
        get {
            guard let queue = storage[QueueKey.self] else { fatalError("configure(_:) has not set the job queue") }
            return queue
        }
        set { storage[QueueKey.self] = newValue }
    }

    /// Seals tokens stored in the database.
    public var secretBox: SecretBox? { config.masterKey.map(SecretBox.init) }
}
