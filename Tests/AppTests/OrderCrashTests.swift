import Foundation
import Testing

/// SIGKILL the real `shoppyshop sync orders` at random points while it imports eBay orders
/// and while it sends tracking, restart it, let it finish: every eBay order is in Shopify
/// exactly once, every shipment on eBay exactly once. The stand-ins run in their own process.
@Suite("Order import survives SIGKILL", .serialized, .enabled(if: CrashTrials.enabled, Comment(rawValue: CrashTrials.howToRun)))
struct OrderCrashTests {
    /// 20 in CI; the benchmark runs 50 (`ORDER_CRASH_TRIALS=50 swift test --filter OrderCrashTests`).
    static let trials = ProcessInfo.processInfo.environment["ORDER_CRASH_TRIALS"].flatMap(Int.init).map { max(1, $0) } ?? 20

    @Test func sigkillDuringImportAndTracking_restart_noDuplicateOrdersOrFulfillments() async throws {
        let sandbox = try await SandboxProcess.start(products: 24)
        defer { sandbox.stop() }
        let runner = try BinaryRunner(environment: ["SANDBOX_URL": sandbox.base])
        #expect(try await runner.run(["sync", "listings"]).status == 0)
        var random = SystemRandomNumberGenerator()
        var killed = 0
        var allEbayOrders: [String] = []

        func buy(_ count: Int, seed: Int) async throws -> [String] {
            let status = try await BinaryRunner.post(sandbox.base + "/ebay-sandbox/buyer/orders/random", json: #"{"count": \#(count), "seed": \#(seed)}"#)
            try #require(status == 200)
            return try await sandbox.seller().fulfillments.keys.filter { !allEbayOrders.contains($0) }.sorted()
        }

        /// Runs `sync orders`, killed after a random number of the stand-ins' answers (below `span`).
        func killedRun(span: Int, log: String) async throws {
            let before = try await sandbox.requests()
            let target = before + Int.random(in: 1...max(1, span), using: &random)
            let victim = try runner.start(["sync", "orders", "--json"], log: log)
            while victim.isRunning, try await sandbox.requests() < target { try await Task.sleep(for: .milliseconds(1)) }
            if victim.isRunning {
                kill(victim.processIdentifier, SIGKILL)
                killed += 1
            }
            try await BinaryRunner.wait(victim, seconds: 60)
        }

        // How many answers one import of 3 orders takes, to pick kill points inside it.
        allEbayOrders += try await buy(3, seed: 999)
        let start = try await sandbox.requests()
        #expect(try await runner.run(["sync", "orders"]).status == 0)
        let span = max(2, try await sandbox.requests() - start - 1)

        for trial in 1...Self.trials {
            let fresh = try await buy(3, seed: trial)
            allEbayOrders += fresh
            try await killedRun(span: span, log: "import-\(trial)")
            let resumed = try await runner.run(["sync", "orders", "--json"])
            #expect(resumed.status == 0, "trial \(trial): \(resumed.output.suffix(1_500))")

            // Ship what was just imported, then kill again while tracking goes to eBay.
            let orders = try await sandbox.shopifyOrders()
            for order in orders where fresh.contains(order.sourceIdentifier ?? "") && order.fulfillments == 0 {
                _ = try await BinaryRunner.post(sandbox.base + "/_sandbox/shopify/orders/\(order.id)/fulfill",
                                                json: #"{"company": "USPS", "number": "9400\#(order.id)"}"#)
            }
            try await killedRun(span: span, log: "tracking-\(trial)")
            #expect(try await runner.run(["sync", "orders"]).status == 0)
        }

        let shopify = try await sandbox.shopifyOrders()
        let seller = try await sandbox.seller()
        for id in allEbayOrders {
            let copies = shopify.filter { $0.sourceIdentifier == id }.count
            #expect(copies == 1, "eBay order \(id) is in Shopify \(copies) times")
        }
        let shipped = allEbayOrders.dropFirst(3)
        for id in shipped { #expect(seller.fulfillments[id] == 1, "eBay order \(id) has \(seller.fulfillments[id] ?? 0) shipping fulfillments") }
        print("order crash trials: \(Self.trials), processes killed mid-run \(killed), eBay orders \(allEbayOrders.count), Shopify orders \(shopify.count)")
        #expect(killed >= Self.trials, "most runs must really be killed mid-run")
    }
}
