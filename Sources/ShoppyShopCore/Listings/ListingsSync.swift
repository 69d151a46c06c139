import EbayAPI
import FluentKit
import Foundation
import Logging

/// The seed's `list_products` and the listing half of `sync_inventory`: reads the account and
/// categories, plans page by page over the mirror, and (unless dry-run) applies each page.
/// A dry run makes only reads: it sends nothing to eBay and changes no eBay state we keep.
public struct ListingsSync: Sendable {
    public let environment: SyncEnvironment
    public let database: any Database
    public let queue: JobQueue?
    public let jobID: UUID?
    /// Products planned (and applied) together. 1,000 products × 3 variants is 3,000 SKUs:
    /// whole bulk calls of 25, so paging costs no extra call.
    public var pageSize = 1_000

    public init(environment: SyncEnvironment, database: any Database, queue: JobQueue?, jobID: UUID? = nil) {
        self.environment = environment
        self.database = database
        self.queue = queue
        self.jobID = jobID
    }

    public enum Scope: Sendable, Hashable {
        case all
        case products([Int64])
        /// Products the mirror changed since the last run (webhooks, catalog deltas).
        case changed
    }

    public static let incrementalCursor = "listings.changed_since"

    public struct Report: Sendable, Codable {
        public var dryRun: Bool
        public var summary = PlanSummary()
        /// Products with something to say (not unchanged), in id order.
        public var products: [ProductReport] = []
        public var calls = 0
        public var failed = 0
        /// The fewest calls a first listing of the planned work could take (see `MinimumCalls`).
        public var minimumCalls = 0
        public var seconds = 0.0

        public var description: String {
            var text = (dryRun ? "Plan (dry run, nothing sent): " : "Listings: ") + summary.description
            if !dryRun { text += "; \(calls) eBay write calls, \(failed) products failed" }
            return text
        }
    }

    public struct ProductReport: Sendable, Codable {
        public var plan: ProductPlan
        /// eBay's refusals per SKU (or group key) when applied: step, error id, message.
        public var failures: [String: ListingApplier.Outcome.Failure]
        public var outcome: String

        enum CodingKeys: String, CodingKey { case shopifyID, title, action, outcome, problems, notes, values, skus, group, failures }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(plan.shopifyID, forKey: .shopifyID)
            try c.encode(plan.title, forKey: .title)
            try c.encode(plan.action, forKey: .action)
            try c.encode(outcome, forKey: .outcome)
            if !plan.problems.isEmpty { try c.encode(plan.problems, forKey: .problems) }
            if !plan.notes.isEmpty { try c.encode(plan.notes, forKey: .notes) }
            try c.encode(plan.values, forKey: .values)
            try c.encode(plan.skus.map(SKUReport.init), forKey: .skus)
            if let group = plan.group { try c.encode(["key": group.key, "steps": group.steps.map(\.rawValue).joined(separator: ",")], forKey: .group) }
            if !failures.isEmpty { try c.encode(failures, forKey: .failures) }
        }

        public init(from decoder: any Decoder) throws {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "reports are written, not read"))
        }

        init(plan: ProductPlan, failures: [String: ListingApplier.Outcome.Failure], outcome: String) {
            self.plan = plan
            self.failures = failures
            self.outcome = outcome
        }
    }

    struct SKUReport: Encodable {
        var sku: String
        var price: String
        var priceSource: String
        var quantity: Int
        var quantitySource: String
        var steps: [PlanStep]

        init(_ plan: SKUPlan) {
            sku = plan.sku
            price = plan.price.value.description
            priceSource = plan.price.source
            quantity = plan.quantity.value
            quantitySource = plan.quantity.source
            steps = plan.steps
        }
    }

    public func run(scope: Scope = .all, dryRun: Bool, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> Report {
        let clock = ContinuousClock.now
        let started = environment.now()
        let ebay = try environment.ebay()
        let reader = MirrorReader(database: database, locations: environment.locations)
        let accountReader = EbayAccountReader(ebay: ebay, database: database, now: environment.now)
        let rules = try await RuleStore.all(on: database)
        let account = try await accountReader.setup()

        let ids = try await productIDs(scope)
        // Categories for every product type in scope, and those rules name.
        let typeQuery = ShopifyProduct.query(on: database).filter(\.$status == "ACTIVE")
        // One product's plan (its dashboard page) needs its own type, not the catalog's.
        if case .products(let chosen) = scope, chosen.count <= 1_000 { typeQuery.filter(\.$shopifyID ~~ chosen) }
        let types = Set(try await typeQuery.unique().all(\.$productType).compactMap { $0?.nonEmpty })
        let categories = try await accountReader.categories(forTypes: types)
        let byID = try await accountReader.categories(byIDs: Set(rules.compactMap(\.settings.categoryID)))

        var report = Report(dryRun: dryRun)
        let applier = ListingApplier(ebay: ebay, database: database, audit: AuditRecorder(database: database, jobID: jobID), logger: environment.logger, now: environment.now)
        var seenSKUs: [String: Int64] = [:]
        var stockToPush = Set<String>()
        var done = 0
        for page in ids.batches(of: pageSize) {
            try Task.checkCancellation()
            let products = try await reader.products(page)
            let skus = products.flatMap { $0.variants.compactMap(\.sku) }
            let context = PlanContext(
                resolver: RuleResolver(rules: rules, defaults: environment.defaults), categories: categories, categoriesByID: byID,
                account: account, known: try await reader.known(products: page), groups: try await reader.groups(products: page),
                pendingSales: try await reader.pendingSales(skus: skus), marketplaceID: ebay.marketplaceID,
                locale: ebay.contentLanguage.replacingOccurrences(of: "-", with: "_"))
            let planner = ListingPlanner(context: context)
            let plan = ListingPlan(products: products.map { planner.plan($0, seenSKUs: &seenSKUs) })
            report.minimumCalls += MinimumCalls.forFirstListing(plan)
            var outcome = ListingApplier.Outcome()
            if !dryRun {
                outcome = try await applier.apply(plan)
                report.calls += outcome.calls
                stockToPush.formUnion(outcome.stockToPush)
            }
            for product in plan.products {
                report.summary.add(product.action)
                let keys = product.skus.map(\.sku) + (product.group.map { [$0.key] } ?? [])
                let failures = outcome.failures.filter { keys.contains($0.key) }
                if !failures.isEmpty { report.failed += 1 }
                guard (product.action != .unchanged && product.action != .skip) || !failures.isEmpty else { continue }
                let result: String = dryRun ? "planned" : (failures.isEmpty ? (product.action == .blocked ? "blocked" : "done") : "failed")
                report.products.append(ProductReport(plan: product, failures: failures, outcome: result))
            }
            done += page.count
            progress?(done, ids.count)
        }
        if !dryRun {
            if !stockToPush.isEmpty {
                try await StockChanges.record(stockToPush.sorted().map { .init(sku: $0, reason: .listing) }, seenAt: environment.now(), on: database)
                if let queue { try await StockChanges.requestPush(queue) }
            }
            if scope == .changed || scope == .all {
                try await SyncCursors.set(Self.incrementalCursor, to: started, on: database)
            }
        }
        report.seconds = CatalogSync.seconds(since: clock)
        return report
    }

    func productIDs(_ scope: Scope) async throws -> [Int64] {
        switch scope {
        case .all:
            return try await ShopifyProduct.query(on: database).sort(\.$shopifyID).all(\.$shopifyID)
        case .products(let ids):
            return ids.sorted()
        case .changed:
            let since = try await SyncCursors.date(Self.incrementalCursor, on: database) ?? .distantPast
            return try await ShopifyProduct.query(on: database).filter(\.$lastSynced >= since.addingTimeInterval(-1)).sort(\.$shopifyID).all(\.$shopifyID)
        }
    }
}

/// The fewest eBay calls that could list a plan's new work: one bulk call per 25 inventory
/// items, offers and single-variant publishes, and one group call plus one group publish per
/// multi-variant product (the Inventory API has no bulk form of either).
public enum MinimumCalls {
    public static func forFirstListing(_ plan: ListingPlan) -> Int {
        let ceil25 = { (n: Int) in (n + EbayLimits.bulkItems - 1) / EbayLimits.bulkItems }
        let listable = plan.products.filter { $0.action == .create || $0.action == .update }
        let items = listable.flatMap(\.skus).filter { $0.steps.contains(.inventoryItem) }.count
        let offers = listable.flatMap(\.skus).filter { $0.steps.contains(.createOffer) }.count
        let publishes = listable.flatMap(\.skus).filter { $0.steps.contains(.publish) }.count
        let groups = listable.filter { $0.group?.steps.contains(.group) == true }.count
        let groupPublishes = listable.filter { $0.group?.steps.contains(.publishGroup) == true }.count
        return ceil25(items) + ceil25(offers) + ceil25(publishes) + groups + groupPublishes
    }
}

/// Small helpers over `sync_cursors`.
public enum SyncCursors {
    public static func date(_ stream: String, on db: any Database) async throws -> Date? {
        try await SyncCursor.query(on: db).filter(\.$stream == stream).first().flatMap { ISO8601DateFormatter.fractional.date(from: $0.value) }
    }

    public static func set(_ stream: String, to date: Date, on db: any Database) async throws {
        let value = ISO8601DateFormatter.fractional.string(from: date)
        if let row = try await SyncCursor.query(on: db).filter(\.$stream == stream).first() {
            row.value = value
            try await row.save(on: db)
        } else {
            try await SyncCursor(stream: stream, value: value).create(on: db)
        }
    }
}

extension ISO8601DateFormatter {
    nonisolated(unsafe) static let fractional: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}
