import Foundation

extension ShopifyAPI {
    public struct Shop: Sendable, Decodable, Equatable {
        public struct Plan: Sendable, Decodable, Equatable {
            public var displayName: String
            public var shopifyPlus: Bool
        }
        public var id: String
        public var name: String
        public var myshopifyDomain: String
        public var currencyCode: String
        public var ianaTimezone: String
        public var plan: Plan
    }

    public struct Nodes<Node: Decodable & Sendable>: Decodable, Sendable {
        public var nodes: [Node]
        public init(nodes: [Node]) { self.nodes = nodes }
    }

    public struct PageInfo: Decodable, Sendable, Equatable {
        public var hasNextPage: Bool
        public var endCursor: String?
    }

    public struct Page<Node: Decodable & Sendable>: Decodable, Sendable {
        public var pageInfo: PageInfo
        public var nodes: [Node]
    }

    public struct ProductOption: Decodable, Sendable, Equatable {
        public var name: String
        public var position: Int
        public var values: [String]
    }

    public struct Image: Decodable, Sendable, Equatable {
        public var id: String?
        public var url: String
        public var altText: String?
        public var width: Int?
        public var height: Int?
    }

    public struct SelectedOption: Decodable, Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public struct Reference: Decodable, Sendable, Equatable, Hashable {
        public var id: String
        public var number: Int64? { ShopifyID.number(id) }
    }

    public struct Variant: Decodable, Sendable, Equatable {
        public var id: String
        public var legacyResourceId: String
        public var title: String
        public var sku: String?
        public var position: Int
        public var price: ShopifyDecimal
        public var compareAtPrice: ShopifyDecimal?
        public var barcode: String?
        public var inventoryQuantity: Int?
        public var selectedOptions: [SelectedOption]?
        public var inventoryItem: Reference
        /// Set on variants read from a bulk operation's JSONL: the product's id.
        public var parentID: String?

        enum CodingKeys: String, CodingKey {
            case id, legacyResourceId, title, sku, position, price, compareAtPrice, barcode, inventoryQuantity, selectedOptions, inventoryItem
            case parentID = "__parentId"
        }

        public var number: Int64 { Int64(legacyResourceId) ?? ShopifyID.number(id) ?? 0 }
    }

    /// One node of `Product.media`: a `MediaImage` has `id` and `image`; other media
    /// (videos, 3D models) match no fragment and arrive as an empty object.
    public struct MediaNode: Decodable, Sendable, Equatable {
        public var id: String?
        public var image: Image?
        /// Set on media read from a bulk operation's JSONL: the product's id.
        public var parentID: String?

        enum CodingKeys: String, CodingKey {
            case id, image
            case parentID = "__parentId"
        }
    }

    public struct Collection: Decodable, Sendable, Equatable {
        public var handle: String
        public var title: String
    }

    public struct Metafield: Decodable, Sendable, Equatable {
        public var namespace: String
        public var key: String
        public var value: String
    }

    public struct Product: Decodable, Sendable {
        public struct Variants: Decodable, Sendable {
            public var pageInfo: PageInfo?
            public var nodes: [Variant]
        }
        public var id: String
        public var legacyResourceId: String
        public var handle: String
        public var title: String
        public var descriptionHtml: String
        public var productType: String
        public var vendor: String
        public var tags: [String]
        /// `ProductStatus`: ACTIVE, DRAFT or ARCHIVED.
        public var status: String
        public var createdAt: Date?
        public var updatedAt: Date
        public var options: [ProductOption]?
        public var media: Nodes<MediaNode>?
        public var collections: Nodes<Collection>?
        public var metafields: Nodes<Metafield>?
        /// Every variant: from a page, completed by ProductVariantsPage when it had more than
        /// fit; from a bulk operation, the JSONL's child lines.
        public var variants: Variants

        public var number: Int64 { Int64(legacyResourceId) ?? ShopifyID.number(id) ?? 0 }

        /// The product's images, from its media, in order.
        public var images: [Image] { media?.nodes.compactMap(\.image) ?? [] }

        enum CodingKeys: String, CodingKey {
            case id, legacyResourceId, handle, title, descriptionHtml, productType, vendor, tags, status, createdAt, updatedAt, options
            case media, collections, metafields, variants
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            legacyResourceId = try c.decode(String.self, forKey: .legacyResourceId)
            handle = try c.decode(String.self, forKey: .handle)
            title = try c.decode(String.self, forKey: .title)
            descriptionHtml = try c.decode(String.self, forKey: .descriptionHtml)
            productType = try c.decode(String.self, forKey: .productType)
            vendor = try c.decode(String.self, forKey: .vendor)
            tags = try c.decode([String].self, forKey: .tags)
            status = try c.decode(String.self, forKey: .status)
            createdAt = try c.decodeIfPresent(Date.self, forKey: .createdAt)
            updatedAt = try c.decode(Date.self, forKey: .updatedAt)
            options = try c.decodeIfPresent([ProductOption].self, forKey: .options)
            // Bulk JSONL lines carry no connections: their nodes arrive as child lines.
            media = try c.decodeIfPresent(Nodes<MediaNode>.self, forKey: .media) ?? Nodes(nodes: [])
            collections = try c.decodeIfPresent(Nodes<Collection>.self, forKey: .collections) ?? Nodes(nodes: [])
            metafields = try c.decodeIfPresent(Nodes<Metafield>.self, forKey: .metafields) ?? Nodes(nodes: [])
            variants = try c.decodeIfPresent(Variants.self, forKey: .variants) ?? Variants(pageInfo: nil, nodes: [])
        }
    }

    public struct ProductsPage: Sendable {
        public var products: [Product]
        public var pageInfo: PageInfo
    }

    public struct Location: Decodable, Sendable, Equatable {
        public struct Address: Decodable, Sendable, Equatable {
            public var city: String?
            public var countryCode: String?
        }
        public var id: String
        public var legacyResourceId: String
        public var name: String
        public var isActive: Bool
        public var address: Address?
    }

    public struct InventoryLevel: Decodable, Sendable, Equatable {
        public struct Quantity: Decodable, Sendable, Equatable {
            public var name: String
            public var quantity: Int
        }
        public var id: String
        public var location: Reference
        public var quantities: [Quantity]
        public func quantity(_ name: String) -> Int? { quantities.first { $0.name == name }?.quantity }
    }

    public struct InventoryItemLevels: Decodable, Sendable {
        public var id: String
        public var sku: String?
        public var updatedAt: Date?
        public var inventoryLevels: Nodes<InventoryLevel>

        public var number: Int64? { ShopifyID.number(id) }
    }
}
