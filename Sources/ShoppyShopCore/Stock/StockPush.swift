import EbayAPI
import FluentKit
import Foundation
import IntegrationKit
import Logging
import Metrics

/// Pushes eBay quantities for every pending stock change: the quantity the rules give for
/// Shopify's stock, as an absolute value (a repeated push sets the same number), 25 SKUs per
/// `bulkUpdatePriceQuantity`. A change whose quantity eBay already has is "unchanged" (our
/// own echoes end here); each change keeps its timeline for the latency figures.
public struct StockPush: Sendable {
    public let ebay: EbayClient
    public let reader: MirrorReader
    public let resolver: RuleResolver
    public let audit: AuditRecorder
    public let budget: RevisionBudget
    public let logger: Logger
    public let now: @Sendable () -> Date
    /// Pending changes read per round.
    public var batchSize = 2_000

    public init(ebay: EbayClient, reader: MirrorReader, resolver: RuleResolver, audit: AuditRecorder, budget: RevisionBudget = .shared,
                logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.ebay = ebay
        self.reader = reader
        self.resolver = resolver
        self.audit = audit
        self.budget = budget
        self.logger = logger
        self.now = now
    }

    var database: any Database { reader.database }

    public struct Report: Sendable, Codable, Hashable, CustomStringConvertible {
        public var changes = 0
        public var pushed = 0
        public var unchanged = 0
        public var skipped = 0
        public var deferred = 0
        public var failed = 0
        public var calls = 0
        public var failures: [String: String] = [:]

        public var description: String {
            "\(changes) changes: \(pushed) SKUs pushed in \(calls) calls, \(unchanged) unchanged, \(skipped) not on eBay, \(deferred) deferred, \(failed) failed"
        }

        mutating func add(_ other: Report) {
            changes += other.changes; pushed += other.pushed; unchanged += other.unchanged; skipped += other.skipped
            deferred += other.deferred; failed += other.failed; calls += other.calls
            failures.merge(other.failures) { first, _ in first }
        }
    }

    /// What a push would send, without sending (`sync stock --dry-run`).
    public struct Preview: Sendable, Codable, Hashable {
        public var sku: String
        public var from: Int?
        public var to: Int
    }

    /// Rounds until nothing is pending (changes that arrive meanwhile are taken too).
    public func run(dryRun: Bool = false) async throws -> (Report, [Preview]) {
        var total = Report()
        var previews: [Preview] = []
        var seen = Set<UUID>()
        while true {
            let pending = try await StockChange.query(on: database).filter(\.$state == .pending).sort(\.$seenAt).limit(batchSize).all()
            let fresh = pending.filter { !seen.contains($0.id!) }
            guard !fresh.isEmpty else { break }
            seen.formUnion(fresh.compactMap(\.id))
            let (report, preview) = try await round(fresh, dryRun: dryRun)
            total.add(report)
            previews += preview
            if dryRun { break }
        }
        return (total, previews)
    }

    func round(_ changes: [StockChange], dryRun: Bool) async throws -> (Report, [Preview]) {
        var report = Report()
        report.changes = changes.count
        let bySKU = Dictionary(grouping: changes, by: \.sku)
        let skus = Array(bySKU.keys)
        // Everything committed before this moment is in what we read next, so a change of
        // these SKUs seen by then is covered by this push even if it arrived after the rows above.
        let readTime = now()
        let items = try await reader.known(skus: skus)
        let owners = try await reader.productIDs(forSKUs: skus)
        let products = Dictionary(try await reader.products(Array(Set(owners.values))).map { ($0.shopifyID, $0) }, uniquingKeysWith: { a, _ in a })
        let pendingSales = try await reader.pendingSales(skus: skus)
        let time = now()

        var finish: [(StockChange.State, [StockChange], Int?, String?)] = []
        var carriedEarlier: [([StockChange], Int, Date)] = []
        var toPush: [(sku: String, offerID: String, quantity: Int, listing: String?)] = []
        var previews: [Preview] = []
        for sku in skus.sorted() {
            let rows = bySKU[sku] ?? []
            guard let item = items[sku], let offerID = item.offerID, item.status != .withdrawn,
                  let productID = owners[sku], let product = products[productID],
                  let variant = product.variants.first(where: { $0.sku == sku }) else {
                finish.append((.skipped, rows, nil, "not on eBay"))
                continue
            }
            let rules = resolver.resolve(product.subject, sku: sku)
            let target = ListingMath.quantity(available: variant.available, pendingSales: pendingSales[sku] ?? 0, buffer: rules.stockBuffer.value,
                                              max: rules.stockMax?.value, fixed: rules.stockFixed?.value)
            if item.quantity == target {
                // eBay has it. A change Shopify made before our last push to this SKU reached eBay
                // with that push (read from the mirror after the change landed): accepted then.
                if let pushedAt = item.pushedAt {
                    let carried = rows.filter { ($0.changedAt ?? .distantFuture) <= pushedAt }
                    if !carried.isEmpty { carriedEarlier.append((carried, target, pushedAt)) }
                    finish.append((.unchanged, rows.filter { ($0.changedAt ?? .distantFuture) > pushedAt }, target, nil))
                } else {
                    finish.append((.unchanged, rows, target, nil))
                }
                continue
            }
            if dryRun {
                previews.append(Preview(sku: sku, from: item.quantity, to: target))
                continue
            }
            if let listing = item.listingID {
                switch await budget.decide(listing: listing, newQuantity: target, now: time) {
                case .push: break
                case .wait(let until):
                    finish.append((.deferred, rows, target, "eBay allows 250 revisions per listing per day; next push to listing \(listing) at \(ISO8601DateFormatter().string(from: until))"))
                    continue
                case .exhausted:
                    finish.append((.deferred, rows, target, "eBay's 250 revisions for listing \(listing) are spent today; pushed tomorrow"))
                    continue
                }
            }
            toPush.append((sku, offerID, target, item.listingID))
        }
        if dryRun { return (report, previews) }

        for (rows, quantity, pushedAt) in carriedEarlier {
            try await mark(rows, state: .accepted, quantity: quantity, detail: "carried by the push at \(ISO8601DateFormatter.fractional.string(from: pushedAt))", acceptedAt: pushedAt)
            Self.recordLatency(rows, acceptedAt: pushedAt)
        }
        // Nothing sent for these: finished in one statement per outcome, not one per SKU (a
        // plan can leave thousands of SKUs to check, and webhooks wait behind this job).
        let late = try await pendingSeen(by: readTime, skus: finish.filter { !$0.1.isEmpty }.map { $0.1[0].sku }, excluding: Set(changes.compactMap(\.id)))
        for state in [StockChange.State.unchanged, .skipped, .deferred] {
            let entries = finish.filter { $0.0 == state && !$0.1.isEmpty }
            guard !entries.isEmpty else { continue }
            let bySameDetail = Dictionary(grouping: entries, by: { $0.3 ?? "" })
            for (detail, group) in bySameDetail {
                let rows = group.flatMap(\.1) + group.flatMap { late[$0.1[0].sku] ?? [] }
                try await markAll(rows, state: state, detail: detail.isEmpty ? nil : detail)
            }
            let count = Set(entries.flatMap { $0.1.map(\.sku) }).count
            switch state {
            case .unchanged: report.unchanged += count
            case .skipped: report.skipped += count
            default: report.deferred += count
            }
        }

        for chunk in toPush.batches(of: EbayLimits.bulkItems) {
            let requests = chunk.map { entry in
                EbayBulkPriceQuantityRequest.PriceQuantity(sku: entry.sku, quantity: entry.quantity, offers: [
                    .init(offerId: entry.offerID, availableQuantity: entry.quantity),
                ])
            }
            let (result, call) = await AuditRecorder.collecting { try await ebay.bulkUpdatePriceQuantity(requests) }
            report.calls += 1
            let accepted = now()
            var entries: [AuditRecorder.Entry] = []
            for entry in chunk {
                let rows = bySKU[entry.sku] ?? []
                switch result {
                case .success(let answers):
                    let answer = answers.first { $0.sku == entry.sku && ($0.offerId == nil || $0.offerId == entry.offerID) && !$0.isSuccess }
                        ?? answers.first { $0.sku == entry.sku }
                    if let answer, answer.isSuccess {
                        try await EbayItem.query(on: database).filter(\.$sku == entry.sku)
                            .set(\.$quantity, to: entry.quantity).set(\.$pushedAt, to: accepted)
                            .set(\.$lastError, to: nil).set(\.$lastErrorID, to: nil).set(\.$lastStep, to: nil).update()
                        let covered = try await mark(rows, state: .accepted, quantity: entry.quantity, detail: nil, acceptedAt: accepted, coveredUntil: readTime)
                        if let listing = entry.listing { await budget.spend(listing: listing, now: accepted) }
                        Self.recordLatency(covered, acceptedAt: accepted)
                        report.pushed += 1
                        entries.append(.init(service: "ebay", operation: "bulkUpdatePriceQuantity", target: entry.sku, outcome: .succeeded,
                                             status: answer.statusCode, summary: "quantity \(entry.quantity)", requestID: call?.requestID))
                    } else {
                        let errors = answer?.errors ?? [EbayErrorDetail(errorId: 0, message: "eBay's answer did not mention this SKU")]
                        let message = errors.map(\.description).joined(separator: "; ")
                        try await fail(entry.sku, rows: rows, message: message, errorID: errors.first?.errorId)
                        report.failed += 1
                        report.failures[entry.sku] = message
                        entries.append(.init(service: "ebay", operation: "bulkUpdatePriceQuantity", target: entry.sku, outcome: .failed,
                                             status: answer?.statusCode, error: message, summary: "quantity \(entry.quantity)", requestID: call?.requestID))
                    }
                case .failure(let error):
                    if error is CancellationError { throw error }
                    if let ebayError = error as? EbayError, case .unauthorized = ebayError { throw error }
                    // Left pending: the job fails and its retry pushes again (absolute values, so safely).
                    report.failed += 1
                    report.failures[entry.sku] = "\(error)"
                    entries.append(.init(service: "ebay", operation: "bulkUpdatePriceQuantity", target: entry.sku,
                                         outcome: call?.status == nil ? .unknown : .failed, status: call?.status, error: "\(error)",
                                         summary: "quantity \(entry.quantity)", requestID: call?.requestID))
                }
            }
            try await audit.record(entries)
            if case .failure(let error) = result {
                throw StockPushError(message: "eBay bulkUpdatePriceQuantity failed for \(chunk.count) SKUs; the changes stay pending: \(error)")
            }
        }
        return (report, previews)
    }

    /// Pending rows of these SKUs seen by `time` but not among `excluding` (they arrived after this round's read).
    private func pendingSeen(by time: Date, skus: [String], excluding: Set<UUID>) async throws -> [String: [StockChange]] {
        var result: [String: [StockChange]] = [:]
        for chunk in skus.batches(of: 500) {
            let rows = try await StockChange.query(on: database).filter(\.$sku ~~ chunk).filter(\.$state == .pending).filter(\.$seenAt <= time).all()
            for row in rows where !excluding.contains(row.id!) { result[row.sku, default: []].append(row) }
        }
        return result
    }

    private func markAll(_ rows: [StockChange], state: StockChange.State, detail: String?) async throws {
        for chunk in rows.compactMap(\.id).batches(of: 500) {
            try await StockChange.query(on: database).filter(\.$id ~~ chunk).filter(\.$state == .pending)
                .set(\.$state, to: state).set(\.$detail, to: detail).update()
        }
    }

    /// Finishes the rows, and any later pending row of their SKU seen by `coveredUntil`;
    /// returns the rows finished.
    @discardableResult
    private func mark(_ rows: [StockChange], state: StockChange.State, quantity: Int?, detail: String?, acceptedAt: Date?,
                      coveredUntil: Date? = nil) async throws -> [StockChange] {
        var ids = rows.compactMap(\.id)
        var covered = rows
        if let coveredUntil, let sku = rows.first?.sku {
            let late = try await StockChange.query(on: database).filter(\.$sku == sku).filter(\.$state == .pending)
                .filter(\.$seenAt <= coveredUntil).all()
            let known = Set(ids)
            for row in late where !known.contains(row.id!) {
                ids.append(row.id!)
                covered.append(row)
            }
        }
        guard !ids.isEmpty else { return [] }
        var update = StockChange.query(on: database).filter(\.$id ~~ ids).filter(\.$state == .pending)
            .set(\.$state, to: state).set(\.$pushedQuantity, to: quantity).set(\.$detail, to: detail)
        if let acceptedAt { update = update.set(\.$acceptedAt, to: acceptedAt) }
        try await update.update()
        return covered
    }

    private func fail(_ sku: String, rows: [StockChange], message: String, errorID: Int?) async throws {
        try await mark(rows, state: .failed, quantity: nil, detail: String(message.prefix(2_000)), acceptedAt: nil)
        try await EbayItem.query(on: database).filter(\.$sku == sku)
            .set(\.$lastError, to: String(message.prefix(2_000))).set(\.$lastErrorID, to: errorID).set(\.$lastStep, to: "quantity").update()
    }

    static func recordLatency(_ rows: [StockChange], acceptedAt: Date) {
        for row in rows {
            if let changed = row.changedAt {
                Timer(label: "stock_propagation_seconds", dimensions: [("from", "shopify_changed")]).recordSeconds(max(0, acceptedAt.timeIntervalSince(changed)))
            }
            Timer(label: "stock_propagation_seconds", dimensions: [("from", "seen")]).recordSeconds(max(0, acceptedAt.timeIntervalSince(row.seenAt)))
        }
    }
}

public struct StockPushError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
