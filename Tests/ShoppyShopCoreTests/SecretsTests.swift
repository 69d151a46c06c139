import Foundation
import Testing
@testable import ShoppyShopCore

/// 32 bytes 0x01…0x20; key id c9333a08.
private let keyABase64 = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="
/// 32 bytes of 0x42; key id 71e8246f.
private let keyBBase64 = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI="

private func boxA() throws -> SecretBox { SecretBox(key: try MasterKey(base64: keyABase64)) }
private func boxB() throws -> SecretBox { SecretBox(key: try MasterKey(base64: keyBBase64)) }

/// Applies `change` to the decoded bytes of an `ss1:` value and re-encodes it.
private func editPayload(_ sealed: String, _ change: (inout Data) -> Void) throws -> String {
    #expect(sealed.hasPrefix("ss1:"))
    var raw = try #require(Data(base64Encoded: String(sealed.dropFirst(4))))
    change(&raw)
    return "ss1:" + raw.base64EncodedString()
}

private func makeTempDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("SecretsTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

@Suite struct SecretsTests {
    // MARK: MasterKey

    @Test func masterKey_fixedBytes_hasStableID() throws {
        // Setup
        let bytes = Data((1...32).map { UInt8($0) })

        // Call
        let key = try MasterKey(bytes: bytes)

        // Validation: first 4 bytes of SHA-256("shoppyshop-master-key-id" ‖ key).
        #expect(key.id == "c9333a08")
        #expect(try MasterKey(base64: " \(keyBBase64)\n").id == "71e8246f")
    }

    @Test func masterKey_badInput_throwsDescriptiveErrors() {
        // Setup / Call / Validation
        #expect(throws: MasterKey.KeyError.notBase64) { try MasterKey(base64: "not base64!") }
        #expect(throws: MasterKey.KeyError.wrongLength(16)) { try MasterKey(base64: "AAECAwQFBgcICQoLDA0ODw==") }
        #expect(MasterKey.KeyError.wrongLength(16).description.contains("32 bytes"))
        #expect(MasterKey.KeyError.notBase64.description.contains("keygen"))
    }

    @Test func writeNewKeyFile_newPath_createsOwnerOnlyFileAndRefusesToOverwrite() throws {
        // Setup
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = (directory as NSString).appendingPathComponent("master.key")

        // Call
        let key = try MasterKey.writeNewKeyFile(at: path)
        let contentsBefore = try String(contentsOfFile: path, encoding: .utf8)
        #expect(throws: MasterKey.KeyError.fileExists(path)) { try MasterKey.writeNewKeyFile(at: path) }

        // Validation
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let permissions = try #require(attributes[.posixPermissions] as? NSNumber).intValue
        #expect(permissions & 0o777 == 0o600)
        #expect(contentsBefore.hasSuffix("\n"))
        #expect(Data(base64Encoded: contentsBefore.trimmingCharacters(in: .whitespacesAndNewlines))?.count == 32)
        #expect(try MasterKey(base64: contentsBefore).id == key.id)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == contentsBefore)
        #expect(MasterKey.KeyError.fileExists(path).description.contains("refusing to overwrite"))
    }

    // MARK: SecretBox

    @Test func secretBox_sealThenOpen_returnsPlaintext() throws {
        // Setup
        let box = try boxA()

        // Call
        let sealed = try box.sealString("shpat_0123456789abcdef", context: "shopify")
        let opened = try box.openString(sealed, context: "shopify")

        // Validation
        #expect(opened == "shpat_0123456789abcdef")
        #expect(sealed.hasPrefix("ss1:"))
        #expect(box.keyID == "c9333a08")
    }

    @Test func secretBox_sealTwice_usesFreshNonceAndNeverShowsPlaintext() throws {
        // Setup
        let box = try boxA()
        let plaintext = "shpat_0123456789abcdef"

        // Call
        let first = try box.sealString(plaintext)
        let second = try box.sealString(plaintext)

        // Validation
        #expect(first != second)
        for sealed in [first, second] {
            #expect(!sealed.contains(plaintext))
            #expect(!sealed.contains("0123456789"))
            let raw = try #require(Data(base64Encoded: String(sealed.dropFirst(4))))
            #expect(raw.range(of: Data(plaintext.utf8)) == nil)
            #expect(Array(raw.prefix(4)) == [0xc9, 0x33, 0x3a, 0x08])
            #expect(raw.count == 4 + 12 + plaintext.utf8.count + 16)
        }
    }

    @Test func secretBox_emptyPlaintext_roundTrips() throws {
        // Setup
        let box = try boxA()

        // Call
        let sealed = try box.sealString("")
        let opened = try box.openString(sealed)

        // Validation
        #expect(opened == "")
    }

    @Test func secretBox_openWithAnotherKey_throwsWrongKey() throws {
        // Setup
        let sealed = try boxA().sealString("shpat_0123456789abcdef")

        // Call / Validation
        #expect(throws: SecretBox.Failure.wrongKey(sealedWith: "c9333a08", current: "71e8246f")) {
            try boxB().openString(sealed)
        }
    }

    @Test func secretBox_flippedCiphertextByte_throwsTampered() throws {
        // Setup
        let box = try boxA()
        let sealed = try box.sealString("shpat_0123456789abcdef")
        let tampered = try editPayload(sealed) { raw in
            let middle = raw.startIndex + raw.count / 2
            raw[middle] ^= 0xFF
        }

        // Call / Validation
        #expect(tampered != sealed)
        #expect(throws: SecretBox.Failure.tampered) { try box.openString(tampered) }
    }

    @Test func secretBox_otherContext_throwsTampered() throws {
        // Setup
        let box = try boxA()
        let sealed = try box.sealString("shpat_0123456789abcdef", context: "shopify")

        // Call / Validation
        #expect(throws: SecretBox.Failure.tampered) { try box.openString(sealed, context: "meta") }
    }

    @Test func secretBox_truncated_throwsMalformed() throws {
        // Setup
        let box = try boxA()
        let sealed = try box.sealString("shpat_0123456789abcdef")
        let tooShort = try editPayload(sealed) { raw in raw = raw.prefix(20) }
        let brokenBase64 = String(sealed.dropLast(3))

        // Call / Validation
        #expect(throws: SecretBox.Failure.malformed) { try box.openString(tooShort) }
        #expect(throws: SecretBox.Failure.malformed) { try box.openString(brokenBase64) }
        #expect(throws: SecretBox.Failure.malformed) { try box.openString("ss1:") }
        #expect(throws: SecretBox.Failure.notSealed) { try box.openString("shpat_plain") }
    }

    @Test func secretBoxFailure_descriptions_sayWhatToDo() {
        // Setup
        let wrongKey = SecretBox.Failure.wrongKey(sealedWith: "c9333a08", current: "71e8246f").description
        let tampered = SecretBox.Failure.tampered.description
        let malformed = SecretBox.Failure.malformed.description

        // Validation
        #expect(wrongKey.contains("different master key"))
        #expect(wrongKey.contains("c9333a08"))
        #expect(wrongKey.contains("71e8246f"))
        #expect(wrongKey.contains("SHOPPYSHOP_MASTER_KEY"))
        #expect(tampered.contains("modified"))
        #expect(malformed.contains("truncated"))
    }

    // MARK: EncryptedEnvFile

    @Test func encryptedEnvFile_encryptThenDecrypt_returnsPlaintext() throws {
        // Setup
        let box = try boxA()
        let plain = "SHOPIFY_ACCESS_TOKEN=shpat_env_file\nMETA_ACCESS_TOKEN=\"EAA with spaces\"\n"

        // Call
        let fileText = try EncryptedEnvFile.encrypt(plain, environment: "production", box: box)
        let decrypted = try EncryptedEnvFile.decrypt(fileText, environment: "production", box: box)

        // Validation
        #expect(decrypted == plain)
        #expect(!fileText.contains("shpat_env_file"))
        #expect(fileText.hasPrefix("# ShoppyShop encrypted environment for \"production\""))
        #expect(fileText.contains("key id c9333a08"))
    }

    @Test func encryptedEnvFile_stagingFileOpenedAsProduction_fails() throws {
        // Setup
        let box = try boxA()
        let fileText = try EncryptedEnvFile.encrypt("PORT=9000\n", environment: "staging", box: box)

        // Call / Validation
        let error = #expect(throws: EncryptedEnvFile.WrongEnvironment.self) {
            try EncryptedEnvFile.decrypt(fileText, environment: "production", box: box)
        }
        #expect(error?.description.contains(#"encrypted for the "staging" environment"#) == true)
        #expect(try EncryptedEnvFile.decrypt(fileText, environment: "staging", box: box) == "PORT=9000\n")
    }

    @Test func encryptedEnvFile_headerEditedToAnotherEnvironment_isStillRejected() throws {
        // Setup: someone renames the file and edits its header to pass it off as production.
        let box = try boxA()
        let staging = try EncryptedEnvFile.encrypt("PORT=9000\n", environment: "staging", box: box)
        let forged = staging.replacingOccurrences(of: #"for "staging""#, with: #"for "production""#)

        // Call / Validation: the environment is authenticated inside the ciphertext too.
        #expect(throws: SecretBox.Failure.tampered) {
            try EncryptedEnvFile.decrypt(forged, environment: "production", box: box)
        }
    }

    @Test func encryptedEnvFile_emptyEnvironmentFile_roundTrips() throws {
        // Setup
        let box = try boxA()

        // Call
        let fileText = try EncryptedEnvFile.encrypt("", environment: "production", box: box)
        let decrypted = try EncryptedEnvFile.decrypt(fileText, environment: "production", box: box)

        // Validation
        #expect(decrypted == "")
    }

    @Test func encryptedEnvFile_paths_areNextToTheDirectory() {
        // Call / Validation
        #expect(EncryptedEnvFile.path(for: "production", in: "/srv/app") == "/srv/app/.env.production.enc")
        #expect(EncryptedEnvFile.plainPath(for: "production", in: "/srv/app") == "/srv/app/.env.production")
    }

    // MARK: ServiceToken

    @Test func serviceToken_init_storesOnlyCiphertextAndOpensWithTheBox() throws {
        // Setup
        let box = try boxA()

        // Call
        let token = try ServiceToken(service: "ebay", token: "v^1.1#i^1#ebay-access-token", box: box)

        // Validation
        #expect(token.service == "ebay")
        #expect(token.isActive)
        #expect(token.sealedToken.hasPrefix("ss1:"))
        #expect(!token.sealedToken.contains("ebay-access-token"))
        #expect(try token.token(using: box) == "v^1.1#i^1#ebay-access-token")
        #expect(throws: SecretBox.Failure.wrongKey(sealedWith: "c9333a08", current: "71e8246f")) {
            try token.token(using: try boxB())
        }
    }

    @Test func serviceToken_setToken_replacesCiphertext() throws {
        // Setup
        let box = try boxA()
        let token = try ServiceToken(service: "ebay", token: "old-token-value", box: box)
        let before = token.sealedToken

        // Call
        try token.setToken("new-token-value", using: box)

        // Validation
        #expect(token.sealedToken != before)
        #expect(!token.sealedToken.contains("new-token-value"))
        #expect(try token.token(using: box) == "new-token-value")
    }
}
