import Foundation
import Testing

/// The sync commands as a merchant runs them: the real binary, its own SQLite, the sandbox.
@Suite("Sync commands", .serialized)
struct SyncCLITests {
    @Test func rules_setListRemove_andBadInput_namesEveryProblem() async throws {
        let runner = try BinaryRunner()

        let saved = try await runner.run(["rules", "set", "apparel", "--product-type", "Apparel", "--price-percent", "10", "--round", "99", "--buffer", "2"])
        let bad = try await runner.run(["rules", "set", "broken", "--tag", "x", "--buffer", "-1", "--condition", "MINT", "--round", "97"])
        let list = try await runner.run(["rules", "list", "--json"])
        let removed = try await runner.run(["rules", "remove", "apparel"])
        let missing = try await runner.run(["rules", "remove", "apparel"])

        #expect(saved.status == 0, "\(saved.output)")
        #expect(bad.status != 0)
        for needle in ["--round 97", "stockBuffer -1", "condition \"MINT\""] { #expect(bad.output.contains(needle), "\(needle) in \(bad.output)") }
        #expect(list.stdout.contains(#""productType" : "Apparel""#))
        #expect(list.stdout.contains(#""pricePercent" : "10""#))
        #expect(!list.stdout.contains("broken"))
        #expect(removed.status == 0)
        #expect(missing.status != 0)
    }

    @Test func rulesFile_exportImport_roundTrips_andAnInvalidFileChangesNothing() async throws {
        let runner = try BinaryRunner()
        _ = try await runner.run(["rules", "set", "default", "--all", "--out-of-stock", "withdraw", "--drift", "report"])
        let exported = try await runner.run(["rules", "export", "--file", "rules.json"])
        try #"{"rules": [{"name": "x", "vendor": "V", "stockBufer": 1}]}"#.write(toFile: runner.directory + "/bad.json", atomically: true, encoding: .utf8)
        let rejected = try await runner.run(["rules", "import", "bad.json"])
        let imported = try await runner.run(["rules", "import", "rules.json"])
        let list = try await runner.run(["rules", "list"])

        #expect(exported.status == 0)
        #expect(rejected.status != 0)
        #expect(rejected.output.contains("stockBufer"))
        #expect(imported.status == 0)
        #expect(list.output.contains("default"))
        #expect(list.output.contains("withdraw"))
    }

    @Test func syncListings_dryRunThenApply_inItsOwnSandbox_exitCodes() async throws {
        let runner = try BinaryRunner(environment: ["SANDBOX_PRODUCTS": "12"])

        let plan = try await runner.run(["sync", "listings", "--dry-run"])
        let json = try await runner.run(["sync", "listings", "--dry-run", "--json"])

        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.output.contains("Plan (dry run: nothing is sent to eBay)"))
        #expect(plan.output.contains("blocked"))
        #expect(plan.output.contains("fix:"))
        #expect(plan.output.contains("to list"))
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout[json.stdout.firstIndex(of: "{")!...].utf8)) as? [String: Any]
        #expect((object?["dryRun"] as? Bool) == true)
        #expect(((object?["summary"] as? [String: Any])?["create"] as? Int ?? 0) > 0)
    }

    @Test func catalogStockReconcile_commands_run_andReport() async throws {
        let runner = try BinaryRunner(environment: ["SANDBOX_PRODUCTS": "8"])

        let catalog = try await runner.run(["sync", "catalog", "--json"])
        let stock = try await runner.run(["sync", "stock", "--json"])
        let reconcile = try await runner.run(["reconcile", "--dry-run"])

        #expect(catalog.status == 0, "\(catalog.output)")
        #expect(catalog.stdout.contains(#""products" : 8"#))
        #expect(stock.status == 0, "\(stock.output)")
        #expect(stock.stdout.contains("fromShopifyChange"))
        #expect(reconcile.status == 0, "\(reconcile.output)")
        #expect(reconcile.output.contains("Reconcile (dry run"))
    }
}
