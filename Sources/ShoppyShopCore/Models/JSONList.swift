import Foundation
import NIOCore
import PostgresNIO
import SQLiteNIO

/// A list kept in one JSON column (`items`, `variants`).
///
/// Fluent's PostgreSQL encoder turns a Swift array into a PostgreSQL array (`jsonb[]`), which
/// a `jsonb` column refuses; this wrapper is one `jsonb` value there and JSON text on SQLite.
public struct JSONList<Element: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public var elements: [Element]

    public init(_ elements: [Element] = []) { self.elements = elements }

    public init(from decoder: any Decoder) throws {
        elements = try [Element](from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try elements.encode(to: encoder)
    }

    var json: Data {
        get throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return try encoder.encode(elements)
        }
    }
}

extension JSONList: SQLiteDataConvertible {
    public init?(sqliteData: SQLiteData) {
        let bytes: Data
        switch sqliteData {
        case .text(let text): bytes = Data(text.utf8)
        case .blob(let blob): bytes = Data(blob.readableBytesView)
        default: return nil
        }
        guard let elements = try? JSONDecoder().decode([Element].self, from: bytes) else { return nil }
        self.elements = elements
    }

    public var sqliteData: SQLiteData? {
        (try? json).map { .text(String(decoding: $0, as: UTF8.self)) }
    }
}

extension JSONList: PostgresEncodable, PostgresDecodable {
    public static var psqlType: PostgresDataType { .jsonb }
    public static var psqlFormat: PostgresFormat { .binary }

    public func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) throws {
        buffer.writeInteger(UInt8(1)) // jsonb binary format version
        buffer.writeBytes(try json)
    }

    public init<D: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
        context: PostgresDecodingContext<D>
    ) throws {
        switch (format, type) {
        case (.binary, .jsonb):
            guard buffer.readInteger(as: UInt8.self) == 1 else { throw PostgresDecodingError.Code.failure }
            fallthrough
        case (.binary, .json), (.text, .jsonb), (.text, .json):
            elements = try context.jsonDecoder.decode([Element].self, from: buffer)
        default:
            throw PostgresDecodingError.Code.typeMismatch
        }
    }
}
