import Foundation
import ShoppyShopCore
import Vapor

/// `shoppyshop jobs …`: look at and act on the job queue.
struct JobsCommands: AsyncCommandGroup {
    var help: String { "The background job queue: list | retry <id> | cancel <id>" }

    var commands: [String: any AnyAsyncCommand] {
        ["list": List(), "retry": Retry(), "cancel": Cancel()]
    }

    struct List: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "state", short: "s", help: "Only this state: pending, running, retrying, succeeded, dead, cancelled.")
            var state: String?
            @Option(name: "limit", short: "n", help: "At most this many rows (default 50).")
            var limit: Int?
            init() {}
        }

        var help: String { "Lists recent jobs with their state, attempts and last error. Example: jobs list --state dead" }

        func run(using context: CommandContext, signature: Signature) async throws {
            var state: JobState?
            if let name = signature.state {
                guard let parsed = JobState(rawValue: name) else {
                    throw JobsCommands.fail(context, "--state \(name) is not one of \(JobState.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                state = parsed
            }
            try await context.application.prepareDatabase()
            let queue = context.application.jobQueue
            let counts = try await queue.counts()
            context.console.print(JobState.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: " · "))
            let rows = try await queue.list(state: state, limit: signature.limit ?? 50)
            if rows.isEmpty { context.console.print("No jobs.") }
            let format = ISO8601DateFormatter()
            for row in rows {
                let error = row.lastError.map { "  error: \($0.prefix(160))" } ?? ""
                context.console.print("\(row.id?.uuidString ?? "?")  \(row.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  \(row.kind)  attempts \(row.attempts)/\(row.maxAttempts)  run after \(format.string(from: row.runAfter))\(error)")
            }
        }
    }

    struct IDSignature: CommandSignature {
        @Argument(name: "id", help: "The job's id, as `jobs list` shows it.")
        var id: String
        init() {}
    }

    struct Retry: AsyncCommand {
        typealias Signature = IDSignature
        var help: String { "Runs a dead, cancelled or retrying job again now, with a fresh attempt budget." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let id = try JobsCommands.parse(context, signature.id)
            try await context.application.prepareDatabase()
            do {
                if try await context.application.jobQueue.retry(id: id) {
                    context.console.success("Job \(id) will run again.")
                } else {
                    throw JobsCommands.fail(context, "job \(id) is running or succeeded; nothing to retry")
                }
            } catch let error as JobQueue.QueueError {
                throw JobsCommands.fail(context, error.description)
            }
        }
    }

    struct Cancel: AsyncCommand {
        typealias Signature = IDSignature
        var help: String { "Cancels a job that has not finished." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let id = try JobsCommands.parse(context, signature.id)
            try await context.application.prepareDatabase()
            do {
                if try await context.application.jobQueue.cancel(id: id) {
                    context.console.success("Job \(id) cancelled.")
                } else {
                    throw JobsCommands.fail(context, "job \(id) has already finished")
                }
            } catch let error as JobQueue.QueueError {
                throw JobsCommands.fail(context, error.description)
            }
        }
    }

    static func parse(_ context: CommandContext, _ text: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw fail(context, "\"\(text)\" is not a job id (a UUID from `jobs list`)") }
        return id
    }

    static func fail(_ context: CommandContext, _ message: String) -> CommandFailure {
        context.console.error(message)
        return CommandFailure(description: message)
    }
}
