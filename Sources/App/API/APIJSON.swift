import Foundation
import ShoppyShopCore
import Vapor

/// How the API writes JSON: sorted keys and ISO 8601 dates, so answers are stable to diff.
enum APIJSON {
    static func response(_ value: some Encodable, status: HTTPResponseStatus = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(data: try encoder.encode(value)))
    }
}

/// Money on the wire: the amount as a decimal string, so no client parses it as a float.
struct MoneyDTO: Codable {
    var amount: String
    var currency: String

    init(_ amount: Decimal, _ currency: String) {
        self.amount = amount.plain
        self.currency = currency
    }
}

/// `page` (from 1) and `per_page` (1…200) of a list endpoint.
struct PageQuery {
    static let maxPerPage = 200
    static let defaultPerPage = 50

    var page: Int
    var perPage: Int

    init(_ req: Request) throws {
        page = try Self.int(req, "page") ?? 1
        perPage = try Self.int(req, "per_page") ?? Self.defaultPerPage
        guard page >= 1 else { throw APIError.invalid("page must be 1 or more") }
        guard (1...Self.maxPerPage).contains(perPage) else { throw APIError.invalid("per_page must be between 1 and \(Self.maxPerPage)") }
    }

    var offset: Int { (page - 1) * perPage }

    static func int(_ req: Request, _ name: String) throws -> Int? {
        guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw APIError.invalid("\(name) must be a whole number, not \"\(text)\"") }
        return value
    }
}

/// One page of a list and where it sits in the whole.
struct PageDTO<Item: Encodable>: Encodable {
    struct Metadata: Encodable {
        var page: Int
        var perPage: Int
        var total: Int
    }

    var items: [Item]
    var metadata: Metadata

    init(_ items: [Item], _ query: PageQuery, total: Int) {
        self.items = items
        self.metadata = Metadata(page: query.page, perPage: query.perPage, total: total)
    }
}
