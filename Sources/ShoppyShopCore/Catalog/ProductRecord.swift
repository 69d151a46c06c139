import Foundation
import ShopifyAPI

/// A product as any Shopify source gives it (a bulk export line, a page, a webhook), in the
/// mirror's terms. Nil collections or metafields: the source does not carry them (webhooks),
/// so the mirror keeps what it has.
public struct ProductRecord: Sendable, Hashable {
    public struct Variant: Sendable, Hashable {
        public var shopifyID: Int64
        public var sku: String?
        public var title: String
        public var price: Decimal
        public var barcode: String?
        public var position: Int
        public var options: [SelectedOptionValue]
        public var inventoryItemID: Int64?
        /// Over all locations (Shopify's `inventoryQuantity`).
        public var inventoryQuantity: Int
    }

    public var shopifyID: Int64
    public var handle: String?
    public var title: String
    public var descriptionHTML: String
    public var productType: String?
    public var vendor: String?
    public var tags: [String]
    /// ACTIVE, DRAFT or ARCHIVED (DELETED is the mirror's own).
    public var status: String
    public var updatedAt: Date?
    public var collections: [CollectionRef]?
    public var metafields: [MetafieldValue]?
    public var images: [String]
    public var optionNames: [String]
    public var variants: [Variant]
}

extension ProductRecord {
    /// From the Admin GraphQL API (pages and bulk exports).
    public init(_ product: ShopifyAPI.Product) {
        self.init(
            shopifyID: product.number, handle: product.handle, title: product.title, descriptionHTML: product.descriptionHtml,
            productType: product.productType.isEmpty ? nil : product.productType, vendor: product.vendor.isEmpty ? nil : product.vendor,
            tags: product.tags, status: product.status.uppercased(), updatedAt: product.updatedAt,
            collections: product.collections?.nodes.map { CollectionRef(handle: $0.handle, title: $0.title) },
            metafields: product.metafields?.nodes.map { MetafieldValue(namespace: $0.namespace, key: $0.key, value: $0.value) },
            images: product.images.map(\.url),
            optionNames: (product.options ?? []).sorted { $0.position < $1.position }.map(\.name),
            variants: product.variants.nodes.sorted { $0.position < $1.position }.map { variant in
                Variant(
                    shopifyID: variant.number, sku: variant.sku?.nonEmpty, title: variant.title, price: variant.price.value,
                    barcode: variant.barcode?.nonEmpty, position: variant.position,
                    options: (variant.selectedOptions ?? []).map { SelectedOptionValue(name: $0.name, value: $0.value) },
                    inventoryItemID: variant.inventoryItem.number, inventoryQuantity: variant.inventoryQuantity ?? 0)
            })
    }

    /// From a `products/create` or `products/update` webhook (REST shapes).
    public init(webhook payload: ShopifyWebhook.Product) {
        let options = payload.options.sorted { ($0.position ?? 0) < ($1.position ?? 0) }.map(\.name)
        let variants = payload.variants.enumerated().sorted { ($0.element.position ?? $0.offset) < ($1.element.position ?? $1.offset) }
        self.init(
            shopifyID: payload.id, handle: payload.handle, title: payload.title, descriptionHTML: payload.bodyHTML ?? "",
            productType: payload.productType?.nonEmpty, vendor: payload.vendor?.nonEmpty, tags: payload.tags,
            status: (payload.status ?? "active").uppercased(), updatedAt: payload.updatedAt.flatMap(ShopifyDates.parse),
            collections: nil, metafields: nil, images: payload.images.map(\.src), optionNames: options,
            variants: variants.map { index, variant in
                Variant(
                    shopifyID: variant.id, sku: variant.sku?.nonEmpty, title: variant.title, price: variant.price.value,
                    barcode: variant.barcode?.nonEmpty, position: variant.position ?? index + 1,
                    options: zip(options, variant.optionValues).compactMap { name, value in value.map { SelectedOptionValue(name: name, value: $0) } },
                    inventoryItemID: variant.inventoryItemID, inventoryQuantity: variant.inventoryQuantity ?? 0)
            })
    }
}
