import Foundation
import Testing

/// SIGKILL the real `shoppyshop sync listings` at random points of a first listing, restart
/// it, let it finish: no inventory item, offer or listing doubled, the account as planned, and
/// one more run writes nothing. The stand-ins run in their own process, so only the app dies.
@Suite("Listing apply survives SIGKILL", .serialized, .enabled(if: CrashTrials.enabled, Comment(rawValue: CrashTrials.howToRun)))
struct ListingCrashTests {
    static let trials = 20

    struct Plan: Decodable {
        struct Product: Decodable {
            struct SKU: Decodable { var sku: String }
            var action: String
            var skus: [SKU]
        }
        struct Summary: Decodable { var create: Int; var update: Int; var end: Int }
        var products: [Product]
        var summary: Summary
        var calls: Int
    }

    static func decode(_ text: String) throws -> Plan {
        guard let start = text.firstIndex(of: "{") else { throw BinaryRunner.RunnerError(description: "no JSON in: \(text.prefix(500))") }
        return try JSONDecoder().decode(Plan.self, from: Data(text[start...].utf8))
    }

    @Test func sigkillDuringApply_restart_finishes_withNothingDoubled() async throws {
        let sandbox = try await SandboxProcess.start(products: 24)
        defer { sandbox.stop() }
        var random = SystemRandomNumberGenerator()
        var killedAt: [Int] = []

        // A whole first listing, to know how many eBay requests one takes.
        let calibration = try BinaryRunner(environment: ["SANDBOX_URL": sandbox.base])
        #expect(try await BinaryRunner.post(sandbox.base + "/ebay-sandbox/seller/reset") == 204)
        _ = try await calibration.run(["sync", "listings", "--dry-run"]) // as each trial does first: categories then known
        let start = try await sandbox.ebayRequests()
        #expect(try await calibration.run(["sync", "listings"]).status == 0)
        let whole = try await sandbox.ebayRequests() - start
        try #require(whole > 2)

        for trial in 1...Self.trials {
            #expect(try await BinaryRunner.post(sandbox.base + "/ebay-sandbox/seller/reset") == 204)
            let runner = try BinaryRunner(environment: ["SANDBOX_URL": sandbox.base])
            let planned = try await Self.decode(runner.run(["sync", "listings", "--dry-run", "--json"]).stdout)
            let expected = Set(planned.products.filter { $0.action == "create" }.flatMap { $0.skus.map(\.sku) })
            try #require(!expected.isEmpty)

            // Kill once the stand-in has answered a random number of the apply's eBay requests.
            let before = try await sandbox.ebayRequests()
            let target = before + Int.random(in: 1..<whole, using: &random)
            let victim = try runner.start(["sync", "listings", "--json"], log: "victim-\(trial)")
            while victim.isRunning, try await sandbox.ebayRequests() < target { try await Task.sleep(for: .milliseconds(1)) }
            if victim.isRunning {
                kill(victim.processIdentifier, SIGKILL)
                try await BinaryRunner.wait(victim, seconds: 60)
                killedAt.append(try await sandbox.ebayRequests() - before)
            }

            let resumed = try await runner.run(["sync", "listings", "--json"])
            #expect(resumed.status == 0, "trial \(trial): \(resumed.output.suffix(2_000))")
            let again = try await Self.decode(runner.run(["sync", "listings", "--json"]).stdout)
            let seller = try await sandbox.seller()

            #expect(again.calls == 0, "trial \(trial): a third run still wrote")
            #expect(again.summary.create == 0 && again.summary.update == 0)
            #expect(seller.offers.values.allSatisfy { $0 == 1 }, "trial \(trial): doubled offers \(seller.offers.filter { $0.value > 1 })")
            #expect(Set(seller.live.keys) == expected, "trial \(trial): live \(seller.live.count) of \(expected.count) planned")
            #expect(seller.items == expected.count)
        }
        print("listing crash trials: \(killedAt.count) of \(Self.trials) killed mid-apply (a whole listing is \(whole) eBay requests), after \(killedAt.sorted()) requests")
        #expect(killedAt.count >= Self.trials * 3 / 4, "most trials must really kill the process mid-apply")
    }
}
