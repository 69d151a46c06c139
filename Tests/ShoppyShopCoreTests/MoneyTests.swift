import Foundation
import Testing
@testable import ShoppyShopCore

@Suite struct MoneyTests {
    @Test(arguments: [
        ("0.10", Decimal(sign: .plus, exponent: -1, significand: 1)),
        ("19.99", Decimal(sign: .plus, exponent: -2, significand: 1999)),
        ("99999999.99", Decimal(sign: .plus, exponent: -2, significand: 9_999_999_999)),
        ("-5", Decimal(sign: .minus, exponent: 0, significand: 5)),
        ("0", Decimal(sign: .plus, exponent: 0, significand: 0)),
    ])
    func decimalExactly_plainLiteral_parsesExactly(text: String, expected: Decimal) {
        // Call
        let value = Decimal(exactly: text)

        // Validation
        #expect(value == expected)
    }

    @Test(arguments: ["12abc", "1e5", "", " ", "1,50", "12.", ".5", "+5", "--5", "1.2.3", "NaN", "0x10"])
    func decimalExactly_notAPlainLiteral_isNil(text: String) {
        // Call
        let value = Decimal(exactly: text)

        // Validation
        #expect(value == nil)
    }

    @Test func plain_parsedAmounts_printWithADot() throws {
        // Setup
        let price = try #require(Decimal(exactly: "19.99"))
        let large = try #require(Decimal(exactly: "99999999.99"))
        let negative = try #require(Decimal(exactly: "-12.30"))

        // Call / Validation
        #expect(price.plain == "19.99")
        #expect(large.plain == "99999999.99")
        #expect(negative.plain == "-12.3")
    }

    @Test func money_parseAndDescribe_keepsExactAmountAndCurrency() throws {
        // Setup / Call
        let money = try #require(Money("19.99", currency: "USD"))

        // Validation
        #expect(money.amount == Decimal(sign: .plus, exponent: -2, significand: 1999))
        #expect(money.currency == "USD")
        #expect(money.description == "19.99 USD")
        #expect(Money("12abc", currency: "USD") == nil)
    }

    @Test func decimalExactly_sumOfCents_hasNoBinaryRoundingError() throws {
        // Setup
        let dime = try #require(Decimal(exactly: "0.10"))
        let twenty = try #require(Decimal(exactly: "0.20"))

        // Call
        let sum = dime + twenty

        // Validation
        #expect(sum == Decimal(sign: .plus, exponent: -1, significand: 3))
        #expect(sum.plain == "0.3")
    }
}
