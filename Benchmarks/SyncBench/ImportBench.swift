import App
import Fluent
import Foundation
import ShoppyShopCore
import Vapor

/// (d) Importing an N-product catalog from a bulk operation's JSONL, streamed into SQLite:
/// peak RSS of this process and wall time. The stand-ins run in their own process
/// (`shoppyshop sandbox`), so their copy of the store is not counted here.
enum ImportBench {
    static func run(products: Int, root: String) async throws {
        let binary = ["release", "debug"].map { "\(root)/.build/\($0)/shoppyshop" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let binary else { throw BenchError("build the shoppyshop binary first (swift build)") }
        let port = 30_000 + Int.random(in: 0..<10_000)
        let sandbox = Process()
        sandbox.executableURL = URL(fileURLWithPath: binary)
        sandbox.arguments = ["sandbox", "--products", "\(products)", "--port", "\(port)"]
        sandbox.currentDirectoryURL = FileManager.default.temporaryDirectory
        sandbox.environment = ["PATH": "/usr/bin:/bin", "HOME": FileManager.default.temporaryDirectory.path, "LOG_LEVEL": "warning"]
        sandbox.standardOutput = FileHandle.nullDevice
        sandbox.standardError = FileHandle.nullDevice
        try sandbox.run()
        defer { sandbox.terminate() }
        let base = URL(string: "http://127.0.0.1:\(port)")!
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(300) {
            if let answer = try? await HTTPClient.shared.get(url: base.appendingPathComponent("_sandbox/status").absoluteString).get(), answer.status == .ok { break }
            try await Task.sleep(for: .milliseconds(200))
        }

        let bench = try await BenchApp.make()
        bench.app.useSandbox(at: base)
        let rssBefore = Memory.currentMB ?? -1
        let peakBefore = Memory.peakMB ?? -1
        let start = ContinuousClock.now
        let report = try await bench.app.shoppyShop.syncCatalog(full: true, trigger: "bench")
        let wall = seconds(ContinuousClock.now - start)
        let rows = try await ShopifyProduct.query(on: bench.app.db).count()
        let variants = try await ShopifyVariant.query(on: bench.app.db).count()

        var results = Results(name: "import-\(products)")
        results["products"] = products
        results["products_in_mirror"] = rows
        results["variants_in_mirror"] = variants
        results["stock_levels"] = report.levels
        results["seconds"] = wall
        results["products_per_second"] = Double(rows) / wall
        // Waiting for the stand-in to build its exports is Shopify's time, not ours.
        results["waiting_for_bulk_exports_s"] = report.exportSeconds
        results["reading_jsonl_into_mirror_s"] = report.readSeconds
        results["reading_products_per_second"] = Double(rows) / max(report.readSeconds, 0.001)
        results["rss_before_import_mb"] = rssBefore
        results["peak_rss_before_import_mb"] = peakBefore
        results["peak_rss_mb"] = Memory.peakMB ?? -1
        try results.write(root: root)
        await bench.shutdown()
    }
}
