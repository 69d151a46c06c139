import Foundation

/// Shopify's `Money` and `Decimal` scalars arrive as strings ("19.99"); parsed exactly into
/// `Decimal`, never through `Double`.
public struct ShopifyDecimal: Sendable, Hashable, Codable, CustomStringConvertible {
    public var value: Decimal

    public init(_ value: Decimal) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a decimal string: \(text)")
        }
        self.value = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Plain notation, e.g. "19.99".
    public var description: String { NSDecimalNumber(decimal: value).stringValue }
}

/// Shopify ids: the global id string, and the number inside it (Int64, never Double).
public enum ShopifyID {
    public static func number(_ gid: String) -> Int64? {
        guard let slash = gid.lastIndex(of: "/") else { return Int64(gid) }
        return Int64(gid[gid.index(after: slash)...].prefix { $0.isNumber })
    }

    public static func gid(_ type: String, _ id: Int64) -> String { "gid://shopify/\(type)/\(id)" }

    /// The object type of a global id: "ProductVariant" for gid://shopify/ProductVariant/1.
    public static func type(_ gid: String) -> String? {
        let prefix = "gid://shopify/"
        guard gid.hasPrefix(prefix) else { return nil }
        return gid.dropFirst(prefix.count).split(separator: "/").first.map(String.init)
    }
}
