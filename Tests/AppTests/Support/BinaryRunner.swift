import AsyncHTTPClient
import Foundation
import NIOCore

/// Runs the real `shoppyshop` binary in a scratch directory with a clean environment, as a
/// user would (the test binary is built next to it by `swift build --build-tests`).
struct BinaryRunner {
    let directory: String
    var environment: [String: String]

    init(environment: [String: String] = [:]) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shoppyshop-run-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        directory = path
        // Nothing of the developer's or CI's configuration leaks in (no DATABASE_URL: SQLite in the scratch directory).
        self.environment = ["PATH": "/usr/bin:/bin", "HOME": path, "SANDBOX_SIMULATE": "off", "LOG_LEVEL": "warning"].merging(environment) { _, new in new }
    }

    struct Result {
        var status: Int32
        var output: String
        var stdout: String
    }

    static func binary() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("shoppyshop").path,
            packageRoot + ".build/debug/shoppyshop",
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw RunnerError(description: "the shoppyshop binary was not built (looked in \(candidates)); run `swift build` first")
        }
        return found
    }

    func start(_ arguments: [String], log: String = "out") throws -> Process {
        let process = Process()
        // Niced: these processes share two cores with the rest of the suite, whose sandbox
        // tests measure time; the trials have no clock to beat.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/nice") {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/nice")
            process.arguments = ["-n", "15", try Self.binary()] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: try Self.binary())
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        FileManager.default.createFile(atPath: "\(directory)/\(log).err", contents: nil)
        FileManager.default.createFile(atPath: "\(directory)/\(log).out", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(directory)/\(log).out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(directory)/\(log).err"))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func run(_ arguments: [String], seconds: Double = 120) async throws -> Result {
        let log = "run-\(UUID().uuidString.prefix(8))"
        let process = try start(arguments, log: log)
        try await Self.wait(process, seconds: seconds)
        let out = (try? String(contentsOfFile: "\(directory)/\(log).out", encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: "\(directory)/\(log).err", encoding: .utf8)) ?? ""
        return Result(status: process.terminationStatus, output: out + err, stdout: out)
    }

    /// Waits at most `seconds`; a hung process is killed and the test fails instead of hanging.
    /// Sleeps, never blocks: a blocked thread is one of the few (one per core) that every
    /// other test in the run shares.
    static func wait(_ process: Process, seconds: Double) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw RunnerError(description: "shoppyshop \(process.arguments ?? []) did not exit within \(Int(seconds)) s")
        }
    }

    static func freePort() -> Int { 20_000 + Int.random(in: 0..<20_000) }

    static func get(_ url: String) async throws -> (Int, Data) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), Data(buffer: body))
    }

    static func post(_ url: String, json: String = "{}") async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: json))
        return Int(try await HTTPClient.shared.execute(request, timeout: .seconds(5)).status.code)
    }

    struct RunnerError: Error, CustomStringConvertible { var description: String }
}

/// A `shoppyshop sandbox` process: the stand-ins outlive the app processes a test kills.
struct SandboxProcess {
    let process: Process
    let base: String
    let runner: BinaryRunner

    static func start(products: Int, seed: Int = 7) async throws -> SandboxProcess {
        for _ in 0..<5 {
            let port = BinaryRunner.freePort()
            let runner = try BinaryRunner()
            let process = try runner.start(["sandbox", "--products", "\(products)", "--seed", "\(seed)", "--port", "\(port)"], log: "sandbox")
            let base = "http://127.0.0.1:\(port)"
            for _ in 0..<300 {
                if let (status, _) = try? await BinaryRunner.get(base + "/_sandbox/status"), status == 200 {
                    return SandboxProcess(process: process, base: base, runner: runner)
                }
                if !process.isRunning { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        throw BinaryRunner.RunnerError(description: "the sandbox process did not start")
    }

    /// From a `defer`, so it cannot wait: the stand-ins have nothing to flush, so SIGKILL.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    struct SellerState: Decodable {
        var items: Int
        var offers: [String: Int]
        var live: [String: String]
        var fulfillments: [String: Int]
    }

    struct ShopifyOrder: Decodable {
        var id: Int64
        var tags: [String]
        var sourceIdentifier: String?
        var fulfillments: Int
    }

    func shopifyOrders() async throws -> [ShopifyOrder] {
        let (_, body) = try await BinaryRunner.get(base + "/_sandbox/shopify/orders")
        return try JSONDecoder().decode([ShopifyOrder].self, from: body)
    }

    /// Requests of both stand-ins answered so far.
    func requests() async throws -> Int {
        let (_, body) = try await BinaryRunner.get(base + "/_sandbox/status")
        let object = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        let requests = object?["requests"] as? [String: Any] ?? [:]
        return ["ebay", "shopify"].reduce(0) { $0 + (((requests[$1] as? [String: Any])?["total"] as? Int) ?? 0) }
    }

    func seller() async throws -> SellerState {
        let (_, body) = try await BinaryRunner.get(base + "/ebay-sandbox/seller/state")
        return try JSONDecoder().decode(SellerState.self, from: body)
    }

    /// eBay requests the stand-in has answered so far.
    func ebayRequests() async throws -> Int {
        let (_, body) = try await BinaryRunner.get(base + "/_sandbox/status")
        let object = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        let requests = (object?["requests"] as? [String: Any])?["ebay"] as? [String: Any]
        return requests?["total"] as? Int ?? 0
    }
}

/// The SIGKILL trials start dozens of `shoppyshop` processes; beside the other suites on two
/// cores that load stretches every test that waits on a sandbox, so they run on their own:
/// `CRASH_TRIALS=1 swift test --filter 'ListingCrashTests|OrderCrashTests'` (as `.ci/run` does).
enum CrashTrials {
    static let enabled = ProcessInfo.processInfo.environment["CRASH_TRIALS"].map { !["", "0"].contains($0) } ?? false
    static let howToRun = "SIGKILL trials run on their own: CRASH_TRIALS=1 swift test --filter 'ListingCrashTests|OrderCrashTests'"
}
