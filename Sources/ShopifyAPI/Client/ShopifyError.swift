import Foundation
import IntegrationKit

/// One entry of a GraphQL response's top-level `errors`.
public struct ShopifyGraphQLError: Sendable, Equatable, Decodable, CustomStringConvertible {
    public var message: String
    /// `extensions.code`, e.g. `THROTTLED`, `MAX_COST_EXCEEDED`, `undefinedField`.
    public var code: String?
    public var path: [String]

    enum CodingKeys: String, CodingKey { case message, extensions, path }
    struct Extensions: Decodable { var code: String? }

    public init(message: String, code: String? = nil, path: [String] = []) {
        self.message = message
        self.code = code
        self.path = path
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        message = try container.decode(String.self, forKey: .message)
        code = try container.decodeIfPresent(Extensions.self, forKey: .extensions)?.code
        path = (try? container.decodeIfPresent([PathElement].self, forKey: .path))?.map(\.text) ?? []
    }

    /// Paths mix field names and list indexes.
    struct PathElement: Decodable {
        var text: String
        init(from decoder: any Decoder) throws {
            let single = try decoder.singleValueContainer()
            if let int = try? single.decode(Int.self) { text = String(int) } else { text = try single.decode(String.self) }
        }
    }

    public var description: String { code.map { "\(message) [\($0)]" } ?? message }
}

/// One entry of a mutation's `userErrors`: Shopify refused the input.
public struct ShopifyUserError: Sendable, Equatable, Decodable, CustomStringConvertible {
    /// The path of the input field, e.g. `["input", "quantities", "0", "compareQuantity"]`.
    public var field: [String]
    public var message: String
    /// The mutation's own error code enum, where it has one (e.g. `COMPARE_QUANTITY_STALE`).
    public var code: String?

    public init(field: [String], message: String, code: String? = nil) {
        self.field = field
        self.message = message
        self.code = code
    }

    enum CodingKeys: String, CodingKey { case field, message, code }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        field = try container.decodeIfPresent([String].self, forKey: .field) ?? []
        message = try container.decode(String.self, forKey: .message)
        code = try container.decodeIfPresent(String.self, forKey: .code)
    }

    public var description: String {
        (field.isEmpty ? "" : field.joined(separator: ".") + ": ") + message + (code.map { " [\($0)]" } ?? "")
    }
}

/// What a Shopify call can fail with, with Shopify's own messages.
public enum ShopifyError: Error, Sendable, CustomStringConvertible {
    /// Top-level `errors`: the document or its variables were refused, or execution failed.
    case graphQL(operation: String, [ShopifyGraphQLError])
    /// The mutation ran and refused the input.
    case userErrors(operation: String, [ShopifyUserError])
    /// 401: the access token is missing, wrong or revoked. Never retried.
    case unauthorized(String)
    /// 403: the token lacks a scope the operation needs. Never retried.
    case forbidden(String)
    /// 404: wrong store domain or API version. Never retried.
    case notFound(String)
    /// THROTTLED kept coming back beyond any reasonable wait (a shop-wide limit, say).
    case throttled(operation: String, attempts: Int)
    /// Transport, 5xx after retries, or another HTTP status.
    case transport(IntegrationError)
    /// The answer was not what the document asks for.
    case decoding(String)
    /// A bulk operation ended without a result.
    case bulkOperation(status: String, errorCode: String?)

    public var description: String {
        switch self {
        case .graphQL(let operation, let errors): "Shopify \(operation): \(errors.map(\.description).joined(separator: "; "))"
        case .userErrors(let operation, let errors): "Shopify \(operation) refused the input: \(errors.map(\.description).joined(separator: "; "))"
        case .unauthorized(let message): "Shopify refused the access token (401): \(message)"
        case .forbidden(let message): "Shopify denied access (403): \(message)"
        case .notFound(let message): "Shopify endpoint not found (404): \(message)"
        case .throttled(let operation, let attempts): "Shopify \(operation) still throttled after \(attempts) attempts"
        case .transport(let error): "Shopify: \(error)"
        case .decoding(let message): "Shopify answer not understood: \(message)"
        case .bulkOperation(let status, let code): "Shopify bulk operation ended \(status)\(code.map { " (\($0))" } ?? "")"
        }
    }

    /// The user errors with one of these codes, if this is a `userErrors` failure.
    public var userErrorCodes: [String] {
        if case .userErrors(_, let errors) = self { return errors.compactMap(\.code) }
        return []
    }
}
