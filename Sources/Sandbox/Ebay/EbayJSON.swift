import Foundation

/// A JSON document as a Sendable value: what the eBay stand-in reads requests into, stores
/// and answers with, so shapes stay exactly as sent (no lossy model in between).
public enum EbayJSON: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    /// Kept as text so numbers round-trip exactly (eBay's weights, prices in numbers).
    case number(String)
    case string(String)
    case array([EbayJSON])
    case object([String: EbayJSON])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Decimal.self) { self = .number("\(value)") }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([EbayJSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: EbayJSON].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(Decimal(string: value) ?? 0)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    public static func parse(_ data: Data) throws -> EbayJSON {
        try JSONDecoder().decode(EbayJSON.self, from: data)
    }

    public func data() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }

    public subscript(key: String) -> EbayJSON? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var string: String? { if case .string(let value) = self { return value }; return nil }
    public var array: [EbayJSON]? { if case .array(let value) = self { return value }; return nil }
    public var object: [String: EbayJSON]? { if case .object(let value) = self { return value }; return nil }
    public var bool: Bool? { if case .bool(let value) = self { return value }; return nil }
    /// Whole numbers only.
    public var int: Int? { if case .number(let value) = self { return Int(value) }; return nil }
    public var decimal: Decimal? { if case .number(let value) = self { return Decimal(string: value) }; return nil }
}

extension EbayJSON {
    public static func int(_ value: Int) -> EbayJSON { .number("\(value)") }
    public static func strings(_ values: [String]) -> EbayJSON { .array(values.map { .string($0) }) }
    public static func optional(_ value: String?) -> EbayJSON? { value.map { .string($0) } }
}

/// `Result` without the `Error` constraint: handlers return eBay error bodies as failures.
enum EbayOutcome<Value, Failure> {
    case success(Value)
    case failure(Failure)
}
