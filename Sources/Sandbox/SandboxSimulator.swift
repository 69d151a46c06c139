import Foundation
import Logging

/// Keeps a demo store alive: a merchant who changes stock in Shopify now and then, and eBay
/// buyers who buy from live listings (never more than listed). Deterministic by seed, paced
/// by wall time. Started by the host when `SandboxConfiguration.simulation` is set.
public actor SandboxSimulator {
    public struct Settings: Sendable, Equatable {
        /// Seconds between merchant stock changes in Shopify; nil: none.
        public var merchantEvery: Double?
        /// Seconds between eBay purchases; nil: none.
        public var buyerEvery: Double?
        /// Seconds between the merchant shipping the oldest unfulfilled eBay order in Shopify
        /// (with a USPS tracking number); nil: never.
        public var shipEvery: Double?
        public var seed: UInt64

        public init(merchantEvery: Double? = 20, buyerEvery: Double? = 30, shipEvery: Double? = 45, seed: UInt64 = 1) {
            self.merchantEvery = merchantEvery
            self.buyerEvery = buyerEvery
            self.shipEvery = shipEvery
            self.seed = seed
        }
    }

    let context: SandboxContext
    let settings: Settings
    private var tasks: [Task<Void, Never>] = []
    public private(set) var stockChanges = 0
    public private(set) var purchases = 0

    init(context: SandboxContext, settings: Settings) {
        self.context = context
        self.settings = settings
    }

    func start() {
        if let every = settings.merchantEvery, every > 0 {
            tasks.append(Task { await self.loop(every: every, stream: 1) { random in await self.merchantActs(&random) } })
        }
        if let every = settings.buyerEvery, every > 0 {
            tasks.append(Task { await self.loop(every: every, stream: 2) { random in await self.buyerBuys(&random) } })
        }
        if let every = settings.shipEvery, every > 0 {
            tasks.append(Task { await self.loop(every: every, stream: 3) { random in await self.merchantShips(&random) } })
        }
    }

    func stop() async {
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        tasks = []
    }

    private func loop(every: Double, stream: UInt64, _ step: @Sendable (inout SplitMix64) async -> Void) async {
        var random = SplitMix64(seed: SplitMix64.mix(settings.seed, stream))
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(Int(every * 1_000)))
            if Task.isCancelled { return }
            await step(&random)
        }
    }

    /// The merchant counts stock or receives a delivery: one level set to a new number.
    private func merchantActs(_ random: inout SplitMix64) async {
        guard let backend = ShopifySandbox.backend(of: context) else { return }
        let levels = await backend.stockLevels()
        guard !levels.isEmpty else { return }
        let pick = levels[random.below(levels.count)]
        let next = max(0, pick.available + random.int(in: -3...6))
        do {
            try await backend.setStock(inventoryItemID: pick.inventoryItemID, locationID: pick.locationID, available: next)
            stockChanges += 1
            context.logger.info("sandbox merchant: stock of \(pick.sku) at location \(pick.locationID) \(pick.available) → \(next)")
        } catch {
            context.logger.debug("sandbox merchant: \(error)")
        }
    }

    /// The merchant ships the oldest unfulfilled eBay order in Shopify, with tracking.
    private func merchantShips(_ random: inout SplitMix64) async {
        guard let backend = ShopifySandbox.backend(of: context) else { return }
        guard let order = await backend.orders().first(where: { $0.tags.contains("ebay") && $0.fulfillmentStatus == "UNFULFILLED" }) else { return }
        let tracking = "9400\(String(format: "%018llu", random.next() % 1_000_000_000_000_000_000))"
        do {
            try await backend.fulfill(orderID: order.id, company: "USPS", number: tracking, url: nil)
            shipments += 1
            context.logger.info("sandbox merchant: shipped Shopify order \(order.name) with USPS \(tracking)")
        } catch {
            context.logger.debug("sandbox merchant: \(error)")
        }
    }

    public private(set) var shipments = 0

    /// A buyer buys one or two units of a live eBay listing.
    private func buyerBuys(_ random: inout SplitMix64) async {
        let state = EbaySandbox.state(of: context)
        let placed = state.placeRandomOrders(count: 1, seed: random.next())
        if let order = placed.first {
            purchases += 1
            context.logger.info("sandbox buyer: eBay order \(order)")
        }
    }
}
