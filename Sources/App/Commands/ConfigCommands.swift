import EbayAPI
import Foundation
import ShoppyShopCore
import Vapor

/// `shoppyshop config check`: the effective configuration, secrets redacted, and every problem.
struct ConfigCommands: AsyncCommandGroup {
    var help: String { "Configuration: check" }
    var commands: [String: any AnyAsyncCommand] { ["check": Check()] }

    struct Check: AsyncCommand {
        struct Signature: CommandSignature { init() {} }

        var help: String {
            "Shows the effective configuration (where each value comes from, secrets redacted) and lists every problem. Exits non-zero when there is one. Example: config check --env production"
        }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            let (source, result) = app.boot.loadConfig(environment: app.environment.name)
            context.console.print("Environment: \(app.environment.name)  (files read from \(app.boot.directory))")
            for key in ConfigKey.allCases {
                guard let value = source[key] else { continue }
                let shown = key.isSecret ? ConfigKey.redact(value.value) : value.value
                context.console.print("  \(key.rawValue) = \(shown)   [\(value.origin)]")
            }
            switch result {
            case .success(let config):
                context.console.print("Mode: \(config.mode.rawValue)")
                for line in Self.summary(config) { context.console.print("  \(line)") }
                for warning in source.allWarnings {
                    context.console.warning("warning: \(warning)")
                }
                context.console.success("No problems.")
            case .failure(let report):
                context.console.error(report.description)
                throw CommandFailure(code: 78, description: "configuration has \(report.problems.count) problem(s)")
            }
        }

        static func summary(_ config: AppConfig) -> [String] {
            var lines: [String] = []
            switch config.database {
            case .sqlite(let path): lines.append("Database: SQLite at \(path)")
            case .postgres: lines.append("Database: PostgreSQL (DATABASE_URL)")
            }
            lines.append("Shopify: " + (config.shopify.map { "live, \($0.storeDomain)" } ?? (config.mode == .sandbox ? "sandbox" : "disabled")))
            lines.append("eBay: " + (config.ebay.map { "live, \($0.environment.rawValue), \($0.marketplaceID); " + EbayAuthTokenSummary.describe(EbayAuthToken(classifying: $0.authToken)) } ?? (config.mode == .sandbox ? "sandbox" : "disabled")))
            lines.append("Meta: " + (config.meta.map { "live, act_\($0.accountID) (read-only)" } ?? (config.mode == .sandbox ? "sandbox" : "disabled")))
            lines.append("Master key: " + (config.masterKey.map { "id \($0.id)" } ?? "none yet (serve creates master.key outside production)"))
            lines.append("Dashboard sign-in: always on; first user " + (config.admin.map { "\($0.email) (ADMIN_EMAIL)" } ?? "admin@localhost with a generated password, printed once by the first start"))
            lines.append("Web: http://\(config.host):\(config.port)")
            return lines
        }
    }
}
