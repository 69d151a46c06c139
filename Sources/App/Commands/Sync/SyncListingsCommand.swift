import Fluent
import Foundation
import ShoppyShopCore
import Vapor

/// `sync listings [--dry-run] [--json] [--changed]`: plan eBay listings from the mirror and the
/// rules, and apply the plan.
struct SyncListingsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "dry-run", help: "Print the plan and send nothing to eBay.")
        var dryRun: Bool
        @Flag(name: "json", help: "Print the plan or the result as JSON.")
        var json: Bool
        @Flag(name: "changed", help: "Only products changed since the last run (default: every product).")
        var changed: Bool
        @Option(name: "product", help: "Only this product (its Shopify id).")
        var product: String?
        init() {}
    }

    var help: String {
        "Plans eBay listings from the Shopify mirror and your rules (`shoppyshop rules`), then applies the plan with eBay's bulk calls. --dry-run prints the plan (blocked products with the missing piece and the fix) and sends nothing. Exits non-zero if eBay refused anything."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        var scope: ListingsSync.Scope = signature.changed ? .changed : .all
        if let text = signature.product {
            guard let id = Int64(text.hasPrefix("gid://shopify/Product/") ? String(text.dropFirst(22)) : text) else {
                throw CommandFailure(code: 64, description: "--product \(text): give the product's Shopify id, e.g. 8000000000001")
            }
            scope = .products([id])
        }
        try await SyncCommandSupport.prepare(app)
        if try await ShopifyProduct.query(on: app.db).count() == 0 {
            context.console.print("The catalog mirror is empty: importing it from Shopify first.")
            _ = try await app.shoppyShop.syncCatalog(full: true, trigger: "cli")
        }
        let title = signature.dryRun ? "Planning" : "Listing on eBay"
        let progress = SyncCommandSupport.Progress(context, title: title, enabled: !signature.json)
        let report: ListingsSync.Report
        do {
            report = try await app.shoppyShop.listProducts(scope: scope, dryRun: signature.dryRun, trigger: "cli") { done, total in
                progress.update(done: done, total: total)
            }
            progress.finish(ok: report.failed == 0)
        } catch {
            progress.finish(ok: false)
            throw SyncCommandSupport.failure(error)
        }
        if signature.json {
            try SyncCommandSupport.printJSON(context, report)
        } else {
            PlanPrinter(console: context.console).print(report)
        }
        if report.failed > 0 {
            throw CommandFailure(code: 1, description: "\(report.failed) products were refused by eBay")
        }
    }
}

/// The human form of a plan or an applied plan.
struct PlanPrinter {
    let console: any Console

    func print(_ report: ListingsSync.Report) {
        console.print(report.dryRun ? "Plan (dry run: nothing is sent to eBay)" : "Applied plan")
        let marks: [ProductPlan.Action: String] = [.create: "+ list   ", .update: "~ update ", .end: "- end    ", .blocked: "! blocked", .skip: "  skip   ", .unchanged: "  same   "]
        for product in report.products {
            let plan = product.plan
            let outcome = report.dryRun || product.outcome == "done" ? "" : "  [\(product.outcome)]"
            console.print("\(marks[plan.action] ?? "")  \(plan.shopifyID)  \(plan.title)\(outcome)")
            if let category = plan.values["category"] { console.print("      category \(category.value) (\(category.source))") }
            for problem in plan.problems { console.print("      \(problem.field): \(problem.message)\n        fix: \(problem.fix)") }
            for note in plan.notes { console.print("      note: \(note)") }
            if plan.action != .blocked {
                for sku in plan.skus where !sku.steps.isEmpty {
                    console.print("      \(sku.sku)  \(sku.price.value) (\(sku.price.source))  qty \(sku.quantity.value) (\(sku.quantity.source))  [\(sku.steps.map(\.rawValue).joined(separator: ", "))]")
                }
                if let group = plan.group, !group.steps.isEmpty { console.print("      group \(group.key)  [\(group.steps.map(\.rawValue).joined(separator: ", "))]") }
            }
            for (key, failure) in product.failures.sorted(by: { $0.key < $1.key }) {
                console.print("      eBay refused \(key) at \(failure.step.rawValue): \(failure.message)")
            }
        }
        console.print("")
        console.print(report.description)
        let blocked = report.products.filter { $0.plan.action == .blocked }
        if !blocked.isEmpty {
            let reasons = Dictionary(grouping: blocked.flatMap(\.plan.problems), by: \.field).mapValues(\.count).sorted { $0.value > $1.value }
            console.print("Blocked before any call: " + reasons.map { "\($0.value) × \($0.key)" }.joined(separator: ", "))
        }
        if !report.dryRun {
            console.print("eBay write calls: \(report.calls) (fewest possible for this work: \(report.minimumCalls))")
        } else if report.summary.create + report.summary.update + report.summary.end > 0 {
            console.print("Apply it with: shoppyshop sync listings")
        }
    }
}
