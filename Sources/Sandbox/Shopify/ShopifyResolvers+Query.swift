import Foundation

/// The read side of the stand-in: QueryRoot and the objects it reaches, built from the
/// store state. `unbounded` is set while a bulk operation runs (connections return all).
struct ShopifyResolvers {
    let state: ShopifyStoreState
    let unbounded: Bool
    let baseURL: URL?

    func queryRoot() -> Obj {
        var root = Obj("QueryRoot")
        root.values["shop"] = .object(shop())
        root.computed["products"] = { args in
            let filter = try ProductSearch(args["query"]?.stringValue)
            let items = state.products.filter(filter.matches).map { ShopifyConnection.Item(cursorKey: $0.id, node: product($0)) }
            return try ShopifyConnection.page(items, args: args, typeName: "ProductConnection", unbounded: unbounded)
        }
        root.computed["product"] = { args in
            guard let id = ShopifyGID.id(args["id"], type: "Product"), let index = state.productIndex[id] else { return .null }
            return .object(product(state.products[index]))
        }
        root.computed["productVariant"] = { args in
            guard let id = ShopifyGID.id(args["id"], type: "ProductVariant"), let (p, v) = state.variantIndex[id] else { return .null }
            return .object(variant(state.products[p].variants[v], of: state.products[p]))
        }
        root.computed["locations"] = { args in
            let items = state.locations.map { ShopifyConnection.Item(cursorKey: $0.id, node: location($0)) }
            return try ShopifyConnection.page(items, args: args, typeName: "LocationConnection", unbounded: unbounded)
        }
        root.computed["location"] = { args in
            guard let id = ShopifyGID.id(args["id"], type: "Location"), let found = state.location(id: id) else { return .null }
            return .object(location(found))
        }
        root.computed["inventoryItem"] = { args in
            guard let id = ShopifyGID.id(args["id"], type: "InventoryItem"), let (p, v) = state.itemLocation(id) else { return .null }
            return .object(inventoryItem(v, of: p))
        }
        root.computed["inventoryItems"] = { args in
            let terms = SearchTerm.parse(args["query"]?.stringValue)
            var items: [ShopifyConnection.Item] = []
            for product in state.products {
                for variant in product.variants {
                    let updated = state.itemUpdated(variant.inventoryItemID, of: product)
                    let keep = terms.allSatisfy { term in
                        switch term.field {
                        case "updated_at": term.compare(updated)
                        case "created_at": term.compare(product.createdAt)
                        case "sku": variant.sku == term.value
                        default: true
                        }
                    }
                    if keep { items.append(ShopifyConnection.Item(cursorKey: variant.inventoryItemID, node: inventoryItem(variant, of: product))) }
                }
            }
            items.sort { $0.cursorKey < $1.cursorKey }
            return try ShopifyConnection.page(items, args: args, typeName: "InventoryItemConnection", unbounded: unbounded)
        }
        root.computed["orders"] = { args in
            let filter = OrderSearch(args["query"]?.stringValue)
            let items = state.orders.filter(filter.matches).map { ShopifyConnection.Item(cursorKey: $0.id, node: order($0)) }
            return try ShopifyConnection.page(items, args: args, typeName: "OrderConnection", unbounded: unbounded)
        }
        root.computed["order"] = { args in
            guard let id = ShopifyGID.id(args["id"], type: "Order"), let found = state.orders.first(where: { $0.id == id }) else { return .null }
            return .object(order(found))
        }
        root.computed["currentBulkOperation"] = { _ in
            state.bulkOperations.values.max { $0.id < $1.id }.map { .object(bulkOperation($0)) } ?? .null
        }
        root.computed["node"] = { args in try node(args["id"]?.stringValue ?? "") }
        return root
    }

    func node(_ gid: String) throws -> Resolved {
        guard let (type, id) = ShopifyGID.parse(gid) else {
            throw ExecutionError(message: "Invalid global id '\(gid)'", code: "argumentLiteralsIncompatible")
        }
        switch type {
        case "Product": return state.productIndex[id].map { .object(product(state.products[$0])) } ?? .null
        case "ProductVariant": return state.variantIndex[id].map { .object(variant(state.products[$0.0].variants[$0.1], of: state.products[$0.0])) } ?? .null
        case "InventoryItem": return state.itemLocation(id).map { .object(inventoryItem($0.1, of: $0.0)) } ?? .null
        case "Location": return state.location(id: id).map { .object(location($0)) } ?? .null
        case "Order": return state.orders.first { $0.id == id }.map { .object(order($0)) } ?? .null
        case "BulkOperation": return state.bulkOperations[id].map { .object(bulkOperation($0)) } ?? .null
        default: return .null
        }
    }

    func shop() -> Obj {
        let shop = state.shop
        return Obj("Shop", [
            "id": .value(.string(shop.gid)),
            "name": .value(.string(shop.name)),
            "email": .value(.string(shop.email)),
            "myshopifyDomain": .value(.string(shop.domain)),
            "currencyCode": .value(.string(shop.currencyCode)),
            "ianaTimezone": .value(.string(shop.timeZone)),
            "weightUnit": .value(.string(shop.weightUnit.rawValue)),
            "plan": .object(Obj("ShopPlan", [
                "displayName": .value(.string(shop.plan.rawValue)),
                "shopifyPlus": .value(.bool(shop.plan == .plus)),
                "partnerDevelopment": .value(.bool(false)),
            ])),
        ])
    }

    func product(_ product: DemoStore.Product) -> Obj {
        var node = Obj("Product", [
            "id": .value(.string(product.gid)),
            "legacyResourceId": .value(.string(String(product.id))),
            "handle": .value(.string(product.handle)),
            "title": .value(.string(product.title)),
            "description": .value(.string(product.description)),
            "descriptionHtml": .value(.string(product.descriptionHTML)),
            "productType": .value(.string(product.productType)),
            "vendor": .value(.string(product.vendor)),
            "tags": .value(.array(product.tags.map(ShopifyJSON.string))),
            "status": .value(.string(product.status.rawValue)),
            "createdAt": .value(.string(ShopifyDate.string(product.createdAt))),
            "updatedAt": .value(.string(ShopifyDate.string(product.updatedAt))),
            "totalInventory": .value(.int(Int64(product.variants.reduce(0) { $0 + $1.inventoryQuantity }))),
            "options": .objects(product.options.map { option in
                Obj("ProductOption", [
                    "name": .value(.string(option.name)),
                    "position": .value(.int(Int64(option.position))),
                    "values": .value(.array(option.values.map(ShopifyJSON.string))),
                ])
            }),
        ])
        node.computed["images"] = { args in
            let items = product.images.map { image in
                ShopifyConnection.Item(cursorKey: image.id, node: Obj("Image", [
                    "id": .value(.string("gid://shopify/ProductImage/\(image.id)")),
                    "url": .value(.string(image.url)),
                    "altText": .value(.string(image.altText)),
                    "width": .value(.int(Int64(image.width))),
                    "height": .value(.int(Int64(image.height))),
                ]))
            }
            return try ShopifyConnection.page(items, args: args, typeName: "ImageConnection", unbounded: unbounded)
        }
        node.computed["media"] = { args in
            let items = product.images.map { image in
                ShopifyConnection.Item(cursorKey: image.id, node: Obj("MediaImage", [
                    "id": .value(.string(image.gid)),
                    "alt": .value(.string(image.altText)),
                    "mediaContentType": .value(.string("IMAGE")),
                    "status": .value(.string("READY")),
                    "image": .object(Obj("Image", [
                        "url": .value(.string(image.url)),
                        "altText": .value(.string(image.altText)),
                        "width": .value(.int(Int64(image.width))),
                        "height": .value(.int(Int64(image.height))),
                    ])),
                ]))
            }
            return try ShopifyConnection.page(items, args: args, typeName: "MediaConnection", unbounded: unbounded)
        }
        node.computed["collections"] = { args in
            let items = product.collections.map { collection in
                ShopifyConnection.Item(cursorKey: collection.id, node: Obj("Collection", [
                    "id": .value(.string(collection.gid)),
                    "handle": .value(.string(collection.handle)),
                    "title": .value(.string(collection.title)),
                ]))
            }
            return try ShopifyConnection.page(items, args: args, typeName: "CollectionConnection", unbounded: unbounded)
        }
        node.computed["metafields"] = { args in
            let namespace = args["namespace"]?.stringValue
            let items = product.metafields.filter { namespace == nil || $0.namespace == namespace }.map { field in
                ShopifyConnection.Item(cursorKey: field.id, node: Obj("Metafield", [
                    "id": .value(.string(field.gid)),
                    "namespace": .value(.string(field.namespace)),
                    "key": .value(.string(field.key)),
                    "value": .value(.string(field.value)),
                    "type": .value(.string("single_line_text_field")),
                ]))
            }
            return try ShopifyConnection.page(items, args: args, typeName: "MetafieldConnection", unbounded: unbounded)
        }
        node.computed["variants"] = { args in
            let items = product.variants.map { ShopifyConnection.Item(cursorKey: $0.id, node: variant($0, of: product)) }
            return try ShopifyConnection.page(items, args: args, typeName: "ProductVariantConnection", unbounded: unbounded)
        }
        return node
    }

    func variant(_ variant: DemoStore.Variant, of product: DemoStore.Product) -> Obj {
        var node = Obj("ProductVariant", [
            "id": .value(.string(variant.gid)),
            "legacyResourceId": .value(.string(String(variant.id))),
            "title": .value(.string(variant.title)),
            "displayName": .value(.string("\(product.title) - \(variant.title)")),
            "sku": .value(.string(variant.sku)),
            "position": .value(.int(Int64(variant.position))),
            "price": .value(.string(variant.price.shopifyString)),
            "compareAtPrice": variant.compareAtPrice.map { .value(.string($0.shopifyString)) } ?? .null,
            "barcode": variant.barcode.map { .value(.string($0)) } ?? .null,
            "inventoryQuantity": .value(.int(Int64(variant.inventoryQuantity))),
            "selectedOptions": .objects(variant.selectedOptions.map {
                Obj("SelectedOption", ["name": .value(.string($0.name)), "value": .value(.string($0.value))])
            }),
        ])
        node.computed["inventoryItem"] = { _ in .object(inventoryItem(variant, of: product)) }
        node.computed["product"] = { _ in .object(self.product(product)) }
        return node
    }

    func inventoryItem(_ variant: DemoStore.Variant, of product: DemoStore.Product) -> Obj {
        var node = Obj("InventoryItem", [
            "id": .value(.string(variant.inventoryItemGID)),
            "legacyResourceId": .value(.string(String(variant.inventoryItemID))),
            "sku": .value(.string(variant.sku)),
            "tracked": .value(.bool(true)),
            "updatedAt": .value(.string(ShopifyDate.string(state.itemUpdated(variant.inventoryItemID, of: product)))),
            "createdAt": .value(.string(ShopifyDate.string(product.createdAt))),
        ])
        let levels = variant.inventoryLevels.map { level in
            ShopifyConnection.Item(cursorKey: level.locationID, node: inventoryLevel(level, item: variant.inventoryItemID))
        }
        node.computed["inventoryLevels"] = { args in
            try ShopifyConnection.page(levels, args: args, typeName: "InventoryLevelConnection", unbounded: unbounded)
        }
        node.computed["variant"] = { _ in .object(self.variant(variant, of: product)) }
        return node
    }

    func inventoryLevel(_ level: DemoStore.InventoryLevel, item: Int64) -> Obj {
        var node = Obj("InventoryLevel", [
            "id": .value(.string("gid://shopify/InventoryLevel/\(level.locationID)?inventory_item_id=\(item)")),
        ])
        node.computed["location"] = { _ in state.location(id: level.locationID).map { .object(location($0)) } ?? .null }
        node.computed["quantities"] = { args in
            // The demo store keeps no committed or incoming stock, so on_hand equals available.
            let names = args["names"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return .objects(names.map { name in
                let quantity = ["available", "on_hand"].contains(name) ? level.available : 0
                return Obj("InventoryQuantity", [
                    "id": .value(.string("gid://shopify/InventoryQuantity/\(level.locationID)?inventory_item_id=\(item)&name=\(name)")),
                    "name": .value(.string(name)),
                    "quantity": .value(.int(Int64(quantity))),
                ])
            })
        }
        return node
    }

    func location(_ location: DemoStore.Location) -> Obj {
        Obj("Location", [
            "id": .value(.string(location.gid)),
            "legacyResourceId": .value(.string(String(location.id))),
            "name": .value(.string(location.name)),
            "isActive": .value(.bool(true)),
            "address": .object(Obj("LocationAddress", [
                "city": .value(.string(location.city)),
                "countryCode": .value(.string(location.countryCode)),
            ])),
        ])
    }

    func money(_ amount: Decimal) -> Obj {
        Obj("MoneyBag", [
            "shopMoney": .object(Obj("MoneyV2", ["amount": .value(.string(amount.shopifyString)), "currencyCode": .value(.string(state.shop.currencyCode))])),
            "presentmentMoney": .object(Obj("MoneyV2", ["amount": .value(.string(amount.shopifyString)), "currencyCode": .value(.string(state.shop.currencyCode))])),
        ])
    }

    func order(_ order: SandboxOrder) -> Obj {
        var node = Obj("Order", [
            "id": .value(.string(order.gid)),
            "legacyResourceId": .value(.string(String(order.id))),
            "name": .value(.string(order.name)),
            "sourceName": .value(.string(order.sourceName)),
            "sourceIdentifier": order.sourceIdentifier.map { .value(.string($0)) } ?? .null,
            "tags": .value(.array(order.tags.map(ShopifyJSON.string))),
            "createdAt": .value(.string(ShopifyDate.string(order.createdAt))),
            "updatedAt": .value(.string(ShopifyDate.string(order.updatedAt))),
            "cancelledAt": order.cancelledAt.map { .value(.string(ShopifyDate.string($0))) } ?? .null,
            "displayFulfillmentStatus": .value(.string(order.displayFulfillmentStatus)),
            "totalPriceSet": .object(money(order.total)),
            "subtotalPriceSet": .object(money(order.subtotal)),
        ])
        node.computed["fulfillments"] = { args in
            let first = Int(args["first"]?.intValue ?? Int64(order.fulfillments.count))
            return .objects(order.fulfillments.prefix(first).map { fulfillment($0, of: order) })
        }
        node.computed["fulfillmentOrders"] = { args in
            let items = order.fulfillmentOrders.map { ShopifyConnection.Item(cursorKey: $0.id, node: fulfillmentOrder($0, of: order)) }
            return try ShopifyConnection.page(items, args: args, typeName: "FulfillmentOrderConnection", unbounded: unbounded)
        }
        return node
    }

    func fulfillment(_ fulfillment: SandboxOrder.Fulfillment, of order: SandboxOrder) -> Obj {
        var node = Obj("Fulfillment", [
            "id": .value(.string("gid://shopify/Fulfillment/\(fulfillment.id)")),
            "legacyResourceId": .value(.string(String(fulfillment.id))),
            "status": .value(.string(fulfillment.status)),
            "createdAt": .value(.string(ShopifyDate.string(fulfillment.createdAt))),
        ])
        node.computed["trackingInfo"] = { _ in
            guard fulfillment.number != nil || fulfillment.company != nil else { return .objects([]) }
            return .objects([Obj("FulfillmentTrackingInfo", [
                "company": fulfillment.company.map { .value(.string($0)) } ?? .null,
                "number": fulfillment.number.map { .value(.string($0)) } ?? .null,
                "url": fulfillment.url.map { .value(.string($0)) } ?? .null,
            ])])
        }
        node.computed["fulfillmentLineItems"] = { args in
            let items = fulfillment.lines.enumerated().map { index, line in
                let item = order.lineItems.first { $0.id == line.lineItemID }
                return ShopifyConnection.Item(cursorKey: Int64(index), node: Obj("FulfillmentLineItem", [
                    "id": .value(.string("gid://shopify/FulfillmentLineItem/\(fulfillment.id * 100 + Int64(index))")),
                    "quantity": .value(.int(Int64(line.quantity))),
                    "lineItem": .object(Obj("LineItem", [
                        "id": .value(.string("gid://shopify/LineItem/\(line.lineItemID)")),
                        "sku": item?.sku.map { .value(.string($0)) } ?? .null,
                        "title": .value(.string(item?.title ?? "")),
                    ])),
                ]))
            }
            return try ShopifyConnection.page(items, args: args, typeName: "FulfillmentLineItemConnection", unbounded: unbounded)
        }
        return node
    }

    func fulfillmentOrder(_ fulfillmentOrder: SandboxOrder.FulfillmentOrder, of order: SandboxOrder) -> Obj {
        var node = Obj("FulfillmentOrder", [
            "id": .value(.string("gid://shopify/FulfillmentOrder/\(fulfillmentOrder.id)")),
            "status": .value(.string(fulfillmentOrder.status)),
        ])
        node.computed["assignedLocation"] = { _ in
            .object(Obj("FulfillmentOrderAssignedLocation", [
                "name": .value(.string(state.location(id: fulfillmentOrder.locationID)?.name ?? "")),
                "location": state.location(id: fulfillmentOrder.locationID).map { .object(location($0)) } ?? .null,
            ]))
        }
        node.computed["lineItems"] = { args in
            let items = fulfillmentOrder.lines.map { line in
                let lineItem = order.lineItems.first { $0.id == line.lineItemID }
                return ShopifyConnection.Item(cursorKey: line.id, node: Obj("FulfillmentOrderLineItem", [
                    "id": .value(.string("gid://shopify/FulfillmentOrderLineItem/\(line.id)")),
                    "totalQuantity": .value(.int(Int64(line.total))),
                    "remainingQuantity": .value(.int(Int64(line.remaining))),
                    "lineItem": .object(Obj("LineItem", [
                        "id": .value(.string("gid://shopify/LineItem/\(line.lineItemID)")),
                        "sku": lineItem?.sku.map { .value(.string($0)) } ?? .null,
                        "title": .value(.string(lineItem?.title ?? "")),
                        "quantity": .value(.int(Int64(lineItem?.quantity ?? 0))),
                    ])),
                ]))
            }
            return try ShopifyConnection.page(items, args: args, typeName: "FulfillmentOrderLineItemConnection", unbounded: unbounded)
        }
        return node
    }

    func bulkOperation(_ operation: BulkOperationRecord) -> Obj {
        let url: Resolved = operation.status == "COMPLETED" && operation.objectCount > 0
            ? baseURL.map { .value(.string($0.appendingPathComponent("_sandbox/shopify/bulk/\(operation.id).jsonl").absoluteString)) } ?? .null
            : .null
        return Obj("BulkOperation", [
            "id": .value(.string(operation.gid)),
            "status": .value(.string(operation.status)),
            "type": .value(.string("QUERY")),
            "query": .value(.string(operation.query)),
            "errorCode": operation.errorCode.map { .value(.string($0)) } ?? .null,
            // UnsignedInt64 travels as a string.
            "objectCount": .value(.string(String(operation.objectCount))),
            "rootObjectCount": .value(.string(String(operation.rootObjectCount))),
            "fileSize": operation.status == "COMPLETED" ? .value(.string(String(operation.fileSize))) : .null,
            "url": url,
            "partialDataUrl": .null,
            "createdAt": .value(.string(ShopifyDate.string(operation.createdAt))),
            "completedAt": operation.completedAt.map { .value(.string(ShopifyDate.string($0))) } ?? .null,
        ])
    }
}
