import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import IntegrationKit
import ShoppyShopCore
import Vapor

/// Commands that must work with a broken configuration: they are how it gets fixed.
private let configTolerantCommands: Set<String> = ["config", "secrets"]

/// Wiring only: commands → configuration → database → migrations → middleware → routes → jobs.
/// Tests pass a ready `AppConfig`; the binary decodes one from `.env` files and the environment.
public func configure(_ app: Application, config given: AppConfig? = nil) async throws {
    registerCommands(app)
    // Metrics made before the factory exists are no-ops forever: bootstrap first.
    _ = Telemetry.registry

    let config: AppConfig
    if let given {
        config = given
    } else {
        let (source, result) = app.boot.loadConfig(environment: app.environment.name)
        for warning in source.allWarnings where (try? result.get()) != nil {
            app.logger.warning("\(warning)")
        }
        switch result {
        case .success(let decoded):
            config = decoded
        case .failure(let report):
            let command = app.environment.arguments.dropFirst().first ?? "serve"
            if configTolerantCommands.contains(command) { return }
            throw report
        }
    }
    app.config = config
    for secret in config.secretValues where !Telemetry.secrets.register(secret) {
        app.logger.warning("a configured secret is shorter than \(SecretRegistry.minimumLength) characters, so logs cannot mask it reliably; use a longer one")
    }
    if let level = Logger.Level(rawValue: config.logLevel) {
        Telemetry.logLevel.withLockedValue { $0 = level }
        app.logger.logLevel = level
    }

    try configureDatabase(app, config.database)
    app.migrations.add(Migrations.all)
    // Fluent registers its own interactive `migrate` when first used; ours replaces it.
    app.asyncCommands.use(MigrateAllCommand(), as: "migrate")
    app.jobQueue = JobQueue(database: app.db, defaultMaxAttempts: config.jobs.maxAttempts)

    // Bcrypt's cost doubles the work per step: 12 for people, 4 so tests do not wait on it.
    app.passwords.use(.bcrypt(cost: app.environment == .testing ? 4 : 12))
    app.signInThrottle = SignInThrottle()

    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    app.middleware = Middlewares()
    app.middleware.use(PageErrorMiddleware(environment: app.environment))
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))

    try routes(app)
}

func configureDatabase(_ app: Application, _ target: AppConfig.DatabaseTarget) throws {
    switch target {
    case .sqlite(":memory:"):
        app.useSQLite(.memory)
    case .sqlite(let path):
        let file = path.hasPrefix("/") ? path : app.directory.workingDirectory + path
        app.useSQLite(.file(file))
    case .postgres(let url):
        app.databases.use(try .postgres(url: url), as: .psql)
    }
}

func registerCommands(_ app: Application) {
    app.asyncCommands.use(ServeAllCommand(), as: "serve", isDefault: true)
    app.asyncCommands.use(SyncCommands(), as: "sync")
    app.asyncCommands.use(WorkerCommand(), as: "worker")
    app.asyncCommands.use(MigrateAllCommand(), as: "migrate")
    app.asyncCommands.use(SecretsCommands(), as: "secrets")
    app.asyncCommands.use(JobsCommands(), as: "jobs")
    app.asyncCommands.use(ConfigCommands(), as: "config")
    app.asyncCommands.use(SandboxCommand(), as: "sandbox")
    app.asyncCommands.use(ReconcileCommand(), as: "reconcile")
    app.asyncCommands.use(RulesCommands(), as: "rules")
    app.asyncCommands.use(OrdersCommands(), as: "orders")
    app.asyncCommands.use(UsersCommands(), as: "users")
    app.asyncCommands.use(TokensCommands(), as: "tokens")
}
