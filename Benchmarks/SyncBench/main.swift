import App
import EbayAPI
import Fluent
import Foundation
import Sandbox
import ShopifyAPI
import ShoppyShopCore
import Vapor

// The listings + stock benchmarks of issue 12 and the orders benchmark of issue 13. Each prints its figures and writes
// bench/results/<name>.json; docs/performance.md summarises them.
//
//   swift run -c release SyncBench listing   [--products 1000] [--variants 3]
//   swift run -c release SyncBench reconcile [--products 10000]
//   swift run -c release SyncBench stock     [--changes 1000] [--rate 20]
//   swift run -c release SyncBench import    [--products 100000] (needs the shoppyshop binary built)
//   swift run -c release SyncBench orders    [--orders 1000] [--products 300]

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else { return fallback }
    return value
}
let root = FileManager.default.currentDirectoryPath

guard let which = arguments.first else {
    print("usage: SyncBench listing|reconcile|stock|import|orders [options]")
    exit(64)
}

do {
    switch which {
    case "listing": try await ListingBench.run(products: option("products", 1_000), variants: option("variants", 3), root: root)
    case "reconcile": try await ReconcileBench.run(products: option("products", 10_000), root: root)
    case "stock": try await StockBench.run(changes: option("changes", 1_000), rate: option("rate", 20), root: root)
    case "import": try await ImportBench.run(products: option("products", 100_000), root: root)
    case "orders": try await OrdersBench.run(orders: option("orders", 1_000), products: option("products", 300), root: root)
    default:
        print("unknown benchmark \(which)")
        exit(64)
    }
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}
exit(0)
