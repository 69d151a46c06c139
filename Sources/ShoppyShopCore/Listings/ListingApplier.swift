import EbayAPI
import FluentKit
import Foundation
import IntegrationKit
import Logging

/// Applies a plan: the only code that writes listings to eBay. Bulk calls carry 25 items;
/// each answer is stored at once (hashes, offer and listing ids, eBay's errors), so a crash
/// loses nothing eBay holds and a rerun repeats only what eBay has not confirmed. A refused
/// item never stops the others: it is recorded with eBay's message and left out of the
/// steps that depend on it.
public struct ListingApplier: Sendable {
    public let ebay: EbayClient
    public let database: any Database
    public let audit: AuditRecorder
    public let logger: Logger
    /// Calls in flight at once for one-at-a-time operations (groups, updateOffer, publish by group).
    public var parallelism: Int
    public let now: @Sendable () -> Date

    public init(ebay: EbayClient, database: any Database, audit: AuditRecorder, logger: Logger, parallelism: Int = 4,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.ebay = ebay
        self.database = database
        self.audit = audit
        self.logger = logger
        self.parallelism = parallelism
        self.now = now
    }

    /// What became of each SKU and group of the plan.
    public struct Outcome: Sendable, Codable, Hashable {
        public var failures: [String: Failure] = [:]
        public var done: Set<String> = []
        /// SKUs whose quantity the stock push should (re)send.
        public var stockToPush: Set<String> = []
        public var calls = 0

        public struct Failure: Sendable, Codable, Hashable {
            public var step: PlanStep
            public var errorID: Int?
            public var message: String
        }

        public mutating func merge(_ other: Outcome) {
            failures.merge(other.failures) { first, _ in first }
            done.formUnion(other.done)
            stockToPush.formUnion(other.stockToPush)
            calls += other.calls
        }
    }

    public func apply(_ plan: ListingPlan) async throws -> Outcome {
        let state = ApplyState()
        let products = plan.products.filter { $0.action != .blocked && $0.action != .unchanged }
        let skus = products.flatMap { product in product.skus.map { (product, $0) } }

        try await inventoryItems(skus.filter { $0.1.steps.contains(.inventoryItem) }, state)
        try await groups(products.filter { $0.group?.steps.contains(.group) == true }, state)
        try await createOffers(skus.filter { $0.1.steps.contains(.createOffer) }, state)
        try await updateOffers(skus.filter { $0.1.steps.contains(.updateOffer) }, state)
        try await prices(skus.filter { $0.1.steps.contains(.price) }, state)
        try await publishSingles(skus.filter { $0.1.steps.contains(.publish) }, state)
        try await publishGroups(products.filter { $0.group?.steps.contains(.publishGroup) == true }, state)
        try await withdraw(skus.filter { $0.1.steps.contains(.withdraw) }, products.filter { $0.group?.steps.contains(.withdrawGroup) == true }, state)
        for (_, sku) in skus where sku.steps.contains(.quantity) && state.isAlive(sku.sku) { state.push(sku.sku) }
        for (_, sku) in skus where state.isAlive(sku.sku) && !sku.steps.contains(.withdraw) { state.succeed(sku.sku) }
        return state.outcome
    }

    // MARK: Phases

    private func inventoryItems(_ work: [(ProductPlan, SKUPlan)], _ state: ApplyState) async throws {
        let chunks = work.batches(of: EbayLimits.bulkItems)
        try await forEach(chunks) { chunk in
            let (result, call) = await AuditRecorder.collecting { try await ebay.bulkCreateOrReplaceInventoryItem(chunk.map(\.1.item)) }
            state.count()
            let items = try handle(result, step: .inventoryItem, skus: chunk.map(\.1.sku), operation: "bulkCreateOrReplaceInventoryItem", call: call, state)
            var audit: [AuditRecorder.Entry] = []
            for (product, sku) in chunk {
                let answer = items?.first { $0.sku == sku.sku }
                if let answer, answer.isSuccess {
                    try await upsertItem(sku, product: product) { row in
                        row.itemHash = sku.itemHash
                        if row.offerID == nil { row.quantity = sku.quantity.value }
                    }
                    audit.append(entry("bulkCreateOrReplaceInventoryItem", sku.sku, call: call, status: answer.statusCode))
                } else if items != nil {
                    let errors = answer?.errors ?? [EbayErrorDetail(errorId: 0, message: "eBay's answer did not mention this SKU")]
                    try await refuse(sku, product: product, step: .inventoryItem, errors: errors, state: state)
                    audit.append(entry("bulkCreateOrReplaceInventoryItem", sku.sku, call: call, status: answer?.statusCode, errors: errors))
                }
            }
            if items == nil {
                for (product, sku) in chunk { try await refuse(sku, product: product, step: .inventoryItem, message: state.failure(sku.sku)?.message ?? "", state: state, keepFailure: true) }
                audit += chunk.map { entry("bulkCreateOrReplaceInventoryItem", $0.1.sku, call: call, failure: state.failure($0.1.sku)) }
            }
            try await self.audit.record(audit)
        }
    }

    private func groups(_ work: [ProductPlan], _ state: ApplyState) async throws {
        try await forEach(work) { product in
            guard var group = product.group else { return }
            let alive = group.payload.variantSKUs?.filter(state.isAlive) ?? []
            guard !alive.isEmpty else { return }
            group.payload.variantSKUs = alive
            let payload = group.payload
            let (result, call) = await AuditRecorder.collecting { try await ebay.createOrReplaceInventoryItemGroup(key: group.key, payload) }
            state.count()
            switch result {
            case .success:
                try await upsertGroup(group.key, product: product.shopifyID) { row in
                    // A partial group is not what the plan wanted: keep the hash stale so the next run resends it.
                    row.groupHash = alive.count == (product.group?.payload.variantSKUs?.count ?? 0) ? group.hash : nil
                    row.lastError = nil
                }
                try await audit.record([entry("createOrReplaceInventoryItemGroup", group.key, call: call, status: call?.status)])
            case .failure(let error):
                try rethrowIfFatal(error)
                let errors = Self.details(error)
                for sku in product.skus where alive.contains(sku.sku) {
                    try await refuse(sku, product: product, step: .group, errors: errors, state: state)
                }
                try await upsertGroup(group.key, product: product.shopifyID) { $0.lastError = errors.map(\.description).joined(separator: "; ") }
                try await audit.record([entry("createOrReplaceInventoryItemGroup", group.key, call: call, status: call?.status ?? (error as? EbayError)?.status, errors: errors)])
            }
        }
    }

    private func createOffers(_ work: [(ProductPlan, SKUPlan)], _ state: ApplyState) async throws {
        let alive = work.filter { state.isAlive($0.1.sku) }
        try await forEach(alive.batches(of: EbayLimits.bulkItems)) { chunk in
            let (result, call) = await AuditRecorder.collecting { try await ebay.bulkCreateOffer(chunk.map(\.1.offer)) }
            state.count()
            let items = try handle(result, step: .createOffer, skus: chunk.map(\.1.sku), operation: "bulkCreateOffer", call: call, state)
            var audit: [AuditRecorder.Entry] = []
            for (product, sku) in chunk {
                guard let items else {
                    audit.append(entry("bulkCreateOffer", sku.sku, call: call, failure: state.failure(sku.sku)))
                    try await refuse(sku, product: product, step: .createOffer, message: state.failure(sku.sku)?.message ?? "", state: state, keepFailure: true)
                    continue
                }
                let answer = items.first { $0.sku == sku.sku }
                if let answer, answer.isSuccess, let offerID = answer.offerId {
                    try await storeOffer(sku, product: product, offerID: offerID)
                    state.setOffer(sku.sku, offerID)
                    state.push(sku.sku)
                    audit.append(entry("bulkCreateOffer", sku.sku, call: call, status: answer.statusCode))
                } else if (answer?.errors ?? []).contains(where: { $0.errorId == 25729 }) {
                    // The offer exists: created by a run that crashed before storing its id. Adopt it.
                    audit.append(entry("bulkCreateOffer", sku.sku, call: call, status: answer?.statusCode, errors: answer?.errors ?? []))
                    audit += try await adoptOffer(sku, product: product, state: state)
                } else {
                    let errors = answer?.errors ?? [EbayErrorDetail(errorId: 0, message: "eBay's answer did not mention this SKU")]
                    try await refuse(sku, product: product, step: .createOffer, errors: errors, state: state)
                    audit.append(entry("bulkCreateOffer", sku.sku, call: call, status: answer?.statusCode, errors: errors))
                }
            }
            try await self.audit.record(audit)
        }
    }

    /// Finds the offer eBay has for the SKU and brings it to the planned content.
    private func adoptOffer(_ sku: SKUPlan, product: ProductPlan, state: ApplyState) async throws -> [AuditRecorder.Entry] {
        let (found, _) = await AuditRecorder.collecting { try await ebay.getOffers(sku: sku.sku) }
        state.count()
        let existing: EbayOfferRecord?
        switch found {
        case .success(let page): existing = page.offers?.first { $0.marketplaceId == sku.offer.marketplaceId && $0.format == sku.offer.format } ?? page.offers?.first
        case .failure(let error):
            try rethrowIfFatal(error)
            try await refuse(sku, product: product, step: .createOffer, errors: Self.details(error), state: state)
            return []
        }
        guard let offerID = existing?.offerId else {
            try await refuse(sku, product: product, step: .createOffer, errors: [EbayErrorDetail(errorId: 25729, message: "eBay says an offer exists but getOffers lists none")], state: state)
            return []
        }
        return try await updateOffer(sku, product: product, offerID: offerID, state: state, listingID: existing?.listing?.listingId)
    }

    private func updateOffers(_ work: [(ProductPlan, SKUPlan)], _ state: ApplyState) async throws {
        try await forEach(work.filter { state.isAlive($0.1.sku) }) { product, sku in
            guard let offerID = sku.offerID else { return }
            try await audit.record(try await updateOffer(sku, product: product, offerID: offerID, state: state, listingID: nil))
        }
    }

    private func updateOffer(_ sku: SKUPlan, product: ProductPlan, offerID: String, state: ApplyState, listingID: String?) async throws -> [AuditRecorder.Entry] {
        let offer = sku.offer
        let (result, call) = await AuditRecorder.collecting { try await ebay.updateOffer(offerID: offerID, offer) }
        state.count()
        switch result {
        case .success:
            try await storeOffer(sku, product: product, offerID: offerID, listingID: listingID)
            state.setOffer(sku.sku, offerID)
            state.push(sku.sku)
            return [entry("updateOffer", sku.sku, call: call, status: call?.status)]
        case .failure(let error):
            try rethrowIfFatal(error)
            let errors = Self.details(error)
            try await refuse(sku, product: product, step: .updateOffer, errors: errors, state: state)
            return [entry("updateOffer", sku.sku, call: call, status: (error as? EbayError)?.status, errors: errors)]
        }
    }

    private func prices(_ work: [(ProductPlan, SKUPlan)], _ state: ApplyState) async throws {
        let alive = work.filter { state.isAlive($0.1.sku) && $0.1.offerID != nil }
        try await forEach(alive.batches(of: EbayLimits.bulkItems)) { chunk in
            let requests = chunk.map { _, sku in
                EbayBulkPriceQuantityRequest.PriceQuantity(sku: sku.sku, quantity: nil, offers: [
                    .init(offerId: sku.offerID!, price: EbayAmount(sku.price.value.amount, currency: sku.price.value.currency)),
                ])
            }
            let (result, call) = await AuditRecorder.collecting { try await ebay.bulkUpdatePriceQuantity(requests) }
            state.count()
            let items = try handle(result, step: .price, skus: chunk.map(\.1.sku), operation: "bulkUpdatePriceQuantity", call: call, state)
            var audit: [AuditRecorder.Entry] = []
            for (product, sku) in chunk {
                let answer = items?.first { $0.offerId == sku.offerID || $0.sku == sku.sku }
                if let answer, answer.isSuccess {
                    try await upsertItem(sku, product: product) { $0.price = StoredDecimal(sku.price.value.amount); $0.currency = sku.price.value.currency }
                    audit.append(entry("bulkUpdatePriceQuantity", sku.sku, call: call, status: answer.statusCode, summary: "price \(sku.price.value)"))
                } else {
                    let errors = answer?.errors ?? [EbayErrorDetail(errorId: 0, message: state.failure(sku.sku)?.message ?? "eBay's answer did not mention this SKU")]
                    try await refuse(sku, product: product, step: .price, errors: errors, state: state)
                    audit.append(entry("bulkUpdatePriceQuantity", sku.sku, call: call, status: answer?.statusCode, errors: errors))
                }
            }
            try await self.audit.record(audit)
        }
    }

    private func publishSingles(_ work: [(ProductPlan, SKUPlan)], _ state: ApplyState) async throws {
        let ready = work.compactMap { product, sku -> (ProductPlan, SKUPlan, String)? in
            guard state.isAlive(sku.sku), let offerID = state.offerID(sku.sku) ?? sku.offerID else { return nil }
            return (product, sku, offerID)
        }
        try await forEach(ready.batches(of: EbayLimits.bulkItems)) { chunk in
            let (result, call) = await AuditRecorder.collecting { try await ebay.bulkPublishOffer(offerIDs: chunk.map(\.2)) }
            state.count()
            let items = try handle(result, step: .publish, skus: chunk.map(\.1.sku), operation: "bulkPublishOffer", call: call, state)
            var audit: [AuditRecorder.Entry] = []
            for (product, sku, offerID) in chunk {
                let answer = items?.first { $0.offerId == offerID }
                if let answer, answer.isSuccess, let listingID = answer.listingId {
                    try await markLive([sku], product: product, listingID: listingID, groupKey: nil)
                    audit.append(entry("bulkPublishOffer", sku.sku, call: call, status: answer.statusCode, summary: "listing \(listingID)"))
                } else {
                    let errors = answer?.errors ?? [EbayErrorDetail(errorId: 0, message: state.failure(sku.sku)?.message ?? "eBay's answer did not mention this offer")]
                    try await refuse(sku, product: product, step: .publish, errors: errors, state: state)
                    audit.append(entry("bulkPublishOffer", sku.sku, call: call, status: answer?.statusCode, errors: errors))
                }
            }
            try await self.audit.record(audit)
        }
    }

    private func publishGroups(_ work: [ProductPlan], _ state: ApplyState) async throws {
        try await forEach(work) { product in
            guard let group = product.group else { return }
            let members = product.skus.filter { state.isAlive($0.sku) && (state.offerID($0.sku) ?? $0.offerID) != nil }
            guard !members.isEmpty else { return }
            let (result, call) = await AuditRecorder.collecting { try await ebay.publishOfferByInventoryItemGroup(key: group.key) }
            state.count()
            switch result {
            case .success(let listing):
                guard let listingID = listing.listingId else { return }
                try await markLive(members, product: product, listingID: listingID, groupKey: group.key)
                try await upsertGroup(group.key, product: product.shopifyID) { row in
                    row.status = .live
                    row.listingID = listingID
                    row.lastError = nil
                }
                try await audit.record([entry("publishOfferByInventoryItemGroup", group.key, call: call, status: call?.status, summary: "listing \(listingID)")])
            case .failure(let error):
                try rethrowIfFatal(error)
                let errors = Self.details(error)
                for sku in members { try await refuse(sku, product: product, step: .publishGroup, errors: errors, state: state) }
                try await upsertGroup(group.key, product: product.shopifyID) { $0.lastError = errors.map(\.description).joined(separator: "; ") }
                try await audit.record([entry("publishOfferByInventoryItemGroup", group.key, call: call, status: (error as? EbayError)?.status, errors: errors)])
            }
        }
    }

    private func withdraw(_ singles: [(ProductPlan, SKUPlan)], _ groups: [ProductPlan], _ state: ApplyState) async throws {
        try await forEach(singles) { product, sku in
            guard let offerID = sku.offerID else { return }
            let (result, call) = await AuditRecorder.collecting { try await ebay.withdrawOffer(offerID: offerID) }
            state.count()
            switch result {
            case .success:
                try await markWithdrawn([sku.sku], groupKey: nil)
                state.succeed(sku.sku)
                try await audit.record([entry("withdrawOffer", sku.sku, call: call, status: call?.status)])
            case .failure(let error):
                try rethrowIfFatal(error)
                let errors = Self.details(error)
                try await refuse(sku, product: product, step: .withdraw, errors: errors, state: state)
                try await audit.record([entry("withdrawOffer", sku.sku, call: call, status: (error as? EbayError)?.status, errors: errors)])
            }
        }
        try await forEach(groups) { product in
            guard let group = product.group else { return }
            let (result, call) = await AuditRecorder.collecting { try await ebay.withdrawOfferByInventoryItemGroup(key: group.key) }
            state.count()
            switch result {
            case .success:
                let members = try await EbayItem.query(on: database).filter(\.$groupKey == group.key).all().map(\.sku)
                try await markWithdrawn(members, groupKey: group.key)
                for sku in members { state.succeed(sku) }
                try await audit.record([entry("withdrawOfferByInventoryItemGroup", group.key, call: call, status: call?.status)])
            case .failure(let error):
                try rethrowIfFatal(error)
                let errors = Self.details(error)
                try await upsertGroup(group.key, product: product.shopifyID) { $0.lastError = errors.map(\.description).joined(separator: "; ") }
                state.fail(group.key, step: .withdrawGroup, errors: errors)
                try await audit.record([entry("withdrawOfferByInventoryItemGroup", group.key, call: call, status: (error as? EbayError)?.status, errors: errors)])
            }
        }
    }

    // MARK: Storing answers

    private func upsertItem(_ sku: SKUPlan, product: ProductPlan, _ change: (EbayItem) -> Void) async throws {
        let row = try await EbayItem.query(on: database).filter(\.$sku == sku.sku).first()
            ?? EbayItem(sku: sku.sku, productShopifyID: product.shopifyID, variantShopifyID: sku.variantShopifyID,
                        groupKey: product.group?.key, currency: sku.price.value.currency)
        row.productShopifyID = product.shopifyID
        if sku.variantShopifyID != 0 { row.variantShopifyID = sku.variantShopifyID }
        if let key = product.group?.key, !(product.group?.steps.contains(.withdrawGroup) ?? false) { row.groupKey = key }
        row.lastError = nil
        row.lastErrorID = nil
        row.lastStep = nil
        change(row)
        try await row.save(on: database)
    }

    private func storeOffer(_ sku: SKUPlan, product: ProductPlan, offerID: String, listingID: String? = nil) async throws {
        try await upsertItem(sku, product: product) { row in
            row.offerID = offerID
            row.offerHash = sku.offerHash
            row.price = StoredDecimal(sku.price.value.amount)
            row.currency = sku.price.value.currency
            row.quantity = sku.quantity.value
            row.pushedAt = now()
            if let listingID {
                row.listingID = listingID
                row.status = .live
            }
        }
    }

    private func upsertGroup(_ key: String, product: Int64, _ change: (EbayItemGroup) -> Void) async throws {
        let row = try await EbayItemGroup.query(on: database).filter(\.$groupKey == key).first() ?? EbayItemGroup(groupKey: key, productShopifyID: product)
        change(row)
        try await row.save(on: database)
    }

    private func markLive(_ skus: [SKUPlan], product: ProductPlan, listingID: String, groupKey: String?) async throws {
        for sku in skus {
            try await upsertItem(sku, product: product) { row in
                row.listingID = listingID
                row.status = .live
                if let groupKey { row.groupKey = groupKey }
            }
        }
        try await EbayListingMirror.record(listingID: listingID, product: product, skus: skus, groupKey: groupKey, on: database, at: now())
    }

    private func markWithdrawn(_ skus: [String], groupKey: String?) async throws {
        guard !skus.isEmpty else { return }
        try await EbayItem.query(on: database).filter(\.$sku ~~ skus).set(\.$status, to: .withdrawn).update()
        if let groupKey {
            try await EbayItemGroup.query(on: database).filter(\.$groupKey == groupKey).set(\.$status, to: .withdrawn).update()
        }
        try await EbayListingMirror.withdraw(skus: skus, groupKey: groupKey, on: database, at: now())
    }

    private func refuse(_ sku: SKUPlan, product: ProductPlan, step: PlanStep, errors: [EbayErrorDetail], state: ApplyState) async throws {
        state.fail(sku.sku, step: step, errors: errors)
        try await recordError(sku, product: product, step: step, message: errors.map(\.description).joined(separator: "; "), errorID: errors.first?.errorId)
    }

    private func refuse(_ sku: SKUPlan, product: ProductPlan, step: PlanStep, message: String, state: ApplyState, keepFailure: Bool) async throws {
        if !keepFailure { state.fail(sku.sku, step: step, errors: [EbayErrorDetail(errorId: 0, message: message)]) }
        try await recordError(sku, product: product, step: step, message: message, errorID: state.failure(sku.sku)?.errorID)
    }

    private func recordError(_ sku: SKUPlan, product: ProductPlan, step: PlanStep, message: String, errorID: Int?) async throws {
        let row = try await EbayItem.query(on: database).filter(\.$sku == sku.sku).first()
            ?? EbayItem(sku: sku.sku, productShopifyID: product.shopifyID, variantShopifyID: sku.variantShopifyID,
                        groupKey: product.group?.key, currency: sku.price.value.currency)
        row.lastError = String(message.prefix(2_000))
        row.lastErrorID = errorID
        row.lastStep = step.rawValue
        try await row.save(on: database)
    }

    // MARK: Helpers

    /// The bulk answer, or nil when the whole call failed (then every SKU in it is failed
    /// with the call's error). Errors that would fail every call abort the run.
    private func handle<T>(_ result: Result<T, any Error>, step: PlanStep, skus: [String], operation: String, call: CallLog.Call?, _ state: ApplyState) throws -> T? {
        switch result {
        case .success(let value): return value
        case .failure(let error):
            try rethrowIfFatal(error)
            let errors = Self.details(error)
            for sku in skus { state.fail(sku, step: step, errors: errors) }
            logger.warning("eBay \(operation) failed for \(skus.count) SKUs", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// A rejected token or a cancelled task would fail every call: stop the run.
    private func rethrowIfFatal(_ error: any Error) throws {
        if error is CancellationError { throw error }
        if let ebay = error as? EbayError, case .unauthorized = ebay { throw error }
    }

    static func details(_ error: any Error) -> [EbayErrorDetail] {
        if case .api(_, _, let errors)? = error as? EbayError { return errors }
        return [EbayErrorDetail(errorId: 0, message: "\(error)")]
    }

    private func entry(_ operation: String, _ target: String, call: CallLog.Call?, status: Int? = nil, errors: [EbayErrorDetail] = [], summary: String? = nil) -> AuditRecorder.Entry {
        AuditRecorder.Entry(
            service: "ebay", operation: operation, target: target, outcome: errors.isEmpty ? .succeeded : .failed,
            status: status ?? call?.status, error: errors.isEmpty ? nil : errors.map(\.description).joined(separator: "; "),
            summary: summary, requestID: call?.requestID)
    }

    private func entry(_ operation: String, _ target: String, call: CallLog.Call?, failure: Outcome.Failure?) -> AuditRecorder.Entry {
        AuditRecorder.Entry(
            service: "ebay", operation: operation, target: target, outcome: call?.status == nil ? .unknown : .failed,
            status: call?.status, error: failure?.message, requestID: call?.requestID)
    }

    private func forEach<T: Sendable>(_ items: [T], _ body: @escaping @Sendable (T) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var index = 0
            for _ in 0..<min(parallelism, items.count) {
                let item = items[index]
                index += 1
                group.addTask { try await body(item) }
            }
            while try await group.next() != nil {
                if index < items.count {
                    let item = items[index]
                    index += 1
                    group.addTask { try await body(item) }
                }
            }
        }
    }
}

/// Shared bookkeeping of one apply, across concurrent calls.
final class ApplyState: @unchecked Sendable {
    private let lock = NSLock()
    private var result = ListingApplier.Outcome()
    private var offers: [String: String] = [:]

    var outcome: ListingApplier.Outcome { lock.withLock { result } }

    func count() { lock.withLock { result.calls += 1 } }
    func isAlive(_ sku: String) -> Bool { lock.withLock { result.failures[sku] == nil } }
    func failure(_ sku: String) -> ListingApplier.Outcome.Failure? { lock.withLock { result.failures[sku] } }
    func succeed(_ sku: String) { lock.withLock { if result.failures[sku] == nil { result.done.insert(sku) } } }
    func push(_ sku: String) { lock.withLock { _ = result.stockToPush.insert(sku) } }
    func offerID(_ sku: String) -> String? { lock.withLock { offers[sku] } }
    func setOffer(_ sku: String, _ id: String) { lock.withLock { offers[sku] = id } }

    func fail(_ sku: String, step: PlanStep, errors: [EbayErrorDetail]) {
        lock.withLock {
            guard result.failures[sku] == nil else { return }
            result.failures[sku] = .init(step: step, errorID: errors.first?.errorId, message: errors.map(\.description).joined(separator: "; "))
            result.done.remove(sku)
        }
    }
}

extension Array {
    func batches(of size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
