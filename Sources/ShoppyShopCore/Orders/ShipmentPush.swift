import EbayAPI
import FluentKit
import Foundation
import Logging

/// Tracking from Shopify's fulfillments to eBay, each shipment once: the carrier mapped to
/// eBay's code, the lines mapped to eBay's line items by SKU (a partial fulfillment sends
/// its lines only). Before sending, eBay's shipping fulfillments of the order are read: one
/// with the same tracking number means an earlier attempt got there, and it is adopted.
public struct ShipmentPush: Sendable {
    public let ebay: EbayClient
    public let database: any Database
    public let audit: AuditRecorder
    public let logger: Logger

    public init(ebay: EbayClient, database: any Database, audit: AuditRecorder, logger: Logger) {
        self.ebay = ebay
        self.database = database
        self.audit = audit
        self.logger = logger
    }

    public struct Report: Sendable, Codable, Hashable, CustomStringConvertible {
        public var pushed = 0
        public var adopted = 0
        public var held = 0
        public var failed = 0
        public var failures: [String: String] = [:]
        public var description: String { "shipments: \(pushed) sent to eBay, \(adopted) found there already, \(held) held, \(failed) failed" }
    }

    /// Shopify's carrier names (`tracking_company`) → eBay's `shippingCarrierCode`.
    public static let carrierCodes: [String: String] = [
        "usps": "USPS", "ups": "UPS", "fedex": "FEDEX", "dhl": "DHL", "dhl express": "DHL", "dhl ecommerce": "DHLGLOBALMAIL",
        "canada post": "CANADA_POST", "royal mail": "ROYAL_MAIL", "australia post": "AUSTRALIA_POST", "ontrac": "ONTRAC",
        "lasership": "LASERSHIP", "purolator": "PUROLATOR", "dpd": "DPD", "gls": "GLS", "hermes": "HERMES", "evri": "EVRI",
        "deutsche post": "DEUTSCHE_POST", "colissimo": "COLISSIMO", "yodel": "YODEL", "parcelforce": "PARCELFORCE",
    ]

    public static func carrierCode(_ name: String?) -> String? {
        guard let name = name?.trimmingCharacters(in: .whitespaces).lowercased(), !name.isEmpty else { return nil }
        return carrierCodes[name] ?? carrierCodes[name.replacingOccurrences(of: ".", with: "")]
    }

    public func run() async throws -> Report {
        var report = Report()
        let pending = try await EbayShipment.query(on: database).filter(\.$state == .pending).sort(\.$createdAt).all()
        for shipment in pending {
            do {
                try await push(shipment, report: &report)
            } catch let error as EbayError {
                if case .unauthorized = error { throw error }
                shipment.state = error.isTransient ? .pending : .failed
                shipment.lastError = "\(error)"
                try await shipment.save(on: database)
                report.failed += 1
                report.failures[shipment.ebayOrderID] = "\(error)"
            }
        }
        if report.failed > 0, report.failures.values.contains(where: { _ in true }) { logger.warning("\(report)") }
        return report
    }

    func push(_ shipment: EbayShipment, report: inout Report) async throws {
        guard let tracking = shipment.trackingNumber else {
            try await hold(shipment, "no tracking number: add one to the fulfillment in Shopify", report: &report)
            return
        }
        guard let carrier = Self.carrierCode(shipment.carrier) else {
            try await hold(shipment, "carrier \"\(shipment.carrier ?? "none")\" has no eBay carrier code; choose a listed carrier in Shopify (USPS, UPS, FedEx, DHL, …)", report: &report)
            return
        }
        guard let order = try await EbayOrder.query(on: database).filter(\.$ebayID == shipment.ebayOrderID).first(), let detail = order.detail else {
            try await hold(shipment, "the eBay order is not in the mirror", report: &report)
            return
        }
        // Already on eBay (an earlier attempt got there before recording it)?
        let existing = try await ebay.getShippingFulfillments(orderID: shipment.ebayOrderID).fulfillments ?? []
        if let done = existing.first(where: { $0.shipmentTrackingNumber == tracking }) {
            shipment.state = .pushed
            shipment.ebayFulfillmentID = done.fulfillmentId ?? tracking
            shipment.ebayCarrierCode = carrier
            shipment.lastError = nil
            try await shipment.save(on: database)
            report.adopted += 1
            return
        }
        // eBay line items by SKU, less what earlier shipments took.
        var remaining: [String: Int] = [:]
        for line in detail.lines { remaining[line.lineItemID] = line.quantity }
        for fulfillment in existing {
            for line in fulfillment.lineItems ?? [] { remaining[line.lineItemId, default: 0] -= line.quantity }
        }
        var references: [EbayShippingFulfillmentDetails.LineItemReference] = []
        var unmatched: [String] = []
        for line in shipment.lines.elements {
            var wanted = line.quantity
            for ebayLine in detail.lines where ebayLine.sku == line.sku && wanted > 0 {
                let available = max(0, remaining[ebayLine.lineItemID] ?? 0)
                let take = min(available, wanted)
                if take > 0 {
                    references.append(.init(lineItemId: ebayLine.lineItemID, quantity: take))
                    remaining[ebayLine.lineItemID] = available - take
                    wanted -= take
                }
            }
            if wanted > 0 { unmatched.append("\(line.sku ?? "no SKU") × \(wanted)") }
        }
        guard !references.isEmpty else {
            try await hold(shipment, "no eBay line matches the fulfilled lines (\(unmatched.joined(separator: ", ")))", report: &report)
            return
        }
        let body = EbayShippingFulfillmentDetails(lineItems: references, shippedDate: EbayDate.format(shipment.shippedAt ?? Date()),
                                                 shippingCarrierCode: carrier, trackingNumber: tracking)
        let (result, call) = await AuditRecorder.collecting { try await ebay.createShippingFulfillment(orderID: shipment.ebayOrderID, body) }
        switch result {
        case .success(let id):
            shipment.state = .pushed
            shipment.ebayFulfillmentID = id ?? tracking
            shipment.ebayCarrierCode = carrier
            shipment.lastError = unmatched.isEmpty ? nil : "not on eBay's order: \(unmatched.joined(separator: ", "))"
            try await shipment.save(on: database)
            report.pushed += 1
            try await audit.record([.init(service: "ebay", operation: "createShippingFulfillment", target: shipment.ebayOrderID, outcome: .succeeded,
                                          status: call?.status, summary: "\(carrier) \(tracking), \(references.count) lines", requestID: call?.requestID)])
            if remaining.values.allSatisfy({ $0 <= 0 }) {
                try await OrderLink.query(on: database).filter(\.$ebayOrderID == shipment.ebayOrderID).filter(\.$state ~~ [.created, .foundExisting])
                    .set(\.$state, to: .fulfilled).update()
            }
        case .failure(let error):
            try await audit.record([.init(service: "ebay", operation: "createShippingFulfillment", target: shipment.ebayOrderID,
                                          outcome: call?.status == nil ? .unknown : .failed, status: call?.status, error: "\(error)", requestID: call?.requestID)])
            throw error
        }
    }

    private func hold(_ shipment: EbayShipment, _ reason: String, report: inout Report) async throws {
        shipment.state = .held
        shipment.lastError = reason
        try await shipment.save(on: database)
        report.held += 1
    }
}
