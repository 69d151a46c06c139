import Foundation
import ShopifyAPI

/// An eBay order (as mirrored) → the Shopify order to create, or why it cannot be created
/// yet. Pure: the variants of the catalog mirror come in as a lookup.
public struct OrderMapper: Sendable {
    /// A Shopify variant by SKU: its GID and the product's title.
    public struct Variant: Sendable, Hashable {
        public var gid: String
        public var title: String
        public init(gid: String, title: String) {
            self.gid = gid
            self.title = title
        }
    }

    public enum Result: Sendable, Equatable {
        case create(ShopifyAPI.NewOrder)
        /// Not created: the reason names what is missing and how to fix it.
        case hold(String)
        /// Not paid: nothing to do yet.
        case notPaid(String)
    }

    public let variants: [String: Variant]
    /// Shopify's stock follows the order (the order takes the units).
    public var inventoryBehaviour: ShopifyAPI.NewOrder.InventoryBehaviour = .decrementObeyingPolicy

    public init(variants: [String: Variant]) {
        self.variants = variants
    }

    /// The tag every imported order carries, so it is found again by its eBay id.
    public static func tag(_ ebayOrderID: String) -> String { "ebay-\(ebayOrderID)" }
    public static let attributeKey = "ebay_order_id"

    public func map(_ order: EbayOrder) -> Result {
        guard let detail = order.detail else { return .hold("the order's details were not read from eBay; run `shoppyshop sync orders` again") }
        guard (detail.paymentStatus ?? "PAID") == "PAID" else { return .notPaid(detail.paymentStatus ?? "unknown") }
        var problems: [String] = []
        var lines: [ShopifyAPI.NewOrder.Line] = []
        for line in detail.lines {
            guard let sku = line.sku, !sku.isEmpty else {
                problems.append("eBay line \(line.lineItemID) (\(line.title)) has no SKU; list it through ShoppyShop or add the SKU on eBay")
                continue
            }
            guard let variant = variants[sku] else {
                problems.append("SKU \(sku) (\(line.title)) is not in the Shopify catalog; add a variant with this SKU in Shopify, then `shoppyshop orders retry \(order.ebayID)`")
                continue
            }
            var taxes: [ShopifyAPI.NewOrder.TaxLine] = []
            let base = line.unitPrice.value * Decimal(line.quantity)
            if line.ebayCollectedTax.value > 0 {
                // Marked as eBay's: eBay collected it and remits it; the merchant does not owe it.
                taxes.append(.init(title: "Sales tax collected and remitted by eBay", rate: Self.rate(line.ebayCollectedTax.value, of: base), price: line.ebayCollectedTax.value))
            }
            if line.sellerTax.value > 0 {
                taxes.append(.init(title: "Sales tax", rate: Self.rate(line.sellerTax.value, of: base), price: line.sellerTax.value))
            }
            lines.append(.init(variantID: variant.gid, quantity: line.quantity, price: line.unitPrice.value, taxLines: taxes))
        }
        let address = order.shippingDetails
        if address == nil { problems.append("eBay gave no shipping address for the order; it cannot be fulfilled from Shopify") }
        guard problems.isEmpty, !lines.isEmpty, let address else {
            return .hold(problems.isEmpty ? "the order has no lines" : problems.joined(separator: "; "))
        }
        let (first, last) = Self.split(address.fullName)
        let collected = detail.lines.reduce(Decimal(0)) { $0 + $1.ebayCollectedTax.value }
        var tags = ["ebay", Self.tag(order.ebayID)]
        if collected > 0 { tags.append("ebay-collected-tax") }
        var note = "eBay order \(order.ebayID) by \(order.buyerUsername)"
        if let buyerNote = detail.buyerNote, !buyerNote.isEmpty { note += "\nBuyer's note: \(buyerNote)" }
        return .create(ShopifyAPI.NewOrder(
            currency: order.currency, sourceName: "ebay", sourceIdentifier: order.ebayID, tags: tags, email: detail.email,
            lines: lines,
            shippingAddress: .init(firstName: first, lastName: last, address1: address.addressLine1, address2: address.addressLine2,
                                   city: address.city, provinceCode: address.stateOrProvince, zip: address.postalCode,
                                   countryCode: address.countryCode, phone: address.phone),
            shippingLines: detail.deliveryCost.value > 0 || detail.shippingService != nil
                ? [.init(title: "eBay: \(detail.shippingService ?? "shipping")", price: detail.deliveryCost.value)] : [],
            inventoryBehaviour: inventoryBehaviour,
            note: note,
            attributes: [(Self.attributeKey, order.ebayID), ("ebay_buyer", order.buyerUsername)] + (collected > 0 ? [("ebay_collected_tax", collected.plain)] : []),
            financialStatus: "PAID", processedAt: order.createdAt))
    }

    static func rate(_ tax: Decimal, of base: Decimal) -> Decimal {
        guard base > 0 else { return 0 }
        var value = tax / base
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 4, .plain)
        return rounded
    }

    static func split(_ name: String) -> (String?, String?) {
        let parts = name.split(separator: " ", maxSplits: 1).map(String.init)
        switch parts.count {
        case 0: return (nil, nil)
        case 1: return (nil, parts[0])
        default: return (parts[0], parts[1])
        }
    }
}
