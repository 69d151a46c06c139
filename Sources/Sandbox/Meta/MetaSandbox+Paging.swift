import Foundation
import Vapor

extension MetaSandbox {
    /// Meta's default page size when `limit` is absent, and the largest we serve.
    static let defaultLimit = 25
    static let maximumLimit = 500

    /// Cursor paging: `{"data": […], "paging": {"cursors": {"before", "after"}, "next"}}`,
    /// `next` only when more rows follow (Meta: no `next` means the last page). Cursors are
    /// opaque base64 of the row offset. The `next` URL carries every parameter except
    /// `access_token`, so recordings never hold a token (real Meta includes it).
    func page(_ rows: [[String: Any]], path: String, query: [String: String], trace: String) -> Response {
        let limit = min(max(Int(query["limit"] ?? "") ?? Self.defaultLimit, 1), Self.maximumLimit)
        var start = 0
        if let after = query["after"] {
            guard let offset = Self.offset(fromCursor: after) else {
                return MetaGraphResponses.invalidParameter("Invalid cursor: \(after)", trace: trace)
            }
            start = offset + 1
        }
        let end = min(start + limit, rows.count)
        guard start < end else { return MetaGraphResponses.json(["data": [Any]()]) }
        var paging: [String: Any] = ["cursors": ["before": Self.cursor(start), "after": Self.cursor(end - 1)]]
        if end < rows.count {
            var next = query
            next["access_token"] = nil
            next["after"] = Self.cursor(end - 1)
            let base = context.baseURL?.absoluteString ?? ""
            let encoded = next.keys.sorted().map { "\($0)=\(Self.encode(next[$0]!))" }.joined(separator: "&")
            paging["next"] = "\(base)/\(Self.version)/\(path)?\(encoded)"
        }
        return MetaGraphResponses.json(["data": Array(rows[start..<end]), "paging": paging])
    }

    static func cursor(_ offset: Int) -> String {
        Data("offset:\(offset)".utf8).base64EncodedString()
    }

    static func offset(fromCursor cursor: String) -> Int? {
        guard let data = Data(base64Encoded: cursor) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard text.hasPrefix("offset:"), let offset = Int(text.dropFirst(7)), offset >= 0 else { return nil }
        return offset
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? text
    }
}
