import EbayAPI
import FluentKit
import Foundation
import Logging

/// Compares what eBay shows with what ShoppyShop last sent, and repairs the difference as
/// each SKU's rules say (`drift`: ours wins, theirs wins, report only).
///
/// Quantities of every SKU are read in pages of 200 (`getInventoryItems`, the contract's
/// maximum). Prices live on offers, which the Inventory API reads one SKU at a time
/// (`getOffers`), so each run checks a slice, least recently checked first. New eBay orders
/// are read first, so a sale is not taken for a hand edit. No lock is held: the stock push
/// and listings keep running; a repair goes through the stock push like any change.
public struct Reconcile: Sendable {
    public let environment: SyncEnvironment
    public let database: any Database
    public let queue: JobQueue?
    public let jobID: UUID?
    /// Offers whose price is read per run.
    public var priceChecks = 100

    public init(environment: SyncEnvironment, database: any Database, queue: JobQueue?, jobID: UUID? = nil) {
        self.environment = environment
        self.database = database
        self.queue = queue
        self.jobID = jobID
    }

    public struct Drift: Sendable, Codable, Hashable {
        public enum Field: String, Sendable, Codable { case quantity, price, missing, unknown }
        public var sku: String
        public var field: Field
        /// What eBay shows.
        public var ebay: String
        /// What ShoppyShop last sent.
        public var ours: String
        /// `ours` (pushed again), `theirs` (kept as a rule), `report`, or what else was done.
        public var action: String
        public var rule: String
    }

    public struct Report: Sendable, Codable, Hashable, CustomStringConvertible {
        public var dryRun: Bool
        public var skusOnEbay = 0
        public var skusKnown = 0
        public var pricesChecked = 0
        public var calls = 0
        public var drift: [Drift] = []
        public var ordersRead = 0
        public var seconds = 0.0

        public var description: String {
            let counts = Dictionary(grouping: drift, by: \.field).mapValues(\.count)
            let parts = [Drift.Field.quantity, .price, .missing, .unknown].compactMap { field in counts[field].map { "\($0) \(field.rawValue)" } }
            return "\(dryRun ? "Reconcile (dry run, nothing changed)" : "Reconcile"): \(skusOnEbay) SKUs on eBay, \(skusKnown) known, \(pricesChecked) prices checked, "
                + (drift.isEmpty ? "no drift" : "drift: " + parts.joined(separator: ", ")) + " — \(calls) eBay reads" + String(format: ", %.1f s", seconds)
        }
    }

    public func run(dryRun: Bool) async throws -> Report {
        let clock = ContinuousClock.now
        let ebay = try environment.ebay()
        var report = Report(dryRun: dryRun)

        // Sales first: a sold unit is not drift.
        let intake = EbayOrderIntake(ebay: ebay, database: database, logger: environment.logger, now: environment.now)
        if !dryRun {
            let orders = try await intake.poll()
            report.ordersRead = orders.read
        }
        // Quantities: every inventory item, 200 per call.
        let readStart = environment.now()
        var live: [String: Int] = [:]
        var offset = 0
        while true {
            let page = try await ebay.getInventoryItems(limit: 200, offset: offset)
            report.calls += 1
            let batch = page.inventoryItems ?? []
            for item in batch { if let sku = item.sku { live[sku] = item.availability?.shipToLocationAvailability?.quantity ?? 0 } }
            offset += batch.count
            if batch.isEmpty || page.next == nil || offset >= (page.total ?? 0) { break }
        }
        report.skusOnEbay = live.count

        let known = try await EbayItem.query(on: database).filter(\.$offerID != nil).all()
        report.skusKnown = known.count
        let rules = RuleResolver(rules: try await RuleStore.all(on: database), defaults: environment.defaults)
        let reader = MirrorReader(database: database, locations: environment.locations)
        let owners = try await reader.productIDs(forSKUs: known.map(\.sku))
        var subjects: [Int64: RuleSubject] = [:]
        for chunk in Array(Set(owners.values)).batches(of: 500) {
            for row in try await ShopifyProduct.query(on: database).filter(\.$shopifyID ~~ chunk).all() {
                subjects[row.shopifyID] = RuleSubject(shopifyID: row.shopifyID, productType: row.productType, vendor: row.vendor, tags: row.tags, collections: row.collections)
            }
        }
        func repair(_ sku: String) -> (RuleSettings.DriftRepair, String) {
            guard let owner = owners[sku], let subject = subjects[owner] else { return (.ours, "default") }
            let drift = rules.resolve(subject, sku: sku).drift
            return (drift.value, drift.source)
        }

        var pushes: [String] = []
        for item in known where item.status == .live {
            guard let onEbay = live[item.sku] else {
                let (choice, rule) = repair(item.sku)
                report.drift.append(Drift(sku: item.sku, field: .missing, ebay: "no inventory item", ours: "listed", action: choice == .report ? "report" : "relisted by the next plan", rule: rule))
                if !dryRun, choice != .report {
                    // Forget what eBay lost, so the next plan sends it again.
                    item.itemHash = nil
                    try await item.save(on: database)
                }
                continue
            }
            // Pushed while the pages were read: eBay's number may be from either side of that push.
            if let pushed = item.pushedAt, pushed >= readStart { continue }
            guard let ours = item.quantity, ours != onEbay else { continue }
            let (choice, rule) = repair(item.sku)
            var drift = Drift(sku: item.sku, field: .quantity, ebay: "\(onEbay)", ours: "\(ours)", action: choice.rawValue, rule: rule)
            if !dryRun {
                switch choice {
                case .ours:
                    // eBay's number is the truth of what it shows; the push compares against it and sends ours.
                    item.quantity = onEbay
                    try await item.save(on: database)
                    pushes.append(item.sku)
                case .theirs:
                    try await keepTheirs(sku: item.sku, settings: { $0.stockFixed = onEbay })
                    item.quantity = onEbay
                    try await item.save(on: database)
                    drift.action = "theirs: kept as rule ebay-edit:\(item.sku)"
                case .report:
                    break
                }
            }
            report.drift.append(drift)
        }
        let knownSKUs = Set(known.map(\.sku))
        for sku in live.keys.sorted() where !knownSKUs.contains(sku) {
            report.drift.append(Drift(sku: sku, field: .unknown, ebay: "inventory item \(sku)", ours: "not listed by ShoppyShop", action: "report", rule: "-"))
        }

        // Prices: a slice of offers, least recently checked first.
        let slice = known.filter { $0.status == .live }.sorted { ($0.priceCheckedAt ?? .distantPast) < ($1.priceCheckedAt ?? .distantPast) }.prefix(priceChecks)
        for item in slice {
            guard let offerID = item.offerID else { continue }
            let offers = try await ebay.getOffers(sku: item.sku)
            report.calls += 1
            report.pricesChecked += 1
            let record = offers.offers?.first { $0.offerId == offerID }
            if !dryRun {
                item.priceCheckedAt = environment.now()
                try await item.save(on: database)
            }
            guard let text = record?.pricingSummary?.price?.value, let price = Decimal(exactly: text), price != item.price.value else { continue }
            let (choice, rule) = repair(item.sku)
            var drift = Drift(sku: item.sku, field: .price, ebay: "\(text) \(item.currency)", ours: "\(item.price.value.plain) \(item.currency)", action: choice.rawValue, rule: rule)
            if !dryRun {
                switch choice {
                case .ours:
                    // The next plan sees eBay's price and sends ours.
                    item.price = StoredDecimal(price)
                    try await item.save(on: database)
                case .theirs:
                    try await keepTheirs(sku: item.sku, settings: { $0.priceFixed = price })
                    item.price = StoredDecimal(price)
                    try await item.save(on: database)
                    drift.action = "theirs: kept as rule ebay-edit:\(item.sku)"
                case .report:
                    break
                }
            }
            report.drift.append(drift)
        }

        if !dryRun, !pushes.isEmpty {
            try await StockChanges.record(pushes.map { .init(sku: $0, reason: .reconcile) }, seenAt: environment.now(), on: database)
            if let queue { try await StockChanges.requestPush(queue) }
        }
        if !dryRun, report.drift.contains(where: { $0.field == .price && $0.action == "ours" }), let queue {
            try await queue.enqueue(ListingsSyncJob.spec(trigger: "reconcile", scope: .all))
        }
        report.seconds = CatalogSync.seconds(since: clock)
        return report
    }

    /// A hand edit on eBay becomes the SKU's rule, so the next plan keeps it.
    private func keepTheirs(sku: String, settings change: (inout RuleSettings) -> Void) async throws {
        var settings = RuleSettings()
        change(&settings)
        try await RuleStore.set(name: "ebay-edit:\(sku)", scope: RuleScope(kind: .sku, value: sku), settings: settings, on: database)
    }
}
