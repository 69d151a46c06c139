import EbayAPI
import FluentKit
import Foundation
import IntegrationKit
import Logging
import ShopifyAPI

/// Cancellations and refunds, both ways, every step audited:
/// - eBay cancelled an order → its Shopify order is cancelled (restocked or not, as the
///   rules say), once;
/// - an eBay order cancelled in Shopify → the buyer is refunded in full on eBay;
/// - a refund made in Shopify → the refunded lines are refunded on eBay.
/// An eBay refund is not repeatable, so its intent is written before eBay is asked; one
/// found asked-but-unanswered after a crash is reported for the merchant to check, never
/// sent again blind.
public struct OrderCancellations: Sendable {
    public let ebay: EbayClient
    public let shopify: ShopifyClient
    public let database: any Database
    public let audit: AuditRecorder
    public let resolver: RuleResolver
    public let logger: Logger
    public let now: @Sendable () -> Date

    public init(ebay: EbayClient, shopify: ShopifyClient, database: any Database, audit: AuditRecorder, resolver: RuleResolver, logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.ebay = ebay
        self.shopify = shopify
        self.database = database
        self.audit = audit
        self.resolver = resolver
        self.logger = logger
        self.now = now
    }

    public struct Report: Sendable, Codable, Hashable, CustomStringConvertible {
        public var cancelledInShopify = 0
        public var refundedOnEbay = 0
        public var needsAttention: [String: String] = [:]
        public var description: String {
            "cancellations: \(cancelledInShopify) carried to Shopify, \(refundedOnEbay) refunds carried to eBay, \(needsAttention.count) need attention"
        }
    }

    public func run() async throws -> Report {
        var report = Report()
        try await carryEbayCancellations(&report)
        try await carryShopifyCancellations(&report)
        try await carryShopifyRefunds(&report)
        return report
    }

    /// eBay says cancelled: the Shopify order follows (or, not yet created, never will be).
    func carryEbayCancellations(_ report: inout Report) async throws {
        let cancelled = try await EbayOrder.query(on: database).filter(\.$status == "CANCELLED").all()
        guard !cancelled.isEmpty else { return }
        var links: [String: OrderLink] = [:]
        for chunk in cancelled.map(\.ebayID).batches(of: 500) {
            for link in try await OrderLink.query(on: database).filter(\.$ebayOrderID ~~ chunk).all() { links[link.ebayOrderID] = link }
        }
        for order in cancelled {
            guard let link = links[order.ebayID], link.state != .cancelled else { continue }
            switch link.state {
            case .held, .failed:
                link.state = .cancelled
                link.cancelState = OrderEvents.CancelState.fromEbay
                try await link.save(on: database)
                continue
            case .pending:
                // It may exist in Shopify (an attempt with no answer): look first.
                guard let found = try await shopify.orders(matching: "tag:'\(OrderMapper.tag(order.ebayID))'").first else {
                    link.state = .cancelled
                    link.cancelState = OrderEvents.CancelState.fromEbay
                    try await link.save(on: database)
                    continue
                }
                link.shopifyOrderID = found.number
            default:
                break
            }
            guard let shopifyID = link.shopifyOrderID else { continue }
            link.cancelState = OrderEvents.CancelState.fromEbay
            try await link.save(on: database)
            let restock = try await restocks(order)
            let gid = ShopifyID.gid("Order", shopifyID)
            let (result, call) = await AuditRecorder.collecting {
                try await shopify.cancelOrder(orderID: gid, reason: "CUSTOMER", refund: false, restock: restock)
            }
            switch result {
            case .success:
                link.state = .cancelled
                link.cancelState = OrderEvents.CancelState.carriedToShopify
                try await link.save(on: database)
                report.cancelledInShopify += 1
                try await audit.record([.init(service: "shopify", operation: "orderCancel", target: order.ebayID, outcome: .succeeded,
                                              status: call?.status, summary: "cancelled on eBay; restock \(restock)", requestID: call?.requestID)])
            case .failure(let error):
                if case ShopifyError.userErrors(_, let errors)? = error as? ShopifyError,
                   errors.contains(where: { ($0.message).lowercased().contains("already") }) {
                    link.state = .cancelled
                    link.cancelState = OrderEvents.CancelState.carriedToShopify
                    try await link.save(on: database)
                    continue
                }
                report.needsAttention[order.ebayID] = "cancelling Shopify order \(shopifyID): \(error)"
                try await audit.record([.init(service: "shopify", operation: "orderCancel", target: order.ebayID, outcome: .failed,
                                              status: call?.status, error: "\(error)", requestID: call?.requestID)])
            }
        }
    }

    /// Cancelled in Shopify: refund the buyer in full on eBay.
    func carryShopifyCancellations(_ report: inout Report) async throws {
        let links = try await OrderLink.query(on: database).filter(\.$cancelState == OrderEvents.CancelState.fromShopify).all()
        for link in links {
            guard let order = try await EbayOrder.query(on: database).filter(\.$ebayID == link.ebayOrderID).first() else { continue }
            if order.status == "CANCELLED" {
                link.state = .cancelled
                link.cancelState = OrderEvents.CancelState.carriedToShopify
                try await link.save(on: database)
                continue
            }
            var ledger = RefundLedger(link.refundState)
            // The full refund is ledger entry 0; refunds already made line by line are deducted.
            let refunded = ledger.entries.filter { $0.key != 0 && $0.value.state == .refunded }.flatMap(\.value.lines).reduce(Decimal(0)) { $0 + $1.amount.value }
            let amount = order.orderTotal.value - refunded
            if ledger.entries[0]?.state == .asked {
                report.needsAttention[link.ebayOrderID] = "a full refund was asked of eBay and its answer was lost; check the order in Seller Hub before refunding again"
                continue
            }
            guard amount > 0 else {
                link.state = .cancelled
                link.cancelState = OrderEvents.CancelState.refundedOnEbay
                try await link.save(on: database)
                continue
            }
            ledger.entries[0] = .init(lines: [.init(sku: nil, quantity: 0, amount: StoredDecimal(amount))], state: .asked, ebayRefundID: nil, askedAt: now())
            link.refundState = try ledger.encoded()
            try await link.save(on: database)
            let request = EbayIssueRefundRequest(reasonForRefund: "OUT_OF_STOCK", comment: "Order cancelled by the seller",
                                                 orderLevelRefundAmount: EbaySimpleAmount(amount, currency: order.currency))
            let (result, call) = await AuditRecorder.collecting { try await ebay.issueRefund(orderID: link.ebayOrderID, request) }
            switch result {
            case .success(let refund):
                ledger.entries[0]?.state = .refunded
                ledger.entries[0]?.ebayRefundID = refund.refundId
                link.refundState = try ledger.encoded()
                link.state = .cancelled
                link.cancelState = OrderEvents.CancelState.refundedOnEbay
                try await link.save(on: database)
                report.refundedOnEbay += 1
                try await audit.record([.init(service: "ebay", operation: "issueRefund", target: link.ebayOrderID, outcome: .succeeded,
                                              status: call?.status, summary: "full refund \(amount.plain) \(order.currency): cancelled in Shopify", requestID: call?.requestID)])
            case .failure(let error):
                let unknown = call?.status == nil || (error as? EbayError)?.isTransient == true
                ledger.entries[0]?.state = unknown ? .asked : .failed
                ledger.entries[0]?.error = "\(error)"
                link.refundState = try ledger.encoded()
                try await link.save(on: database)
                report.needsAttention[link.ebayOrderID] = "refund on eBay: \(error)"
                try await audit.record([.init(service: "ebay", operation: "issueRefund", target: link.ebayOrderID, outcome: unknown ? .unknown : .failed,
                                              status: call?.status, error: "\(error)", requestID: call?.requestID)])
            }
        }
    }

    /// Refunds made in Shopify: the refunded lines, refunded on eBay.
    func carryShopifyRefunds(_ report: inout Report) async throws {
        let links = try await OrderLink.query(on: database).filter(\.$refundState != nil).all()
        for link in links {
            var ledger = RefundLedger(link.refundState)
            let pending = ledger.entries.filter { $0.key != 0 && $0.value.state == .pending }
            guard !pending.isEmpty, let order = try await EbayOrder.query(on: database).filter(\.$ebayID == link.ebayOrderID).first(),
                  let detail = order.detail else { continue }
            for (refundID, entry) in pending.sorted(by: { $0.key < $1.key }) {
                var items: [EbayIssueRefundRequest.RefundItem] = []
                for line in entry.lines {
                    guard let ebayLine = detail.lines.first(where: { $0.sku == line.sku }) else { continue }
                    items.append(.init(lineItemId: ebayLine.lineItemID, refundAmount: EbaySimpleAmount(line.amount.value, currency: order.currency)))
                }
                guard !items.isEmpty else {
                    ledger.entries[refundID]?.state = .failed
                    ledger.entries[refundID]?.error = "no eBay line matches the refunded lines"
                    continue
                }
                ledger.entries[refundID]?.state = .asked
                ledger.entries[refundID]?.askedAt = now()
                link.refundState = try ledger.encoded()
                try await link.save(on: database)
                let request = EbayIssueRefundRequest(reasonForRefund: "OTHER", comment: "Refunded in Shopify", refundItems: items)
                let (result, call) = await AuditRecorder.collecting { try await ebay.issueRefund(orderID: link.ebayOrderID, request) }
                switch result {
                case .success(let refund):
                    ledger.entries[refundID]?.state = .refunded
                    ledger.entries[refundID]?.ebayRefundID = refund.refundId
                    report.refundedOnEbay += 1
                    try await audit.record([.init(service: "ebay", operation: "issueRefund", target: link.ebayOrderID, outcome: .succeeded,
                                                  status: call?.status, summary: "\(items.count) lines: Shopify refund \(refundID)", requestID: call?.requestID)])
                case .failure(let error):
                    let unknown = call?.status == nil || (error as? EbayError)?.isTransient == true
                    ledger.entries[refundID]?.state = unknown ? .asked : .failed
                    ledger.entries[refundID]?.error = "\(error)"
                    report.needsAttention[link.ebayOrderID] = "refund \(refundID) on eBay: \(error)"
                    try await audit.record([.init(service: "ebay", operation: "issueRefund", target: link.ebayOrderID, outcome: unknown ? .unknown : .failed,
                                                  status: call?.status, error: "\(error)", requestID: call?.requestID)])
                }
                link.refundState = try ledger.encoded()
                try await link.save(on: database)
            }
        }
    }

    /// The rules decide (`restockOnCancel`, by the order's first product): Shopify's
    /// `orderCancel` restocks a whole order or none of it.
    func restocks(_ order: EbayOrder) async throws -> Bool {
        guard let sku = order.items.compactMap(\.sku).first,
              let variant = try await ShopifyVariant.query(on: database).filter(\.$sku == sku).with(\.$product).first() else { return true }
        let product = variant.product
        let subject = RuleSubject(shopifyID: product.shopifyID, productType: product.productType, vendor: product.vendor, tags: product.tags, collections: product.collections)
        return resolver.resolve(subject, sku: sku).restockOnCancel.value
    }
}
