import Foundation
import IntegrationKit
import Logging
import ShoppyShopCore
import Vapor

/// The process: environment, logging with redaction, the application, its command, shutdown.
public enum Entrypoint {
    public static func main() async -> Never {
        // Snapshot before Vapor copies `.env` files into the process environment, so our
        // loader can keep the documented precedence (.env < .env.<env> < .enc < process).
        let processEnvironment = ProcessInfo.processInfo.environment
        var environment: Environment
        do {
            environment = try Environment.detect(arguments: CommandArguments.normalize(CommandLine.arguments))
        } catch {
            printError("error: \(error)")
            exit(64)
        }
        if let level = Logger.Level(rawValue: processEnvironment["LOG_LEVEL"]?.lowercased() ?? "") {
            Telemetry.logLevel.withLockedValue { $0 = level }
        }
        let redactor = Redactor(secrets: Telemetry.secrets)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = Telemetry.logLevel.withLockedValue { $0 }
            return RedactingLogHandler(wrapping: handler, redactor: redactor)
        }
        _ = Telemetry.registry

        let app: Application
        do {
            app = try await Application.make(environment)
        } catch {
            printError("error: cannot start: \(error)")
            exit(1)
        }
        app.boot = BootContext(processEnvironment: processEnvironment, directory: app.directory.workingDirectory)
        var code: Int32 = 0
        do {
            try await configure(app)
            try await app.execute()
        } catch let report as ConfigReport {
            printError(report.description)
            code = 78 // EX_CONFIG
        } catch let failure as CommandFailure {
            code = failure.code
        } catch {
            code = 1
        }
        try? await app.asyncShutdown()
        exit(code)
    }
}

/// ConsoleKit reads a value starting with "-" as a missing value; a merchant writes
/// `--price-percent -5` or `--price-percent=-5`. Both become the escaped form ConsoleKit takes.
enum CommandArguments {
    static func normalize(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for argument in arguments {
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                result.append(String(argument[..<equals]))
                result.append(escape(String(argument[argument.index(after: equals)...])))
            } else if let previous = result.last, previous.hasPrefix("--"), argument.range(of: #"^-\d"#, options: .regularExpression) != nil {
                result.append(escape(argument))
            } else {
                result.append(argument)
            }
        }
        return result
    }

    private static func escape(_ value: String) -> String { value.hasPrefix("-") ? "\\" + value : value }
}

/// Ends a command with a non-zero exit code after it has printed why.
struct CommandFailure: Error, CustomStringConvertible {
    var code: Int32 = 1
    var description: String
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
