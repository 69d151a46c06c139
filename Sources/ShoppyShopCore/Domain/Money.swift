import Foundation

/// An amount of money: an exact `Decimal` with its ISO 4217 currency code. Never `Double`.
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    public var amount: Decimal
    public var currency: String

    public init(_ amount: Decimal, _ currency: String) {
        self.amount = amount
        self.currency = currency
    }

    /// Parses a decimal string such as "19.99" exactly (never through `Double`).
    public init?(_ text: String, currency: String) {
        guard let amount = Decimal(exactly: text) else { return nil }
        self.init(amount, currency)
    }

    public var description: String { "\(amount.plain) \(currency)" }
}

extension Decimal {
    /// Exact parse of a plain decimal literal ("-12.30", "0.10"); rejects anything else,
    /// including what `Decimal(string:)` would partially accept ("12abc").
    public init?(exactly text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.range(of: #"^-?\d+(\.\d+)?$"#, options: .regularExpression) != nil,
              let value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        self = value
    }

    /// The value as a plain string with a dot, whatever the process locale.
    public var plain: String {
        var copy = self
        return NSDecimalString(&copy, Locale(identifier: "en_US_POSIX"))
    }
}
