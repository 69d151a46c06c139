import Foundation
import Testing
@testable import ShoppyShopCore

@Suite struct DotEnvTests {
    @Test func parse_commentsExportQuotesAndInlineComments_yieldsValues() {
        // Setup
        let text = """
            # a comment line

            export SHOPIFY_STORE_URL=my-store.myshopify.com
            PLAIN=value with spaces
            DOUBLE="line1\\nline2 \\"quoted\\" back\\\\slash\\ttab"
            SINGLE='literal \\n $HOME # not a comment'
            INLINE=abc # trailing comment
            HASH_IN_VALUE=abc#def
              INDENTED = spaced\t
            EMPTY=
            QUOTED_WITH_COMMENT="keep # this" # drop this
               # indented comment
            """

        // Call
        let parsed = DotEnv.parse(text)

        // Validation
        #expect(parsed.errors == [])
        #expect(parsed.entries == [
            .init(key: "SHOPIFY_STORE_URL", value: "my-store.myshopify.com", line: 3),
            .init(key: "PLAIN", value: "value with spaces", line: 4),
            .init(key: "DOUBLE", value: "line1\nline2 \"quoted\" back\\slash\ttab", line: 5),
            .init(key: "SINGLE", value: "literal \\n $HOME # not a comment", line: 6),
            .init(key: "INLINE", value: "abc", line: 7),
            .init(key: "HASH_IN_VALUE", value: "abc#def", line: 8),
            .init(key: "INDENTED", value: "spaced", line: 9),
            .init(key: "EMPTY", value: "", line: 10),
            .init(key: "QUOTED_WITH_COMMENT", value: "keep # this", line: 11),
        ])
    }

    @Test func parse_crlfLineEndings_splitsLinesAndStripsCarriageReturns() {
        // Setup: a file saved by a Windows editor.
        let text = "# comment\r\nA=1\r\nexport B=\"two\"\r\nC='three' \r\n\r\nD=4 # four\r\nE=five"

        // Call
        let parsed = DotEnv.parse(text)

        // Validation
        #expect(parsed.errors == [])
        #expect(parsed.entries == [
            .init(key: "A", value: "1", line: 2),
            .init(key: "B", value: "two", line: 3),
            .init(key: "C", value: "three", line: 4),
            .init(key: "D", value: "4", line: 6),
            .init(key: "E", value: "five", line: 7),
        ])
    }

    @Test func parse_malformedLines_reportedWithLineNumbersAndGoodLinesKept() {
        // Setup
        let text = """
            GOOD_ONE=1
            no equals sign here
            1BAD=x
            UNCLOSED="abc
            UNCLOSED_SINGLE='abc
            TRAILING="abc" junk
            GOOD_TWO=2
            """

        // Call
        let parsed = DotEnv.parse(text)

        // Validation
        #expect(parsed.entries == [
            .init(key: "GOOD_ONE", value: "1", line: 1),
            .init(key: "GOOD_TWO", value: "2", line: 7),
        ])
        #expect(parsed.errors == [
            .init(line: 2, message: "expected KEY=value, found \"no equals sign here\""),
            .init(line: 3, message: "\"1BAD\" is not a valid key (letters, digits and _ only)"),
            .init(line: 4, message: "UNCLOSED: missing closing double quote"),
            .init(line: 5, message: "UNCLOSED_SINGLE: missing closing single quote"),
            .init(line: 6, message: "TRAILING: unexpected text after the closing quote"),
        ])
    }

    @Test func parse_repeatedKey_keepsBothEntriesInOrder() {
        // Setup
        let text = "PORT=1\nPORT=2\n"

        // Call
        let parsed = DotEnv.parse(text)

        // Validation: the loader applies them in order, so the last one wins.
        #expect(parsed.entries == [
            .init(key: "PORT", value: "1", line: 1),
            .init(key: "PORT", value: "2", line: 2),
        ])
        #expect(parsed.errors == [])
    }
}
