import Foundation
import GraphQL

/// The Admin GraphQL 2025-01 schema, built from the vendored SDL
/// (`Resources/admin_schema_2025-01.nodesc.graphql`, see Resources/PROVENANCE.md).
///
/// Built once per process: `buildSchema` of the 565 KB SDL takes about 1.4 s in a debug
/// build and 67 MB (STACK-NOTES.md, GraphQL section).
public enum ShopifySchema {
    public static let version = "2025-01"

    private static let loaded: Loaded = {
        do {
            guard let url = Bundle.module.url(forResource: "admin_schema_2025-01.nodesc", withExtension: "graphql", subdirectory: "Resources") else {
                return .failed("admin_schema_2025-01.nodesc.graphql is missing from the Sandbox resources")
            }
            let sdl = try String(contentsOf: url, encoding: .utf8)
            return .built(try buildSchema(source: sdl))
        } catch {
            return .failed("building the Shopify schema failed: \(error)")
        }
    }()

    private enum Loaded: @unchecked Sendable {
        case built(GraphQLSchema)
        case failed(String)
    }

    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The schema; the first call builds it.
    public static func schema() throws -> GraphQLSchema {
        switch loaded {
        case .built(let schema): return schema
        case .failed(let message): throw LoadError(description: message)
        }
    }

    /// Parses and validates `source` against the schema: the document, or the errors in
    /// the shape Shopify answers them (`message`, `locations`, optional `extensions.code`).
    public static func check(_ source: String) throws -> Result<Document, ShopifyGraphQLErrors> {
        let schema = try schema()
        let document: Document
        do {
            document = try parse(source: source)
        } catch let error as GraphQLError {
            return .failure(ShopifyGraphQLErrors([.init(error, code: nil)]))
        }
        let errors = validate(schema: schema, ast: document)
        if !errors.isEmpty {
            return .failure(ShopifyGraphQLErrors(errors.map { .init($0, code: Self.code(for: $0.message)) }))
        }
        return .success(document)
    }

    /// Shopify's own validation codes for the common cases (its GraphQL engine names them
    /// after the rule: `undefinedField`, `argumentNotAccepted`, ...).
    static func code(for message: String) -> String? {
        if message.hasPrefix("Cannot query field") { return "undefinedField" }
        if message.hasPrefix("Unknown argument") { return "argumentNotAccepted" }
        if message.hasPrefix("Unknown type") { return "undefinedType" }
        if message.contains("is never used") { return "variableNotUsed" }
        if message.hasPrefix("Variable") && message.contains("is not defined") { return "variableNotDefined" }
        if message.contains("required") { return "missingRequiredArguments" }
        return nil
    }
}

/// Top-level `errors` as Shopify sends them.
public struct ShopifyGraphQLErrors: Error, Sendable, CustomStringConvertible {
    public struct Entry: Sendable {
        public var message: String
        public var locations: [(line: Int, column: Int)]
        public var extensions: [(String, ShopifyJSON)]

        public init(message: String, locations: [(line: Int, column: Int)] = [], extensions: [(String, ShopifyJSON)] = []) {
            self.message = message
            self.locations = locations
            self.extensions = extensions
        }

        init(_ error: GraphQLError, code: String?) {
            self.message = error.message
            self.locations = error.locations.map { ($0.line, $0.column) }
            self.extensions = code.map { [("code", .string($0))] } ?? []
        }

        var json: ShopifyJSON {
            var fields: [(String, ShopifyJSON)] = [("message", .string(message))]
            if !locations.isEmpty {
                fields.append(("locations", .array(locations.map { .object([("line", .int(Int64($0.line))), ("column", .int(Int64($0.column)))]) })))
            }
            if !extensions.isEmpty { fields.append(("extensions", .object(extensions))) }
            return .object(fields)
        }
    }

    public var entries: [Entry]
    public init(_ entries: [Entry]) { self.entries = entries }

    public var json: ShopifyJSON { .array(entries.map(\.json)) }
    public var description: String { entries.map(\.message).joined(separator: "; ") }
}
