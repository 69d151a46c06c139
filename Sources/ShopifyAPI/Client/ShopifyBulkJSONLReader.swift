import AsyncHTTPClient
import Foundation
import NIOCore

/// Reads a bulk operation's JSONL result as it downloads: one JSON object per line; a line
/// with `__parentId` is a child (a variant, a media image, a collection, a metafield, a stock
/// level) of the object with that id, which came earlier in the file.
///
/// `stream…` hands over each root object once its children have arrived (when the next root
/// begins), so memory holds one product at a time whatever the store's size.
public struct ShopifyBulkJSONLReader: Sendable {
    /// Bulk results can be large; the download itself is not size-limited here.
    static let downloadTimeout: TimeAmount = .minutes(10)

    public init() {}

    /// Products with their variants linked by `__parentId`, in file order (all in memory:
    /// for small stores and tests; the importer uses `streamProducts`).
    public func products(from url: URL) async throws -> [ShopifyAPI.Product] {
        var all: [ShopifyAPI.Product] = []
        try await streamProducts(from: url) { all.append($0) }
        return all
    }

    /// Calls `body` with each product, complete with its children, in file order.
    /// - Throws: `ShopifyError.decoding` if a child names a parent that never came.
    public func streamProducts(from url: URL, _ body: (ShopifyAPI.Product) async throws -> Void) async throws {
        var assembler = ProductAssembler()
        try await lines(from: url) { line in
            if let done = try assembler.add(line) { try await body(done) }
        }
        if let last = assembler.finish() { try await body(last) }
        guard assembler.orphans == 0 else {
            throw ShopifyError.decoding("\(assembler.orphans) bulk lines name a parent that is not in the file (or not right before them)")
        }
    }

    /// Calls `body` with each inventory item and its stock per location (BulkInventoryLevels).
    public func streamInventoryLevels(from url: URL, _ body: (ShopifyAPI.InventoryItemLevels) async throws -> Void) async throws {
        var current: ShopifyAPI.InventoryItemLevels?
        var orphans = 0
        let decoder = ShopifyGraphQLClient.decoder
        try await lines(from: url) { line in
            let kind = try decoder.decode(LineKind.self, from: line)
            if let parent = kind.__parentId {
                guard current?.id == parent else { orphans += 1; return }
                current?.inventoryLevels.nodes.append(try decoder.decode(ShopifyAPI.InventoryLevel.self, from: line))
            } else {
                if let done = current { try await body(done) }
                let item = try decoder.decode(ItemLine.self, from: line)
                current = ShopifyAPI.InventoryItemLevels(id: item.id, sku: item.sku, updatedAt: nil, inventoryLevels: .init(nodes: []))
            }
        }
        if let done = current { try await body(done) }
        guard orphans == 0 else { throw ShopifyError.decoding("\(orphans) bulk stock lines name a parent that is not right before them") }
    }

    struct ItemLine: Decodable { var id: String; var sku: String? }

    /// Calls `body` with each line's bytes as they arrive.
    public func lines(from url: URL, _ body: (Data) async throws -> Void) async throws {
        let request = HTTPClientRequest(url: url.absoluteString)
        let response = try await HTTPClient.shared.execute(request, timeout: Self.downloadTimeout)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw ShopifyError.decoding("bulk result download answered HTTP \(response.status.code)")
        }
        var pending = Data()
        for try await buffer in response.body {
            pending.append(contentsOf: buffer.readableBytesView)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: 10) {
                if newline > start { try await body(Data(pending[start..<newline])) }
                start = pending.index(after: newline)
            }
            pending.removeSubrange(pending.startIndex..<start)
        }
        if !pending.isEmpty { try await body(pending) }
    }

    struct LineKind: Decodable {
        var id: String?
        var __parentId: String?
    }

    /// Builds products from lines: a root line starts a product; child lines (by their id's
    /// type) join the product being built. Shopify writes children after their parent.
    public struct ProductAssembler {
        private var current: ShopifyAPI.Product?
        public private(set) var orphans = 0

        public init() {}

        /// Adds a line; returns the previous product when this line starts a new one.
        public mutating func add(_ line: Data) throws -> ShopifyAPI.Product? {
            let decoder = ShopifyGraphQLClient.decoder
            let kind = try decoder.decode(LineKind.self, from: line)
            guard let parent = kind.__parentId else {
                let product = try decoder.decode(ShopifyAPI.Product.self, from: line)
                defer { current = product }
                return current
            }
            guard current?.id == parent else {
                orphans += 1
                return nil
            }
            let type = kind.id.flatMap(ShopifyID.type) ?? ""
            switch type {
            case "ProductVariant":
                current?.variants.nodes.append(try decoder.decode(ShopifyAPI.Variant.self, from: line))
            case "Collection":
                current?.collections?.nodes.append(try decoder.decode(ShopifyAPI.Collection.self, from: line))
            case "Metafield":
                current?.metafields?.nodes.append(try decoder.decode(ShopifyAPI.Metafield.self, from: line))
            default:
                // Media: images have a MediaImage id; other media come as an empty node.
                current?.media?.nodes.append(try decoder.decode(ShopifyAPI.MediaNode.self, from: line))
            }
            return nil
        }

        public mutating func finish() -> ShopifyAPI.Product? {
            defer { current = nil }
            return current
        }
    }
}
