import Foundation
import IntegrationKit
import Testing

@Suite struct SignaturesTests {
    @Test func constant_time_equals_compares_bytes() {
        let mac: [UInt8] = [0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60]

        #expect(Signatures.constantTimeEquals(mac, mac))
        #expect(Signatures.constantTimeEquals([UInt8](), [UInt8]()))
        #expect(!Signatures.constantTimeEquals(mac, [0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x61]))
        #expect(!Signatures.constantTimeEquals(mac, [0x5c, 0xdc, 0xc1, 0x46, 0xbf, 0x60]))
        #expect(!Signatures.constantTimeEquals(mac, mac.dropLast()))
        #expect(!Signatures.constantTimeEquals(mac, []))
        #expect(Signatures.constantTimeEquals(Data(mac), mac[...]))
        #expect(Signatures.constantTimeEquals("sig=abc", "sig=abc"))
        #expect(!Signatures.constantTimeEquals("sig=abc", "sig=abd"))
    }

    @Test func hmac_sha256_rfc4231_case_2() {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
        let message = Array("what do ya want for nothing?".utf8)

        #expect(Signatures.hmacSHA256Hex(message, key: "Jefe") == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(Signatures.hmacSHA256Base64(message, key: "Jefe") == "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=")
    }

    @Test func verify_base64_hmac() {
        let message = Array("what do ya want for nothing?".utf8)

        #expect(Signatures.isValidHMACSHA256Base64("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=", message: message, key: "Jefe"))
        #expect(!Signatures.isValidHMACSHA256Base64("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEQ=", message: message, key: "Jefe"))
        #expect(!Signatures.isValidHMACSHA256Base64("%%%", message: message, key: "Jefe"))
    }

    @Test func sha256_hex_fips_180_abc() {
        #expect(Signatures.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
