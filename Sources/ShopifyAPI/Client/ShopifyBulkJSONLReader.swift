import AsyncHTTPClient
import Foundation
import NIOCore

/// Reads a bulk operation's JSONL result as it downloads: one JSON object per line; a line
/// with `__parentId` is a child (here a variant) of the object with that id, which came
/// earlier in the file. Memory holds the products, never the whole file.
public struct ShopifyBulkJSONLReader: Sendable {
    /// Bulk results can be large; the download itself is not size-limited here.
    static let downloadTimeout: TimeAmount = .minutes(10)

    public init() {}

    /// Products with their variants linked by `__parentId`, in file order.
    public func products(from url: URL) async throws -> [ShopifyAPI.Product] {
        var linker = Linker()
        try await lines(from: url) { try linker.add($0) }
        return try linker.finish()
    }

    /// Calls `body` with each line's bytes as they arrive.
    public func lines(from url: URL, _ body: (Data) throws -> Void) async throws {
        let request = HTTPClientRequest(url: url.absoluteString)
        let response = try await HTTPClient.shared.execute(request, timeout: Self.downloadTimeout)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw ShopifyError.decoding("bulk result download answered HTTP \(response.status.code)")
        }
        var pending = Data()
        for try await buffer in response.body {
            pending.append(contentsOf: buffer.readableBytesView)
            while let newline = pending.firstIndex(of: 10) {
                let line = pending[pending.startIndex..<newline]
                if !line.isEmpty { try body(Data(line)) }
                pending.removeSubrange(pending.startIndex...newline)
            }
        }
        if !pending.isEmpty { try body(pending) }
    }

    /// Links child lines to their parents.
    public struct Linker {
        private var products: [ShopifyAPI.Product] = []
        private var index: [String: Int] = [:]
        private var orphans = 0

        public init() {}

        struct Kind: Decodable {
            var id: String?
            var __parentId: String?
        }

        public mutating func add(_ line: Data) throws {
            let decoder = ShopifyGraphQLClient.decoder
            let kind = try decoder.decode(Kind.self, from: line)
            if let parent = kind.__parentId {
                guard let position = index[parent] else {
                    orphans += 1
                    return
                }
                products[position].variants.nodes.append(try decoder.decode(ShopifyAPI.Variant.self, from: line))
            } else {
                let product = try decoder.decode(ShopifyAPI.Product.self, from: line)
                index[product.id] = products.count
                products.append(product)
            }
        }

        public func finish() throws -> [ShopifyAPI.Product] {
            guard orphans == 0 else { throw ShopifyError.decoding("\(orphans) bulk lines name a parent that is not in the file") }
            return products
        }
    }
}
