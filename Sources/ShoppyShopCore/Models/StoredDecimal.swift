import FluentKit
import Foundation
import NIOCore
import PostgresNIO
import SQLiteNIO
import SQLKit

/// A `Decimal` column that round-trips exactly on both databases.
///
/// Fluent would encode a bare `Decimal` into SQLite through its `Codable` form (a keyed
/// container), and a `Double` loses cents. So: PostgreSQL gets a real `NUMERIC`, SQLite a
/// `TEXT` holding the plain decimal string.
public struct StoredDecimal: Codable, Sendable, Hashable, ExpressibleByIntegerLiteral {
    public var value: Decimal

    public init(_ value: Decimal) { self.value = value }
    public init(integerLiteral value: Int) { self.value = Decimal(value) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self), let value = Decimal(exactly: text) {
            self.value = value
        } else {
            self.value = try container.decode(Decimal.self)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value.plain)
    }

    /// The column type for a money column: `NUMERIC(precision, 2)` on PostgreSQL, `TEXT` on SQLite
    /// (SQLite's NUMERIC affinity would turn "0.10" into a binary float).
    public static func columnType(on database: any Database, precision: Int = 12) -> DatabaseSchema.DataType {
        if let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" {
            return .custom(SQLRaw("NUMERIC(\(precision),2)"))
        }
        return .string
    }
}

extension StoredDecimal: SQLiteDataConvertible {
    public init?(sqliteData: SQLiteData) {
        switch sqliteData {
        case .text(let text):
            guard let value = Decimal(exactly: text) else { return nil }
            self.value = value
        case .integer(let int):
            self.value = Decimal(int)
        default:
            return nil
        }
    }

    public var sqliteData: SQLiteData? { .text(value.plain) }
}

extension StoredDecimal: PostgresEncodable, PostgresDecodable {
    public static var psqlType: PostgresDataType { Decimal.psqlType }
    public static var psqlFormat: PostgresFormat { Decimal.psqlFormat }

    public func encode<E: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<E>) throws {
        try value.encode(into: &buffer, context: context)
    }

    public init<D: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
        context: PostgresDecodingContext<D>
    ) throws {
        self.value = try Decimal(from: &buffer, type: type, format: format, context: context)
    }
}
