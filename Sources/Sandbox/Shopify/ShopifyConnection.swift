import Foundation

/// Relay connections as Shopify pages them: `first`/`after` or `last`/`before`, at most 250
/// per page, opaque cursors. In a bulk operation (`unbounded`) a connection returns
/// everything and needs no `first`.
enum ShopifyConnection {
    static let maximumPageSize = 250

    /// One element of a connection. The node is built only if it lands on the page asked
    /// for: building every product of a 10,000-product store for each 20-product page made
    /// a paged read quadratic (found by Benchmarks/ShopifyBench).
    struct Item {
        var cursorKey: Int64
        private let makeNode: () -> any GraphQLNode

        init(cursorKey: Int64, node: @autoclosure @escaping () -> any GraphQLNode) {
            self.cursorKey = cursorKey
            self.makeNode = node
        }

        var node: any GraphQLNode { makeNode() }
    }

    static func cursor(_ key: Int64) -> String {
        Data(#"{"last_id":\#(key)}"#.utf8).base64EncodedString()
    }

    static func key(fromCursor cursor: String) throws -> Int64 {
        guard let data = Data(base64Encoded: cursor),
              let text = String(data: data, encoding: .utf8),
              let digits = text.split(separator: ":").last?.filter(\.isNumber),
              let key = Int64(digits) else {
            throw ExecutionError(message: "Invalid cursor for current pagination sort.", code: "BAD_REQUEST")
        }
        return key
    }

    /// Pages `items` (ordered by `cursorKey`) as the connection `typeName`.
    static func page(_ items: [Item], args: [String: ShopifyJSON], typeName: String, unbounded: Bool) throws -> Resolved {
        let first = args["first"]?.intValue
        let last = args["last"]?.intValue
        if !unbounded {
            guard first != nil || last != nil else {
                throw ExecutionError(message: "you must provide one of first or last", code: "BAD_REQUEST")
            }
            if let count = first ?? last, count > maximumPageSize {
                throw ExecutionError(
                    message: "\(first != nil ? "first" : "last") cannot exceed \(maximumPageSize). To query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n",
                    code: "BAD_REQUEST")
            }
        }
        var window = items[...]
        if let after = args["after"]?.stringValue {
            let key = try key(fromCursor: after)
            window = window.drop { $0.cursorKey <= key }
        }
        if let before = args["before"]?.stringValue {
            let key = try key(fromCursor: before)
            window = window.prefix { $0.cursorKey < key }
        }
        let all = window
        if args["reverse"]?.boolValue == true { window = ArraySlice(window.reversed()) }
        var hasNext = false
        var hasPrevious = false
        if !unbounded, let first {
            hasNext = window.count > Int(first)
            window = window.prefix(Int(max(first, 0)))
            hasPrevious = all.startIndex > items.startIndex
        } else if !unbounded, let last {
            hasPrevious = window.count > Int(last)
            window = window.suffix(Int(max(last, 0)))
        }
        let page = Array(window)
        var connection = Obj(typeName, costWeight: 2)
        let pageInfo = Obj("PageInfo", costWeight: 0, [
            "hasNextPage": .value(.bool(hasNext)),
            "hasPreviousPage": .value(.bool(hasPrevious)),
            "startCursor": page.first.map { .value(.string(cursor($0.cursorKey))) } ?? .null,
            "endCursor": page.last.map { .value(.string(cursor($0.cursorKey))) } ?? .null,
        ])
        connection.values["pageInfo"] = .object(pageInfo)
        let nodes = page.map(\.node)
        connection.values["nodes"] = .objects(nodes)
        let edgeType = typeName.replacingOccurrences(of: "Connection", with: "Edge")
        connection.values["edges"] = .objects(zip(page, nodes).map { item, node in
            Obj(edgeType, costWeight: 0, ["node": .object(node), "cursor": .value(.string(cursor(item.cursorKey)))])
        })
        return .object(connection)
    }
}
