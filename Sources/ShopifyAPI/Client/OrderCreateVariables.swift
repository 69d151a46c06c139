import Foundation

/// `orderCreate(order: OrderCreateOrderInput!, options: OrderCreateOptionsInput)` variables,
/// field names as in the 2025-01 SDL. Money goes as decimal strings.
struct OrderCreateVariables: Encodable, Sendable {
    struct Money: Encodable, Sendable { var amount: String; var currencyCode: String }
    struct MoneyBag: Encodable, Sendable { var shopMoney: Money }
    struct Line: Encodable, Sendable { var variantId: String; var quantity: Int; var priceSet: MoneyBag; var taxLines: [TaxLine]? }
    struct Attribute: Encodable, Sendable { var key: String; var value: String }
    struct Address: Encodable, Sendable {
        var firstName: String?, lastName: String?, address1: String?, address2: String?
        var city: String?, provinceCode: String?, zip: String?, countryCode: String?, phone: String?
    }
    struct ShippingLine: Encodable, Sendable { var title: String; var priceSet: MoneyBag }
    struct TaxLine: Encodable, Sendable { var title: String; var rate: String; var priceSet: MoneyBag }
    struct Order: Encodable, Sendable {
        var currency: String
        var sourceName: String
        var sourceIdentifier: String?
        var tags: [String]
        var email: String?
        var lineItems: [Line]
        var shippingAddress: Address?
        var shippingLines: [ShippingLine]
        var taxLines: [TaxLine]
        var note: String?
        var customAttributes: [Attribute]?
        var financialStatus: String?
        var processedAt: String?
    }
    struct Options: Encodable, Sendable { var inventoryBehaviour: String }

    var order: Order
    var options: Options

    init(_ input: ShopifyAPI.NewOrder) {
        func bag(_ amount: Decimal) -> MoneyBag { MoneyBag(shopMoney: Money(amount: ShopifyDecimal(amount).description, currencyCode: input.currency)) }
        order = Order(
            currency: input.currency, sourceName: input.sourceName, sourceIdentifier: input.sourceIdentifier,
            tags: input.tags, email: input.email,
            lineItems: input.lines.map { line in
                Line(variantId: line.variantID, quantity: line.quantity, priceSet: bag(line.price),
                     taxLines: line.taxLines.isEmpty ? nil : line.taxLines.map { TaxLine(title: $0.title, rate: ShopifyDecimal($0.rate).description, priceSet: bag($0.price)) })
            },
            shippingAddress: input.shippingAddress.map {
                Address(firstName: $0.firstName, lastName: $0.lastName, address1: $0.address1, address2: $0.address2, city: $0.city,
                        provinceCode: $0.provinceCode, zip: $0.zip, countryCode: $0.countryCode, phone: $0.phone)
            },
            shippingLines: input.shippingLines.map { ShippingLine(title: $0.title, priceSet: bag($0.price)) },
            taxLines: input.taxLines.map { TaxLine(title: $0.title, rate: ShopifyDecimal($0.rate).description, priceSet: bag($0.price)) },
            note: input.note, customAttributes: input.attributes.isEmpty ? nil : input.attributes.map { Attribute(key: $0.key, value: $0.value) },
            financialStatus: input.financialStatus, processedAt: input.processedAt.map { ShopifyDates.string($0) })
        options = Options(inventoryBehaviour: input.inventoryBehaviour.rawValue)
    }
}
