import App
import Fluent
import Foundation
import Sandbox
import ShoppyShopCore
import Vapor

/// Peak and current resident set size of this process, from /proc (Linux).
enum Memory {
    static func field(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "").map { $0 / 1_024 }
        }
        return nil
    }
    static var peakMB: Int? { field("VmHWM") }
    static var currentMB: Int? { field("VmRSS") }
}

/// One benchmark's figures: printed, and written to bench/results/<name>.json.
struct Results {
    let name: String
    var figures: [String: Any] = [:]

    subscript(key: String) -> Any? {
        get { figures[key] }
        set { figures[key] = newValue }
    }

    func write(root: String) throws {
        var figures = self.figures
        figures["benchmark"] = name
        figures["measured_at"] = ISO8601DateFormatter().string(from: Date())
        figures["machine"] = "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB"
        #if DEBUG
        figures["build"] = "debug"
        #else
        figures["build"] = "release"
        #endif
        let directory = root + "/bench/results"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let data = try JSONSerialization.data(withJSONObject: figures, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: "\(directory)/\(name).json"))
        print(String(decoding: data, as: UTF8.self))
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func percentile(_ values: [Double], _ q: Double) -> Double? {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return nil }
    return sorted[min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
}

/// An app like `serve`'s on a scratch SQLite file, listening on a free port (webhooks), with
/// the sandbox either in this process or at `sandboxURL`.
struct BenchApp {
    let app: Application
    let directory: String
    var host: SandboxHost?

    static func make(_ values: [String: String] = [:]) async throws -> BenchApp {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("syncbench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var literal = ["SHOPPYSHOP_MASTER_KEY": Data((1...32).map { UInt8($0) }).base64EncodedString(),
                       "SQLITE_PATH": directory + "/bench.sqlite", "LOG_LEVEL": "warning", "SANDBOX_SIMULATE": "off"]
        literal.merge(values) { _, new in new }
        guard case .success(let config) = AppConfig.decode(ConfigSource.literal(literal), environment: "development", directory: directory) else {
            throw BenchError("benchmark configuration is invalid")
        }
        let app = try await Application.make(.development)
        try await configure(app, config: config)
        try await app.prepareForBench()
        app.http.server.configuration.port = 0
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        return BenchApp(app: app, directory: directory)
    }

    var port: Int { app.http.server.shared.localAddress?.port ?? 0 }

    /// Stand-ins in this process, delivering webhooks to the app.
    mutating func startSandbox(products: Int, variants: Int? = nil, seed: UInt64 = 1, rateLimit: Int? = 50) async throws {
        var configuration = SandboxConfiguration(port: 0, products: products, seed: seed, callbackBaseURL: URL(string: "http://127.0.0.1:\(port)"), demoSeller: true)
        configuration.variantsPerProduct = variants
        let host = try await app.runSandbox(configuration)
        let state = EbaySandbox.state(of: host.context)
        var settings = state.settings
        settings.requestsPerSecond = rateLimit
        state.settings = settings
        self.host = host
    }

    var ebay: EbaySandboxState? { host.map { EbaySandbox.state(of: $0.context) } }

    func shutdown() async {
        await app.server.shutdown()
        try? await app.asyncShutdown()
        if ProcessInfo.processInfo.environment["BENCH_KEEP"] != nil { print("kept \(directory)") } else { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Maps the demo's Home products' required "Type" from their metafield, so nothing is blocked for a missing aspect.
    func ruleForHomeType() async throws {
        var settings = RuleSettings()
        settings.aspects = ["Type": .metafield("custom.item_type")]
        try await RuleStore.set(name: "home-type", scope: RuleScope(kind: .productType, value: "Home"), settings: settings, on: app.db)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
