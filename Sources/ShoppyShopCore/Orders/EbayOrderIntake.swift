import EbayAPI
import FluentKit
import Foundation
import Logging

/// Polls eBay orders by last-modified time (cursor persisted, windows overlapping so none is
/// missed) into `ebay_orders`. A new sale already lowered eBay's own quantity, so the SKU's
/// last pushed quantity is lowered to match (no push undoes it), and until the order is in
/// Shopify its units count as sold-but-not-imported in every quantity computed.
public struct EbayOrderIntake: Sendable {
    public let ebay: EbayClient
    public let database: any Database
    public let logger: Logger
    public let now: @Sendable () -> Date
    public static let cursorStream = "ebay.orders.modified"
    /// What an account deletion leaves of the buyer (`EbayNotificationJob`).
    public static let erased = "[deleted]"
    /// eBay's last-modified times move in whole milliseconds and its indexes lag a little.
    public static let overlap: TimeInterval = 300
    /// How far back a first run looks.
    public static let firstLookback: TimeInterval = 86_400

    public init(ebay: EbayClient, database: any Database, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.ebay = ebay
        self.database = database
        self.logger = logger
        self.now = now
    }

    public struct Report: Sendable, Codable, Hashable, CustomStringConvertible {
        public var read = 0
        public var new = 0
        public var updated = 0
        public var cancelled = 0
        /// SKUs whose stock the push should look at again.
        public var skus: [String] = []

        public var description: String { "\(read) eBay orders read: \(new) new, \(updated) updated, \(cancelled) cancelled" }
    }

    public func poll(since override: Date? = nil) async throws -> Report {
        let until = now()
        let stored = try await SyncCursors.date(Self.cursorStream, on: database)
        let since = override ?? stored.map { $0.addingTimeInterval(-Self.overlap) } ?? until.addingTimeInterval(-Self.firstLookback)
        let orders = try await ebay.getNewOrders(since: since, until: until)
        var report = Report()
        var seen = Set<String>()
        for order in orders where seen.insert(order.orderId).inserted {
            report.read += 1
            try await store(order, report: &report)
        }
        if override == nil { try await SyncCursors.set(Self.cursorStream, to: until, on: database) }
        report.skus = Array(Set(report.skus)).sorted()
        return report
    }

    func store(_ dto: EbayOrderDTO, report: inout Report) async throws {
        let items = (dto.lineItems ?? []).map { line in
            let quantity = line.quantity ?? 1
            let total = line.lineItemCost?.decimal ?? 0
            return OrderItem(sku: line.sku, title: line.title ?? line.sku ?? "", quantity: quantity,
                             unitPrice: quantity > 0 ? total / Decimal(quantity) : total, lineID: line.lineItemId)
        }
        let status = dto.isCancelled ? "CANCELLED" : (dto.orderFulfillmentStatus ?? "NOT_STARTED")
        let shipTo = dto.shipTo
        let shipping = shipTo?.contactAddress.map { address in
            ShippingDetails(fullName: shipTo?.fullName ?? "", addressLine1: address.addressLine1 ?? "", addressLine2: address.addressLine2,
                            city: address.city ?? "", stateOrProvince: address.stateOrProvince, postalCode: address.postalCode ?? "",
                            countryCode: address.countryCode ?? "", phone: shipTo?.primaryPhone?.phoneNumber, shippingService: dto.shippingServiceCode)
        }
        let detail = EbayOrderDetail(
            email: shipTo?.email ?? dto.buyer?.buyerRegistrationAddress?.email, paymentStatus: dto.orderPaymentStatus,
            shippingService: dto.shippingServiceCode, shippingCarrier: dto.fulfillmentStartInstructions?.compactMap(\.shippingStep?.shippingCarrierCode).first,
            deliveryCost: dto.pricingSummary?.deliveryCost?.decimal ?? 0,
            lines: (dto.lineItems ?? []).map { line in
                let quantity = line.quantity ?? 1
                let total = line.lineItemCost?.decimal ?? 0
                return EbayOrderDetail.Line(
                    lineItemID: line.lineItemId, sku: line.sku, title: line.title ?? line.sku ?? "", quantity: quantity,
                    unitPrice: quantity > 0 ? total / Decimal(quantity) : total,
                    ebayCollectedTax: (line.ebayCollectAndRemitTaxes ?? []).compactMap { $0.amount?.decimal }.reduce(0, +),
                    sellerTax: (line.taxes ?? []).compactMap { $0.amount?.decimal }.reduce(0, +))
            },
            buyerNote: dto.buyerCheckoutNotes)
        let created = dto.creationDate.flatMap(EbayDate.parse) ?? now()
        let modified = dto.lastModifiedDate.flatMap(EbayDate.parse)
        let (isNew, newlyCancelled) = try await database.writeTransaction { db -> (Bool, Bool) in
            let existing = try await EbayOrder.query(on: db).filter(\.$ebayID == dto.orderId).first()
            let wasCancelled = existing?.status == "CANCELLED"
            let row = existing ?? EbayOrder()
            row.ebayID = dto.orderId
            row.buyerUsername = dto.buyer?.username ?? ""
            row.orderTotal = StoredDecimal(dto.pricingSummary?.total?.decimal ?? items.reduce(0) { $0 + $1.unitPrice.value * Decimal($1.quantity) })
            row.currency = dto.pricingSummary?.total?.currency ?? dto.lineItems?.first?.lineItemCost?.currency ?? "USD"
            row.status = status
            row.items = items
            // An account deletion erased these: a later poll must not bring them back.
            if existing?.buyerUsername != EbayOrderIntake.erased {
                row.shippingDetails = shipping
                row.detail = detail
            }
            row.createdAt = created
            row.lastModified = modified
            try await row.save(on: db)
            if existing == nil {
                // eBay already took these units off its quantity.
                if !dto.isCancelled { try await adjust(items, by: -1, on: db) }
                return (true, false)
            }
            if dto.isCancelled, !wasCancelled {
                // The units went back on the listing.
                try await adjust(items, by: 1, on: db)
                return (false, true)
            }
            return (false, false)
        }
        if isNew { report.new += 1 } else { report.updated += 1 }
        if newlyCancelled { report.cancelled += 1 }
        report.skus += items.compactMap(\.sku)
    }

    private func adjust(_ items: [OrderItem], by sign: Int, on db: any Database) async throws {
        for item in items {
            guard let sku = item.sku, let row = try await EbayItem.query(on: db).filter(\.$sku == sku).first(), let quantity = row.quantity else { continue }
            row.quantity = max(0, quantity + sign * item.quantity)
            try await row.save(on: db)
        }
    }
}
