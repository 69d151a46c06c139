/// Flattens a bulk query's result into Shopify's JSONL: one line per node of every
/// connection; nodes of a nested connection become their own lines with `__parentId`
/// (the id of the object they belong to), written after their parent.
enum ShopifyBulkJSONL {
    struct Output {
        var lines: [[UInt8]] = []
        var rootObjects = 0
    }

    static func flatten(_ data: ShopifyJSON) -> Output {
        var output = Output()
        guard case .object(let fields) = data else { return output }
        for (_, value) in fields {
            for node in connectionNodes(value) ?? [] {
                output.rootObjects += 1
                emit(node, parent: nil, into: &output)
            }
        }
        return output
    }

    /// The nodes of a connection-shaped value: `{"edges":[{"node":…}]}` or `{"nodes":[…]}`.
    static func connectionNodes(_ value: ShopifyJSON) -> [ShopifyJSON]? {
        guard case .object(let fields) = value, !fields.isEmpty,
              fields.allSatisfy({ ["edges", "nodes", "pageInfo"].contains($0.0) }) else { return nil }
        if let edges = value["edges"]?.arrayValue { return edges.compactMap { $0["node"] } }
        return value["nodes"]?.arrayValue
    }

    private static func emit(_ node: ShopifyJSON, parent: String?, into output: inout Output) {
        guard case .object(let fields) = node else { return }
        var own: [(String, ShopifyJSON)] = []
        var children: [[ShopifyJSON]] = []
        for (key, value) in fields {
            if let nodes = connectionNodes(value) { children.append(nodes) } else { own.append((key, value)) }
        }
        if let parent { own.append(("__parentId", .string(parent))) }
        var line: [UInt8] = []
        ShopifyJSON.object(own).write(into: &line)
        output.lines.append(line)
        let id = node["id"]?.stringValue
        for group in children {
            for child in group { emit(child, parent: id, into: &output) }
        }
    }
}
