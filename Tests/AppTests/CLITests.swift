import AsyncHTTPClient
import Foundation
import Testing

/// The real `shoppyshop` binary, run as a user would, in a scratch directory.
@Suite("Command line", .serialized)
struct CLITests {
    @Test func configCheck_brokenEnv_listsEveryProblem_exitsNonZero() async throws {
        let dir = try scratchDirectory()
        try """
        PORT=eighty
        SHOPIFY_ACCESS_TOKEN=shpat_abcdefabcdef1234
        META_ACCOUNT_ID=act_12
        LOG_LEVEL=loud
        this line is broken
        SHOPIFY_ACESS_TOKEN=typo
        """.write(toFile: dir + "/.env", atomically: true, encoding: .utf8)

        let result = try await run(["config", "check"], in: dir)

        #expect(result.status == 78)
        for needle in ["PORT", "SHOPIFY_STORE_URL", "META_ACCESS_TOKEN", "LOG_LEVEL", ".env line 5", "did you mean SHOPIFY_ACCESS_TOKEN"] {
            #expect(result.output.contains(needle), "missing \(needle) in:\n\(result.output)")
        }
        #expect(!result.output.contains("shpat_abcdefabcdef1234"))
        #expect(!result.output.contains("Fatal error"))
    }

    @Test func serve_brokenEnv_refusesToStart_withAllProblemsAtOnce() async throws {
        let dir = try scratchDirectory()
        try "PORT=0\nSTOCK_BUFFER=-3\nEBAY_APP_ID=abc\n".write(toFile: dir + "/.env", atomically: true, encoding: .utf8)

        let result = try await run(["serve"], in: dir)

        #expect(result.status == 78)
        #expect(result.output.contains("3 problems"))
        for needle in ["PORT", "STOCK_BUFFER", "EBAY_CERT_ID"] { #expect(result.output.contains(needle)) }
        #expect(!FileManager.default.fileExists(atPath: dir + "/shoppyshop.sqlite"))
    }

    @Test func secrets_encryptShowDecrypt_andTamperIsCaught() async throws {
        let dir = try scratchDirectory()
        try "SHOPIFY_ACCESS_TOKEN=shpat_supersecret_value_1\nSHOPIFY_STORE_URL=a.myshopify.com\n"
            .write(toFile: dir + "/.env.production", atomically: true, encoding: .utf8)

        let keygen = try await run(["secrets", "keygen"], in: dir)
        let encrypt = try await run(["secrets", "encrypt", "--env", "production"], in: dir)
        let show = try await run(["secrets", "show", "--env", "production"], in: dir)
        let sealed = try String(contentsOfFile: dir + "/.env.production.enc", encoding: .utf8)

        #expect(keygen.status == 0)
        #expect(encrypt.status == 0)
        #expect(show.status == 0)
        #expect(show.output.contains("SHOPIFY_ACCESS_TOKEN"))
        #expect(!show.output.contains("shpat_supersecret_value_1"))
        #expect(!sealed.contains("shpat_supersecret_value_1"))

        try FileManager.default.removeItem(atPath: dir + "/.env.production")
        var lines = sealed.split(separator: "\n").map(String.init)
        var body = Array(lines[lines.count - 1])
        body[body.count / 2] = body[body.count / 2] == "A" ? "B" : "A"
        lines[lines.count - 1] = String(body)
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/.env.production.enc", atomically: true, encoding: .utf8)
        let tampered = try await run(["secrets", "decrypt", "--env", "production"], in: dir)

        #expect(tampered.status != 0)
        #expect(tampered.output.contains("modified or corrupted"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/.env.production"))
    }

    @Test func serve_answersHealth_andStopsCleanlyOnSIGTERM() async throws {
        let dir = try scratchDirectory()
        let port = 18_000 + Int.random(in: 0..<2_000)
        let process = try start(["serve", "--port", "\(port)"], in: dir)
        defer { if process.isRunning { process.terminate() } }

        var status = 0
        for _ in 0..<100 where status != 200 {
            try await Task.sleep(for: .milliseconds(100))
            status = (try? await httpStatus("http://127.0.0.1:\(port)/health")) ?? 0
        }
        kill(process.processIdentifier, SIGTERM)
        try await waitForExit(process)

        #expect(status == 200)
        #expect(process.terminationStatus == 0)
        let log = try String(contentsOfFile: dir + "/out.log", encoding: .utf8)
        #expect(log.contains("Sandbox mode"))
        #expect(log.contains("worker stopped"))
    }

    @Test func worker_stopsCleanlyOnSIGTERM() async throws {
        let dir = try scratchDirectory()
        let process = try start(["worker"], in: dir)
        defer { if process.isRunning { process.terminate() } }
        var log = ""
        for _ in 0..<100 where !log.contains("worker started") {
            try await Task.sleep(for: .milliseconds(100))
            log = (try? String(contentsOfFile: dir + "/out.log", encoding: .utf8)) ?? ""
        }

        kill(process.processIdentifier, SIGTERM)
        try await waitForExit(process)

        log = try String(contentsOfFile: dir + "/out.log", encoding: .utf8)
        #expect(process.terminationStatus == 0)
        #expect(log.contains("worker stopped"))
    }

    @Test func migrate_forwardAndBack_thenJobsCommands() async throws {
        let dir = try scratchDirectory()

        let up = try await run(["migrate", "--yes"], in: dir)
        let again = try await run(["migrate", "--yes"], in: dir)
        let list = try await run(["jobs", "list"], in: dir)
        let retryUnknown = try await run(["jobs", "retry", "00000000-0000-0000-0000-000000000000"], in: dir)
        let retryGarbage = try await run(["jobs", "cancel", "not-an-id"], in: dir)
        let down = try await run(["migrate", "--revert", "--yes"], in: dir)

        #expect(up.status == 0)
        #expect(up.output.contains("CreateJobs"))
        #expect(again.output.contains("up to date"))
        #expect(list.status == 0)
        #expect(list.output.contains("pending 0"))
        #expect(retryUnknown.status != 0)
        #expect(retryUnknown.output.contains("no job with id"))
        #expect(retryGarbage.status != 0)
        #expect(retryGarbage.output.contains("is not a job id"))
        #expect(down.status == 0)
        #expect(down.output.contains("reverted"))
    }

    @Test func help_explainsEveryCommand() async throws {
        let dir = try scratchDirectory()

        let help = try await run(["--help"], in: dir)

        for command in ["serve", "worker", "migrate", "secrets", "jobs", "config", "sandbox"] {
            #expect(help.output.contains(command), "no \(command) in --help")
        }
    }

    // MARK: Helpers

    struct Result {
        var status: Int32
        var output: String
    }

    func run(_ arguments: [String], in directory: String) async throws -> Result {
        let process = try start(arguments, in: directory)
        try await waitForExit(process)
        let output = try String(contentsOfFile: directory + "/out.log", encoding: .utf8)
        return Result(status: process.terminationStatus, output: output)
    }

    /// Waits at most `seconds`; a hung process is killed and the test fails instead of hanging.
    /// Sleeps, never blocks the shared cooperative threads (see `BinaryRunner.wait`).
    func waitForExit(_ process: Process, seconds: Double = 60) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw CLIError(description: "shoppyshop \(process.arguments ?? []) did not exit within \(Int(seconds)) s")
        }
    }

    func start(_ arguments: [String], in directory: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        // A clean environment: nothing of the developer's or CI's configuration leaks in.
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": directory]
        FileManager.default.createFile(atPath: directory + "/out.log", contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/out.log"))
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func binary() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("shoppyshop").path,
            packageRoot + ".build/debug/shoppyshop",
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CLIError(description: "the shoppyshop binary was not built (looked in \(candidates)); run `swift build` first")
        }
        return found
    }

    func scratchDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shoppyshop-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func httpStatus(_ url: String) async throws -> Int {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(2))
        return Int(response.status.code)
    }

    struct CLIError: Error, CustomStringConvertible { var description: String }
}
