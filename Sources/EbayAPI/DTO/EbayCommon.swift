import Foundation

/// `Amount` of the Sell APIs: eBay sends money as a decimal *string* with a currency code
/// (Inventory/Account `Amount {currency, value}`; Fulfillment adds `convertedFrom…`).
/// Parsed exactly into `Decimal`, never through `Double`.
public struct EbayAmount: Codable, Sendable, Hashable {
    public var currency: String
    public var value: String
    /// Fulfillment API only: the original currency when eBay converted the amount.
    public var convertedFromCurrency: String?
    public var convertedFromValue: String?

    public init(currency: String, value: String) {
        self.currency = currency
        self.value = value
    }

    /// `value` with two decimals, the form eBay shows in its samples ("19.99").
    public init(_ decimal: Decimal, currency: String) {
        self.currency = currency
        var rounded = Decimal()
        var input = decimal
        NSDecimalRound(&rounded, &input, 2, .bankers)
        self.value = Self.format(rounded)
    }

    /// The exact decimal value; nil when eBay sent something that is not a plain decimal.
    public var decimal: Decimal? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        return Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
    }

    static func format(_ value: Decimal) -> String {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.minimumFractionDigits = 2
        formatter.maximumFractionDigits = 2
        formatter.minimumIntegerDigits = 1
        formatter.usesGroupingSeparator = false
        return formatter.string(from: value as NSDecimalNumber) ?? "\(value)"
    }
}

/// `TimeDuration {unit, value}` (Inventory and Account).
public struct EbayTimeDuration: Codable, Sendable, Hashable {
    /// `TimeDurationUnitEnum`, e.g. `DAY`, `BUSINESS_DAY`, `HOUR`.
    public var unit: String
    public var value: Int

    public init(unit: String, value: Int) {
        self.unit = unit
        self.value = value
    }
}

/// One entry of eBay's error envelope, `Error` in every Sell API contract:
/// `{errorId, domain, subdomain, category, message, longMessage, parameters, inputRefIds, outputRefIds}`.
public struct EbayErrorDetail: Codable, Sendable, Hashable, CustomStringConvertible {
    public var errorId: Int
    public var domain: String?
    public var subdomain: String?
    /// `REQUEST`, `APPLICATION` or `BUSINESS`.
    public var category: String?
    public var message: String?
    public var longMessage: String?
    public var parameters: [Parameter]?
    public var inputRefIds: [String]?
    public var outputRefIds: [String]?

    public struct Parameter: Codable, Sendable, Hashable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(
        errorId: Int, domain: String? = nil, subdomain: String? = nil, category: String? = nil,
        message: String? = nil, longMessage: String? = nil, parameters: [Parameter]? = nil
    ) {
        self.errorId = errorId
        self.domain = domain
        self.subdomain = subdomain
        self.category = category
        self.message = message
        self.longMessage = longMessage
        self.parameters = parameters
    }

    /// eBay's own words, kept whole: the merchant sees what eBay said.
    public var description: String {
        var text = "eBay error \(errorId)"
        if let domain { text += " (\(domain))" }
        if let message { text += ": \(message)" }
        if let longMessage, longMessage != message { text += " — \(longMessage)" }
        if let parameters, !parameters.isEmpty {
            text += " [" + parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") + "]"
        }
        return text
    }
}

/// The envelope a failed call answers with: `{"errors": [Error], "warnings": [Error]}`.
public struct EbayErrorEnvelope: Codable, Sendable, Hashable {
    public var errors: [EbayErrorDetail]?
    public var warnings: [EbayErrorDetail]?

    public init(errors: [EbayErrorDetail]? = nil, warnings: [EbayErrorDetail]? = nil) {
        self.errors = errors
        self.warnings = warnings
    }
}

/// `BaseResponse {warnings}`: what create-or-replace calls return.
public struct EbayBaseResponse: Codable, Sendable, Hashable {
    public var warnings: [EbayErrorDetail]?
}

/// One item of a bulk response: eBay answers 200 or 207 and gives each item its own
/// `statusCode` and `errors`, so one bad item never hides the others.
public protocol EbayBulkItemResult: Sendable {
    var statusCode: Int? { get }
    var errors: [EbayErrorDetail]? { get }
}

extension EbayBulkItemResult {
    public var isSuccess: Bool { (statusCode.map { (200..<300).contains($0) } ?? false) && (errors ?? []).isEmpty }
}
