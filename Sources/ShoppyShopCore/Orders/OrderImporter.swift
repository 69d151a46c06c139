import FluentKit
import Foundation
import IntegrationKit
import Logging
import ShopifyAPI

/// The seed's `process_orders`, creation half: each paid eBay order into Shopify exactly once.
///
/// The intent is recorded before the call (`order_links`, unique by eBay order id, state
/// pending); the Shopify order carries the eBay id (tag `ebay-<id>`, source identifier, note
/// attribute). A link found pending from an earlier attempt — a crash, a timeout after
/// sending — is looked up in Shopify by that tag before anything is created again. An order
/// that cannot be mapped is held with its reason, never dropped.
public struct OrderImporter: Sendable {
    public let shopify: ShopifyClient
    public let database: any Database
    public let audit: AuditRecorder
    public let logger: Logger
    public let now: @Sendable () -> Date
    /// Look every order up by its eBay id before creating it (`ORDERS_SKIP_EXISTING`): for
    /// stores where another app also imports eBay orders. Costs one query per order.
    public var skipExisting: Bool
    /// Orders created at once; Shopify's cost bucket paces them.
    public var parallelism = 4

    public init(shopify: ShopifyClient, database: any Database, audit: AuditRecorder, logger: Logger, skipExisting: Bool = false,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.shopify = shopify
        self.database = database
        self.audit = audit
        self.logger = logger
        self.skipExisting = skipExisting
        self.now = now
    }

    public struct Report: Sendable, Codable, Hashable, CustomStringConvertible {
        public var considered = 0
        public var created = 0
        /// Already in Shopify (an earlier attempt's, or another app's): linked, not created.
        public var found = 0
        public var held = 0
        public var notPaid = 0
        public var failed = 0
        public var wouldCreate: [String] = []
        public var failures: [String: String] = [:]
        public var holds: [String: String] = [:]

        public var description: String {
            "\(considered) eBay orders: \(created) created in Shopify, \(found) found there already, \(held) held, \(notPaid) not paid yet, \(failed) failed"
        }
    }

    /// Orders not yet in Shopify (or the given ones), oldest first.
    public func run(ebayOrderIDs: [String]? = nil, dryRun: Bool = false) async throws -> Report {
        var query = EbayOrder.query(on: database).filter(\.$status != "CANCELLED").sort(\.$createdAt)
        if let ids = ebayOrderIDs { query = query.filter(\.$ebayID ~~ ids) }
        let orders = try await query.all()
        let links = try await links(for: orders.map(\.ebayID))
        let candidates = orders.filter { order in
            guard let link = links[order.ebayID] else { return true }
            return [.pending, .failed].contains(link.state) || (link.state == .held && ebayOrderIDs != nil)
        }
        let mapper = OrderMapper(variants: try await variants(for: candidates))
        var report = Report()
        report.considered = candidates.count
        let state = ImportState()
        try await forEach(candidates) { order in
            let outcome = try await importOne(order, link: links[order.ebayID], mapper: mapper, dryRun: dryRun)
            state.add(order.ebayID, outcome)
        }
        for (id, outcome) in state.outcomes {
            switch outcome {
            case .created: report.created += 1
            case .found: report.found += 1
            case .held(let reason): report.held += 1; report.holds[id] = reason
            case .notPaid: report.notPaid += 1
            case .failed(let message): report.failed += 1; report.failures[id] = message
            case .wouldCreate: report.wouldCreate.append(id)
            }
        }
        report.wouldCreate.sort()
        return report
    }

    enum Outcome: Sendable {
        case created, found, notPaid, wouldCreate
        case held(String)
        case failed(String)
    }

    func importOne(_ order: EbayOrder, link existing: OrderLink?, mapper: OrderMapper, dryRun: Bool) async throws -> Outcome {
        let mapped = mapper.map(order)
        switch mapped {
        case .notPaid:
            return .notPaid
        case .hold(let reason):
            if !dryRun { try await hold(order.ebayID, existing: existing, reason: reason) }
            return .held(reason)
        case .create(let input):
            if dryRun { return .wouldCreate }
            // A pending link means an earlier attempt may have reached Shopify: look before creating.
            let mustLook = existing?.state == .pending || skipExisting
            let link = existing ?? OrderLink(ebayOrderID: order.ebayID, state: .pending)
            link.state = .pending
            link.holdReason = nil
            link.attempts = (link.attempts ?? 0) + 1
            do {
                try await link.save(on: database)
            } catch where (error as? any DatabaseError)?.isConstraintFailure == true {
                return .found // another worker recorded it first; that one creates it
            }
            if mustLook, let found = try await lookUp(order.ebayID, includeOtherApps: skipExisting) {
                try await finish(link, order: found, state: existing?.state == .pending ? .created : .foundExisting)
                try await audit.record([.init(service: "shopify", operation: "ordersByQuery", target: order.ebayID, outcome: .succeeded,
                                              summary: "found \(found.name): not created again")])
                return .found
            }
            // Shopify's decrement of stock happens after this moment; a stock write after it shows it.
            let asked = now()
            let (result, call) = await AuditRecorder.collecting { try await shopify.createOrder(input) }
            switch result {
            case .success(let created):
                try await finish(link, order: created, state: .created, askedAt: asked)
                try await audit.record([.init(service: "shopify", operation: "orderCreate", target: order.ebayID, outcome: .succeeded,
                                              status: call?.status, summary: "\(created.name) \(input.lines.count) lines", requestID: call?.requestID)])
                return .created
            case .failure(let error):
                if error is CancellationError { throw error }
                // A timeout after sending may have created it: the link stays pending, and the
                // next run looks before creating.
                let unknown = Self.outcomeUnknown(error)
                link.state = unknown ? .pending : .failed
                link.lastError = String("\(error)".prefix(2_000))
                try await link.save(on: database)
                try await audit.record([.init(service: "shopify", operation: "orderCreate", target: order.ebayID, outcome: unknown ? .unknown : .failed,
                                              status: call?.status, error: "\(error)", requestID: call?.requestID)])
                if case ShopifyError.unauthorized? = error as? ShopifyError { throw error }
                return .failed("\(error)")
            }
        }
    }

    /// The order in Shopify with this eBay id: ours by tag, or (when asked) another app's by source identifier.
    func lookUp(_ ebayOrderID: String, includeOtherApps: Bool) async throws -> ShopifyAPI.Order? {
        if let ours = try await shopify.orders(matching: "tag:'\(OrderMapper.tag(ebayOrderID))'").first { return ours }
        guard includeOtherApps else { return nil }
        return try await shopify.orders(matching: "source_identifier:'\(ebayOrderID)'").first
    }

    private func finish(_ link: OrderLink, order: ShopifyAPI.Order, state: OrderLink.State, askedAt: Date? = nil) async throws {
        link.state = state
        link.shopifyOrderID = order.number
        link.shopifyOrderName = order.name
        link.lastError = nil
        link.importedAt = askedAt ?? now()
        try await link.save(on: database)
    }

    private func hold(_ ebayOrderID: String, existing: OrderLink?, reason: String) async throws {
        let link = existing ?? OrderLink(ebayOrderID: ebayOrderID, state: .held)
        guard link.state != .created else { return }
        link.state = .held
        link.holdReason = String(reason.prefix(2_000))
        try await link.save(on: database)
    }

    /// Whether Shopify may have acted although we got no answer.
    static func outcomeUnknown(_ error: any Error) -> Bool {
        guard let shopify = error as? ShopifyError else { return true }
        switch shopify {
        case .userErrors, .graphQL, .unauthorized, .forbidden, .notFound, .throttled: return false
        default: return true
        }
    }

    func links(for ids: [String]) async throws -> [String: OrderLink] {
        var result: [String: OrderLink] = [:]
        for chunk in ids.batches(of: 500) {
            for link in try await OrderLink.query(on: database).filter(\.$ebayOrderID ~~ chunk).all() { result[link.ebayOrderID] = link }
        }
        return result
    }

    func variants(for orders: [EbayOrder]) async throws -> [String: OrderMapper.Variant] {
        let skus = Array(Set(orders.flatMap { $0.items.compactMap(\.sku) }))
        var result: [String: OrderMapper.Variant] = [:]
        for chunk in skus.batches(of: 500) {
            for variant in try await ShopifyVariant.query(on: database).filter(\.$sku ~~ chunk).with(\.$product).all() {
                guard let sku = variant.sku, variant.product.status != "DELETED" else { continue }
                result[sku] = .init(gid: ShopifyID.gid("ProductVariant", variant.shopifyID), title: variant.product.title)
            }
        }
        return result
    }

    private func forEach(_ items: [EbayOrder], _ body: @escaping @Sendable (EbayOrder) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var index = 0
            for _ in 0..<min(parallelism, items.count) {
                let item = items[index]; index += 1
                group.addTask { try await body(item) }
            }
            while try await group.next() != nil {
                if index < items.count {
                    let item = items[index]; index += 1
                    group.addTask { try await body(item) }
                }
            }
        }
    }
}

private final class ImportState: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [(String, OrderImporter.Outcome)] = []
    func add(_ id: String, _ outcome: OrderImporter.Outcome) { lock.withLock { results.append((id, outcome)) } }
    var outcomes: [(String, OrderImporter.Outcome)] { lock.withLock { results } }
}
