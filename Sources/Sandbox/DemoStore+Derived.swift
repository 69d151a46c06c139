import Foundation

// Facts of a demo product that follow from what `generate` drew, computed on demand so the
// generated store (and its golden test) stays as it is: the collections a merchant would
// have made, and the metafields a merchant would have filled in.
extension DemoStore {
    public struct Collection: Sendable, Equatable {
        public var id: Int64
        public var handle: String
        public var title: String
        public var gid: String { "gid://shopify/Collection/\(id)" }
    }

    public struct Metafield: Sendable, Equatable {
        public var id: Int64
        public var namespace: String
        public var key: String
        public var value: String
        public var gid: String { "gid://shopify/Metafield/\(id)" }
    }

    static let collectionBase: Int64 = 480_000_000_000
    static let metafieldBase: Int64 = 26_000_000_000_000
}

extension DemoStore.Product {
    /// A smart collection per product type, and "Sale" for products tagged `sale`.
    public var collections: [DemoStore.Collection] {
        let typeIndex = Int64(DemoStore.kinds.firstIndex { $0.productType == productType } ?? 0)
        var result = [DemoStore.Collection(id: DemoStore.collectionBase + 1 + typeIndex, handle: productType.lowercased(), title: productType)]
        if tags.contains("sale") {
            result.append(DemoStore.Collection(id: DemoStore.collectionBase + 100, handle: "sale", title: "Sale"))
        }
        return result
    }

    /// `custom.material` and `custom.item_type`, recovered from how the title was drawn.
    public var metafields: [DemoStore.Metafield] {
        guard let kind = DemoStore.kinds.first(where: { $0.productType == productType }),
              let item = kind.items.filter({ title.hasSuffix($0.noun) }).max(by: { $0.noun.count < $1.noun.count })
        else { return [] }
        let base = DemoStore.metafieldBase + (id - 8_000_000_000_000) * 4
        var fields = [DemoStore.Metafield(id: base + 1, namespace: "custom", key: "item_type", value: item.noun)]
        if let material = item.descriptors.filter({ title.contains($0) }).max(by: { $0.count < $1.count }) {
            fields.append(DemoStore.Metafield(id: base + 2, namespace: "custom", key: "material", value: material))
        }
        return fields
    }
}

extension DemoStore {
    /// The same store with exactly `count` variants per product (a "Size" option of S, M, L,
    /// XL…), for benchmarks that need a known shape ("1,000 products × 3 variants"). Prices,
    /// stock and everything else of a product come from its first variant; ids stay unique.
    public func withVariants(_ count: Int) -> DemoStore {
        precondition((1...6).contains(count), "1 to 6 variants per product")
        let sizes = ["S", "M", "L", "XL", "XXL", "XS"]
        var copy = self
        var serial: Int64 = 0
        for p in copy.products.indices {
            let product = copy.products[p]
            guard let base = product.variants.first else { continue }
            var variants: [Variant] = []
            for index in 0..<count {
                serial += 1
                var variant = base
                let size = sizes[index]
                variant.id = Anchor.variantID + serial
                variant.inventoryItemID = Anchor.inventoryItemID + serial
                variant.position = index + 1
                variant.sku = count == 1 ? String(base.sku.prefix(9)) : "\(base.sku.prefix(9))-\(size)"
                variant.title = count == 1 ? "Default Title" : size
                variant.selectedOptions = count == 1 ? [SelectedOption(name: "Title", value: "Default Title")] : [SelectedOption(name: "Size", value: size)]
                variant.barcode = nil
                variants.append(variant)
            }
            copy.products[p].variants = variants
            copy.products[p].options = count == 1 ? [Option(name: "Title", position: 1, values: ["Default Title"])]
                : [Option(name: "Size", position: 1, values: Array(sizes.prefix(count)))]
        }
        return copy
    }
}
