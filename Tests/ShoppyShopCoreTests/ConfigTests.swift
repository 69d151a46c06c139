import Foundation
import Testing
@testable import ShoppyShopCore

/// A fresh, empty directory under the system temp directory (no `master.key`, no `.env`).
private func makeTempDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ConfigTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

private func write(_ text: String, to name: String, in directory: String) throws {
    try text.write(toFile: (directory as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
}

/// 32 bytes 0x01…0x20; key id c9333a08.
private let keyA = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="
/// 32 bytes of 0x42; key id 71e8246f.
private let keyB = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI="

private func problems(_ result: Result<AppConfig, ConfigReport>) -> [ConfigProblem] {
    if case .failure(let report) = result { return report.problems }
    return []
}

@Suite struct ConfigTests {
    // MARK: Precedence

    @Test func load_fourLayers_laterLayerWinsAndOriginIsReported() throws {
        // Setup: each layer overrides exactly one more key than the layer before it.
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try write("""
            # base settings
            HOST=0.0.0.0
            PORT=1000
            LOG_LEVEL=debug
            STOCK_BUFFER=1
            """, to: ".env", in: directory)
        try write("""
            PORT=2000
            LOG_LEVEL=warning
            STOCK_BUFFER=2
            """, to: ".env.production", in: directory)
        let box = SecretBox(key: try MasterKey(base64: keyA))
        try write(
            try EncryptedEnvFile.encrypt("LOG_LEVEL=error\nSTOCK_BUFFER=3\n", environment: "production", box: box),
            to: ".env.production.enc", in: directory)
        let processEnvironment = ["STOCK_BUFFER": "4", "SHOPPYSHOP_MASTER_KEY": keyA, "PATH": "/usr/bin"]

        // Call
        let source = ConfigSource.load(environment: "production", directory: directory, processEnvironment: processEnvironment)
        let result = AppConfig.decode(source, environment: "production", directory: directory)

        // Validation
        #expect(source.problems == [])
        #expect(source.values["HOST"] == .init(value: "0.0.0.0", origin: ".env:2"))
        #expect(source.values["PORT"] == .init(value: "2000", origin: ".env.production:1"))
        #expect(source.values["LOG_LEVEL"] == .init(value: "error", origin: ".env.production.enc:1"))
        #expect(source.values["STOCK_BUFFER"] == .init(value: "4", origin: "process environment"))
        #expect(source.values["PATH"] == nil)
        let config = try result.get()
        #expect(config.host == "0.0.0.0")
        #expect(config.port == 2000)
        #expect(config.logLevel == "error")
        #expect(config.rules.stockBuffer == 4)
        #expect(config.masterKey?.id == "c9333a08")
    }

    @Test func load_developmentIgnoresProductionFiles() throws {
        // Setup
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try write("PORT=1000\n", to: ".env", in: directory)
        try write("PORT=2000\n", to: ".env.production", in: directory)

        // Call
        let source = ConfigSource.load(environment: "development", directory: directory, processEnvironment: [:])

        // Validation
        #expect(source.values["PORT"] == .init(value: "1000", origin: ".env:1"))
    }

    @Test func load_crlfEnvFile_readsEveryLine() throws {
        // Setup: saved by a Windows editor, starting with a comment.
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try write("# settings\r\nPORT=9000\r\nLOG_LEVEL=debug\r\n", to: ".env", in: directory)

        // Call
        let source = ConfigSource.load(environment: "development", directory: directory, processEnvironment: [:])

        // Validation
        #expect(source.problems == [])
        #expect(source.values["PORT"] == .init(value: "9000", origin: ".env:2"))
        #expect(source.values["LOG_LEVEL"] == .init(value: "debug", origin: ".env:3"))
    }

    // MARK: Collecting every problem

    @Test func decode_brokenEnv_reportsEveryProblem() throws {
        // Setup: one .env with eight different mistakes and one typo.
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try write("""
            PORT=abc
            SHOPIFY_ACCESS_TOKEN=shpat_broken_token_123
            META_ACCOUNT_ID=act_12345
            LOG_LEVEL=loud
            DATABASE_URL=mysql://x
            this line has no equals sign
            STOCK_BUFFER=-1
            EBAY_APP_ID=MyApp-PRD-123
            PROT=8080
            """, to: ".env", in: directory)

        // Call
        let source = ConfigSource.load(environment: "development", directory: directory, processEnvironment: [:])
        let result = AppConfig.decode(source, environment: "development", directory: directory)

        // Validation
        guard case .failure(let report) = result else {
            Issue.record("a broken .env decoded successfully")
            return
        }
        let byKey = Dictionary(report.problems.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(report.problems.count == 8)
        #expect(Set(byKey.keys) == [
            ".env line 6", "PORT", "LOG_LEVEL", "DATABASE_URL", "SHOPIFY_STORE_URL",
            "EBAY_CERT_ID, EBAY_AUTH_TOKEN", "META_ACCESS_TOKEN", "STOCK_BUFFER",
        ])

        #expect(byKey[".env line 6"]?.message == "expected KEY=value, found \"this line has no equals sign\"")
        #expect(byKey[".env line 6"]?.fix.contains("KEY=value") == true)

        #expect(byKey["PORT"]?.source == ".env:1")
        #expect(byKey["PORT"]?.message.contains("\"abc\" is not a whole number between 1 and 65535") == true)
        #expect(byKey["PORT"]?.fix.contains("whole number") == true)

        #expect(byKey["LOG_LEVEL"]?.source == ".env:4")
        #expect(byKey["LOG_LEVEL"]?.message.contains("\"loud\"") == true)
        #expect(byKey["LOG_LEVEL"]?.fix.contains("info") == true)

        #expect(byKey["DATABASE_URL"]?.source == ".env:5")
        #expect(byKey["DATABASE_URL"]?.message == "is not a PostgreSQL URL")
        #expect(byKey["DATABASE_URL"]?.fix.contains("postgres://") == true)

        #expect(byKey["SHOPIFY_STORE_URL"]?.source == ".env:2")
        #expect(byKey["SHOPIFY_STORE_URL"]?.message.contains("SHOPIFY_ACCESS_TOKEN is set but SHOPIFY_STORE_URL is missing") == true)
        #expect(byKey["SHOPIFY_STORE_URL"]?.fix.contains("set SHOPIFY_STORE_URL") == true)

        #expect(byKey["EBAY_CERT_ID, EBAY_AUTH_TOKEN"]?.source == ".env:8")
        #expect(byKey["EBAY_CERT_ID, EBAY_AUTH_TOKEN"]?.message.contains("EBAY_APP_ID is set but EBAY_CERT_ID and EBAY_AUTH_TOKEN are missing") == true)
        #expect(byKey["EBAY_CERT_ID, EBAY_AUTH_TOKEN"]?.fix.contains("set EBAY_CERT_ID and EBAY_AUTH_TOKEN") == true)

        #expect(byKey["META_ACCESS_TOKEN"]?.source == ".env:3")
        #expect(byKey["META_ACCESS_TOKEN"]?.message.contains("META_ACCOUNT_ID is set but META_ACCESS_TOKEN is missing") == true)
        #expect(byKey["META_ACCESS_TOKEN"]?.fix.contains("set META_ACCESS_TOKEN") == true)

        #expect(byKey["STOCK_BUFFER"]?.source == ".env:7")
        #expect(byKey["STOCK_BUFFER"]?.message.contains("\"-1\" is not a whole number between 0 and 1000000") == true)
        #expect(byKey["STOCK_BUFFER"]?.fix.contains("whole number") == true)

        for problem in report.problems {
            #expect(problem.fix.count > 10, "problem for \(problem.key) has no real fix: \(problem.fix)")
            #expect(problem.description.contains("Fix: "))
        }
        #expect(report.warnings == [
            ConfigProblem(key: "PROT", source: ".env:9", message: "unknown key", fix: "did you mean PORT?"),
        ])
    }

    @Test func reportDescription_brokenEnv_listsEveryProblemInOneMessage() throws {
        // Setup
        let source = ConfigSource.literal([
            "PORT": "abc", "LOG_LEVEL": "loud", "DATABASE_URL": "mysql://x", "STOCK_BUFFER": "-1",
            "SHOPIFY_ACCESS_TOKEN": "shpat_broken_token_123", "META_ACCOUNT_ID": "act_12345", "EBAY_APP_ID": "MyApp-PRD-123",
        ], origin: ".env")
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }

        // Call
        let result = AppConfig.decode(source, environment: "development", directory: directory)

        // Validation
        guard case .failure(let report) = result else {
            Issue.record("a broken configuration decoded successfully")
            return
        }
        let text = report.description
        #expect(text.hasPrefix("Configuration has 7 problems:\n"))
        for number in 1...7 { #expect(text.contains("\n  \(number). "), "item \(number) missing") }
        #expect(!text.contains("\n  8. "))
        for key in ["PORT", "LOG_LEVEL", "DATABASE_URL", "STOCK_BUFFER", "SHOPIFY_STORE_URL",
                    "META_ACCESS_TOKEN", "EBAY_CERT_ID, EBAY_AUTH_TOKEN"] {
            #expect(text.contains("\(key) (.env): "), "\(key) missing from the report")
        }
        #expect(text.components(separatedBy: "Fix: ").count == 8)
        #expect(text.hasSuffix("`shoppyshop config check` shows the effective configuration."))
        #expect(!text.contains("shpat_broken_token_123"))
    }

    // MARK: Modes

    @Test func decode_noVendorKeys_isSandboxWithDefaults() throws {
        // Setup
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }

        // Call
        let config = try AppConfig.decode(.literal([:]), environment: "development", directory: directory).get()

        // Validation
        #expect(config.mode == .sandbox)
        #expect(config.shopify == nil)
        #expect(config.ebay == nil)
        #expect(config.meta == nil)
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.logLevel == "info")
        #expect(config.database == .sqlite(path: "shoppyshop.sqlite"))
        #expect(config.masterKey == nil)
        #expect(config.secretValues == [])
    }

    @Test func decode_shopifyOnly_isLiveWithNormalisedStoreDomain() throws {
        // Setup
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = ConfigSource.literal([
            "SHOPIFY_ACCESS_TOKEN": "shpat_live_0123456789",
            "SHOPIFY_STORE_URL": "https://My-Store.myshopify.com/",
        ])

        // Call
        let config = try AppConfig.decode(source, environment: "development", directory: directory).get()

        // Validation
        #expect(config.mode == .live)
        #expect(config.shopify?.storeDomain == "my-store.myshopify.com")
        #expect(config.shopify?.accessToken == "shpat_live_0123456789")
        #expect(config.shopify?.webhookSecret == nil)
        #expect(config.ebay == nil)
        #expect(config.meta == nil)
    }

    @Test func decode_storeURLNotADomain_reportsProblemWithExample() throws {
        // Setup
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = ConfigSource.literal([
            "SHOPIFY_ACCESS_TOKEN": "shpat_live_0123456789", "SHOPIFY_STORE_URL": "my store",
        ], origin: ".env:2")

        // Call
        let found = problems(AppConfig.decode(source, environment: "development", directory: directory))

        // Validation
        #expect(found == [ConfigProblem(
            key: "SHOPIFY_STORE_URL", source: ".env:2", message: "\"my store\" is not a store domain",
            fix: "use your store's domain, e.g. my-store.myshopify.com")])
    }

    @Test func allWarnings_typoKey_suggestsClosestKnownKey() throws {
        // Setup
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try write("SHOPIFY_ACESS_TOKEN=shpat_typo\nTOTALLY_UNRELATED_SETTING=1\n", to: ".env", in: directory)

        // Call
        let source = ConfigSource.load(environment: "development", directory: directory, processEnvironment: [:])
        let result = AppConfig.decode(source, environment: "development", directory: directory)

        // Validation
        #expect(source.allWarnings == [
            ConfigProblem(key: "SHOPIFY_ACESS_TOKEN", source: ".env:1", message: "unknown key",
                          fix: "did you mean SHOPIFY_ACCESS_TOKEN?"),
            ConfigProblem(key: "TOTALLY_UNRELATED_SETTING", source: ".env:2", message: "unknown key",
                          fix: "remove it or check the spelling against .env.example"),
        ])
        #expect(source.allWarnings.first?.description.contains("did you mean SHOPIFY_ACCESS_TOKEN") == true)
        // A typo is a warning, not a problem: the misspelt token is simply not used.
        let config = try result.get()
        #expect(config.mode == .sandbox)
    }

    // MARK: Master key

    @Test func decode_productionWithoutMasterKey_reportsProblem() throws {
        // Setup
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }

        // Call
        let found = problems(AppConfig.decode(.literal([:]), environment: "production", directory: directory))

        // Validation
        #expect(found.count == 1)
        #expect(found.first?.key == "SHOPPYSHOP_MASTER_KEY")
        #expect(found.first?.message.contains("no master key in production") == true)
        #expect(found.first?.fix.contains("SHOPPYSHOP_MASTER_KEY") == true)
    }

    @Test func decode_productionWithMasterKeyFileInDirectory_succeeds() throws {
        // Setup
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try write(keyA + "\n", to: "master.key", in: directory)

        // Call
        let config = try AppConfig.decode(.literal([:]), environment: "production", directory: directory).get()

        // Validation
        #expect(config.masterKey?.id == "c9333a08")
    }

    @Test func decode_masterKeyNotBase64_reportsProblemNamingTheKey() throws {
        // Setup
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = ConfigSource.literal(["SHOPPYSHOP_MASTER_KEY": "not-base64!!"], origin: "process environment")

        // Call
        let found = problems(AppConfig.decode(source, environment: "production", directory: directory))

        // Validation
        #expect(found.count == 1)
        #expect(found.first?.key == "SHOPPYSHOP_MASTER_KEY")
        #expect(found.first?.source == "process environment")
        #expect(found.first?.message.contains("not base64") == true)
        #expect(found.first?.fix.contains("keygen") == true)
    }

    @Test func decode_masterKeyWrongLength_reportsProblemNamingTheKey() throws {
        // Setup: 16 bytes, base64.
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = ConfigSource.literal(["SHOPPYSHOP_MASTER_KEY": "AAECAwQFBgcICQoLDA0ODw=="])

        // Call
        let found = problems(AppConfig.decode(source, environment: "development", directory: directory))

        // Validation
        #expect(found.count == 1)
        #expect(found.first?.key == "SHOPPYSHOP_MASTER_KEY")
        #expect(found.first?.message.contains("16 bytes") == true)
        #expect(found.first?.message.contains("32 bytes") == true)
    }

    @Test func decode_masterKeyFileMissing_reportsProblemNamingTheFileKey() throws {
        // Setup
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = ConfigSource.literal(["SHOPPYSHOP_MASTER_KEY_FILE": "missing.key"])

        // Call
        let found = problems(AppConfig.decode(source, environment: "development", directory: directory))

        // Validation
        #expect(found.count == 1)
        #expect(found.first?.key == "SHOPPYSHOP_MASTER_KEY_FILE")
        #expect(found.first?.message.contains("missing.key") == true)
    }

    // MARK: Secrets for redaction

    @Test func secretValues_fullyConfigured_containsEveryToken() throws {
        // Setup
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = ConfigSource.literal([
            "SHOPIFY_ACCESS_TOKEN": "shpat_secret_1",
            "SHOPIFY_STORE_URL": "my-store.myshopify.com",
            "SHOPIFY_WEBHOOK_SECRET": "whsec_secret_2",
            "EBAY_APP_ID": "MyApp-PRD-123",
            "EBAY_CERT_ID": "PRD-cert-secret-3",
            "EBAY_AUTH_TOKEN": "v^1.1#auth-secret-4",
            "EBAY_VERIFICATION_TOKEN": "verification-token-0123456789abcdef",
            "META_ACCESS_TOKEN": "EAAmeta-secret-5",
            "META_ACCOUNT_ID": "act_1234567890",
            "ADMIN_EMAIL": "admin@example.com",
            "ADMIN_PASSWORD": "correct-horse-battery",
            "DATABASE_URL": "postgres://shop:db-pass-6@db.example.com:5432/shoppyshop",
        ])

        // Call
        let config = try AppConfig.decode(source, environment: "development", directory: directory).get()

        // Validation
        #expect(Set(config.secretValues) == [
            "shpat_secret_1", "whsec_secret_2", "PRD-cert-secret-3", "v^1.1#auth-secret-4",
            "verification-token-0123456789abcdef", "EAAmeta-secret-5", "correct-horse-battery", "db-pass-6",
        ])
        #expect(!config.secretValues.contains("MyApp-PRD-123"))
        #expect(config.meta?.accountID == "1234567890")
        #expect(config.database == .postgres(url: "postgres://shop:db-pass-6@db.example.com:5432/shoppyshop"))
    }

    // MARK: Encrypted environment file

    @Test func load_encryptedFileWithKeyFromProcessEnvironment_mergesItsValues() throws {
        // Setup
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let box = SecretBox(key: try MasterKey(base64: keyA))
        let plain = "SHOPIFY_ACCESS_TOKEN=shpat_from_enc\nSHOPIFY_STORE_URL=enc-store.myshopify.com\n"
        try write(try EncryptedEnvFile.encrypt(plain, environment: "production", box: box),
                  to: ".env.production.enc", in: directory)

        // Call
        let source = ConfigSource.load(
            environment: "production", directory: directory, processEnvironment: ["SHOPPYSHOP_MASTER_KEY": keyA])
        let result = AppConfig.decode(source, environment: "production", directory: directory)

        // Validation
        #expect(source.problems == [])
        #expect(source.values["SHOPIFY_ACCESS_TOKEN"] == .init(value: "shpat_from_enc", origin: ".env.production.enc:1"))
        let config = try result.get()
        #expect(config.mode == .live)
        #expect(config.shopify?.accessToken == "shpat_from_enc")
        #expect(config.shopify?.storeDomain == "enc-store.myshopify.com")
    }

    @Test func load_encryptedFileWithWrongKey_reportsProblemNamingTheFile() throws {
        // Setup: sealed with key A, the process offers key B.
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let box = SecretBox(key: try MasterKey(base64: keyA))
        try write(try EncryptedEnvFile.encrypt("SHOPIFY_ACCESS_TOKEN=shpat_from_enc\n", environment: "production", box: box),
                  to: ".env.production.enc", in: directory)

        // Call
        let source = ConfigSource.load(
            environment: "production", directory: directory, processEnvironment: ["SHOPPYSHOP_MASTER_KEY": keyB])
        let found = problems(AppConfig.decode(source, environment: "production", directory: directory))

        // Validation
        #expect(source.values["SHOPIFY_ACCESS_TOKEN"] == nil)
        #expect(found.count == 1)
        #expect(found.first?.key == ".env.production.enc")
        #expect(found.first?.message.contains("different master key") == true)
        #expect(found.first?.message.contains("c9333a08") == true)
        #expect(found.first?.message.contains("71e8246f") == true)
        #expect(found.first?.fix.contains("secrets encrypt --env production") == true)
    }

    @Test func load_encryptedFileWithoutAnyKey_reportsProblemNamingTheFile() throws {
        // Setup
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let box = SecretBox(key: try MasterKey(base64: keyA))
        try write(try EncryptedEnvFile.encrypt("PORT=9000\n", environment: "staging", box: box),
                  to: ".env.staging.enc", in: directory)

        // Call
        let source = ConfigSource.load(environment: "staging", directory: directory, processEnvironment: [:])
        let found = problems(AppConfig.decode(source, environment: "staging", directory: directory))

        // Validation
        #expect(found.map(\.key) == [".env.staging.enc"])
        #expect(found.first?.message.contains("no master key is configured") == true)
    }

    @Test func load_encryptedFileWithMalformedKey_reportsTheKeyProblemOnce() throws {
        // Setup
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let box = SecretBox(key: try MasterKey(base64: keyA))
        try write(try EncryptedEnvFile.encrypt("PORT=9000\n", environment: "production", box: box),
                  to: ".env.production.enc", in: directory)

        // Call
        let source = ConfigSource.load(
            environment: "production", directory: directory, processEnvironment: ["SHOPPYSHOP_MASTER_KEY": "%%%"])
        let found = problems(AppConfig.decode(source, environment: "production", directory: directory))

        // Validation
        #expect(found.map(\.key) == ["SHOPPYSHOP_MASTER_KEY"])
        #expect(found.first?.source == "process environment")
    }
}
