import Foundation
import ShoppyShopCore

public enum TestConfig {
    /// A valid sandbox-mode configuration for tests, built through the real decoder.
    public static func sandbox(_ overrides: [String: String] = [:]) -> AppConfig {
        var values = ["SHOPPYSHOP_MASTER_KEY": testKeyBase64]
        values.merge(overrides) { _, new in new }
        switch AppConfig.decode(ConfigSource.literal(values), environment: "testing", directory: "/nonexistent") {
        case .success(let config): return config
        case .failure(let report): fatalError("test configuration is invalid: \(report)")
        }
    }

    /// A fixed key (32 bytes 0x01…0x20) so sealed values are reproducible across a test.
    public static let testKeyBase64 = Data((1...32).map { UInt8($0) }).base64EncodedString()
}
