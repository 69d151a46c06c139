// ShopifyBench: the Shopify client against the Shopify sandbox over real HTTP, on a demo
// store of N products (issue 4, "Done means"). Prints one JSON object per phase and a
// summary; exits 1 if a check fails (counts differ, a THROTTLED reached the caller, the
// sandbox rejected a document, a phase threw).
//
//   swift build --product ShopifyBench && .build/debug/ShopifyBench [--products 10000] [--plan plus]
//
// A benchmark that prints figures, not a timed test (DESIGN.md §7).

import Foundation
import Logging
import Sandbox
import ShopifyAPI

let options: Options
do {
    options = try Options(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    let message = "\(error)"
    FileHandle.standardError.write(Data(((message.isEmpty ? "" : message + "\n") + Options.usage + "\n").utf8))
    exit(2)
}

var logger = Logger(label: "shopifybench.sandbox")
logger.logLevel = .warning

let settings = ShopifyThrottleSettings.plan(options.plan)
var services = SandboxServices()
let handle = ShopifySandboxHandle()
services.registerShopify(options: .init(throttle: settings), handle: handle)

func emit(_ figure: Figure) {
    FileHandle.standardOutput.write(Data((figure.text + "\n").utf8))
}

let benchStarted = ContinuousClock.now
let setupStarted = ContinuousClock.now
let host = try await SandboxHost(configuration: .init(products: options.products, seed: options.seed), services: services, logger: logger)
try await host.start()
let storeSeconds = seconds(setupStarted.duration(to: .now))
// Building the 2025-01 schema takes a second or more in debug; do it before the clock runs.
let schemaStarted = ContinuousClock.now
_ = try ShopifySchema.schema()
let schemaSeconds = seconds(schemaStarted.duration(to: .now))

let backend = handle.backend!
let store = host.store
let client = ShopifyClient(
    graphQL: ShopifyGraphQLClient(endpoint: ShopifyAdminEndpoint(sandboxBaseURL: host.baseURL!), accessToken: ShopifySandbox.demoAccessToken),
    bulkPollInterval: options.bulkPollInterval)

emit(.object([
    ("phase", .string("setup")),
    ("products", .int(store.products.count)),
    ("variants", .int(store.variantCount)),
    ("locations", .int(store.locations.count)),
    ("seed", .int(Int(store.seed))),
    ("plan", .string(options.plan.rawValue)),
    ("restoreRate", .number(settings.restoreRate)),
    ("bucketSize", .number(settings.bucketSize)),
    ("storeAndHostSeconds", .number(storeSeconds)),
    ("schemaBuildSeconds", .number(schemaSeconds)),
    ("sandbox", .string(host.baseURL!.absoluteString)),
]))

/// Per variant what the store holds, keyed by product number: "sku|price|item|quantity".
func signature(sku: String?, price: Decimal, item: Int64?, quantity: Int?) -> String {
    "\(sku ?? "-")|\(price)|\(item.map(String.init) ?? "-")|\(quantity.map(String.init) ?? "-")"
}
let expectedCatalog: [Int64: [String]] = Dictionary(uniqueKeysWithValues: store.products.map { product in
    (product.id, product.variants.map { signature(sku: $0.sku, price: $0.price, item: $0.inventoryItemID, quantity: $0.inventoryQuantity) })
})
func catalog(_ products: [ShopifyAPI.Product]) -> [Int64: [String]] {
    Dictionary(products.map { product in
        (product.number, product.variants.nodes.map { signature(sku: $0.sku, price: $0.price.value, item: $0.inventoryItem.number, quantity: $0.inventoryQuantity) })
    }, uniquingKeysWith: { first, _ in first })
}

/// Streams a bulk result and links variants to products as lines arrive: (products, bytes, lines).
func downloadBulk(_ url: URL) async throws -> ([ShopifyAPI.Product], Int, Int) {
    var assembler = ShopifyBulkJSONLReader.ProductAssembler()
    var products: [ShopifyAPI.Product] = []
    var bytes = 0
    var lines = 0
    try await ShopifyBulkJSONLReader().lines(from: url) { line in
        bytes += line.count + 1
        lines += 1
        if let done = try assembler.add(line) { products.append(done) }
    }
    if let last = assembler.finish() { products.append(last) }
    return (products, bytes, lines)
}

var phases: [PhaseFigures] = []
var failures: [String] = []

/// Runs one phase: snapshots around it, THROTTLED errors that escape counted, errors reported.
@MainActor
func phase(_ name: String, _ body: (inout PhaseFigures) async throws -> Void) async {
    let start = await Snapshot.take(client, backend, host)
    var figures = PhaseFigures(name: name, start: start, end: start, restoreRate: settings.restoreRate, surfacedThrottled: 0)
    var errorText: String?
    do {
        try await body(&figures)
    } catch {
        if SurfacedThrottles.isThrottled(error) { figures.surfacedThrottled += 1 }
        errorText = "\(error)"
        figures.checks.append(("noError", false))
    }
    figures.end = await Snapshot.take(client, backend, host)
    let rss = residentSetKiB()
    figures.extra.append(("rssKiB", rss.current.map(Figure.int) ?? .null))
    if let errorText { figures.extra.append(("error", .string(errorText))) }
    emit(figures.json)
    if !figures.passed { failures.append(name) }
    phases.append(figures)
}

// (a) Paged read of the whole catalog, 20 products a page, as `getProducts` does it.
await phase("pagedRead") { figures in
    var products: [ShopifyAPI.Product] = []
    var cursor: String?
    var pages = 0
    var slowest = Duration.zero
    let startWaits = figures.start.client.waits
    repeat {
        let pageStarted = ContinuousClock.now
        let page = try await client.productsPage(after: cursor)
        slowest = max(slowest, pageStarted.duration(to: .now))
        pages += 1
        products += page.products
        cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : nil
        if figures.firstWait == nil, await client.bucket.statistics.waits > startWaits {
            figures.firstWait = await Snapshot.take(client, backend, host)
        }
    } while cursor != nil
    let variants = products.reduce(0) { $0 + $1.variants.nodes.count }
    let truncated = products.filter { $0.variants.pageInfo?.hasNextPage == true }.count
    figures.extra += [
        ("pages", .int(pages)),
        ("productsRead", .int(products.count)),
        ("variantsRead", .int(variants)),
        ("slowestPageSeconds", .number(seconds(slowest))),
    ]
    figures.checks += [
        ("productsEqualStore", products.count == store.products.count),
        ("variantsEqualStore", variants == store.variantCount),
        ("noVariantPageTruncated", truncated == 0),
        ("catalogMatchesStore", catalog(products) == expectedCatalog),
    ]
}

// (b) Bulk operation: run, poll until COMPLETED, stream the JSONL and link children to parents.
await phase("bulkRead") { figures in
    let started = ContinuousClock.now
    var operation = try await client.startBulkProducts()
    var polls = 0
    while !["COMPLETED", "FAILED", "CANCELED", "EXPIRED"].contains(operation.status) {
        try await Task.sleep(for: options.bulkPollInterval)
        polls += 1
        guard let current = try await client.bulkOperation(id: operation.id) else { throw ShopifyError.bulkOperation(status: "MISSING", errorCode: nil) }
        operation = current
    }
    let operationSeconds = seconds(started.duration(to: .now))
    guard operation.status == "COMPLETED", let text = operation.url, let url = URL(string: text) else {
        throw ShopifyError.bulkOperation(status: operation.status, errorCode: operation.errorCode)
    }
    let downloadStarted = ContinuousClock.now
    let (products, bytes, lines) = try await downloadBulk(url)
    let downloadSeconds = seconds(downloadStarted.duration(to: .now))
    let variants = products.reduce(0) { $0 + $1.variants.nodes.count }
    let linked = products.allSatisfy { product in product.variants.nodes.allSatisfy { $0.parentID == product.id } }
    figures.extra += [
        ("runUntilCompletedSeconds", .number(operationSeconds)),
        ("polls", .int(polls)),
        ("downloadAndParseSeconds", .number(downloadSeconds)),
        ("jsonlBytes", .int(bytes)),
        ("jsonlLines", .int(lines)),
        ("objectCount", .string(operation.objectCount ?? "-")),
        ("rootObjectCount", .string(operation.rootObjectCount ?? "-")),
        ("productsRead", .int(products.count)),
        ("variantsRead", .int(variants)),
    ]
    figures.checks += [
        ("productsEqualStore", products.count == store.products.count),
        ("variantsEqualStore", variants == store.variantCount),
        ("jsonlLinesEqualProductsPlusVariants", lines == store.products.count + store.variantCount),
        ("objectCountEqualLines", operation.objectCount == String(lines)),
        ("childrenLinkedToParents", linked),
        ("catalogMatchesStore", catalog(products) == expectedCatalog),
    ]
}

// (c) One stock update guarded by compareQuantity: read the level, set it from what was read.
let stockVariant = store.products[0].variants[0]
let stockLocation = stockVariant.inventoryLevels[0].locationID
await phase("stockUpdate") { figures in
    let levels = try await client.inventoryLevels(inventoryItemID: stockVariant.inventoryItemGID)
    guard let level = levels.first(where: { $0.location.number == stockLocation }), let current = level.quantity("available") else {
        throw ShopifyError.notFound("inventory level of \(stockVariant.inventoryItemGID) at location \(stockLocation)")
    }
    let target = current + 5
    let changes = try await client.updateInventory([.init(
        inventoryItemID: stockVariant.inventoryItemGID, locationID: ShopifyID.gid("Location", stockLocation),
        available: target, expectedCurrent: current)])
    let after = await backend.available(inventoryItemID: stockVariant.inventoryItemID, locationID: stockLocation)
    figures.extra += [("before", .int(current)), ("after", after.map(Figure.int) ?? .null), ("delta", .int(changes.first?.delta ?? 0))]
    figures.checks += [("stockSet", after == target), ("deltaReported", changes.first?.delta == 5)]
}

// (d) orderCreate, as for an eBay order.
let orderVariant = store.products[min(2, store.products.count - 1)].variants[0]
let orderLevel = orderVariant.inventoryLevels[0]
var createdOrderID: String?
await phase("orderCreate") { figures in
    let before = await backend.available(inventoryItemID: orderVariant.inventoryItemID, locationID: orderLevel.locationID)
    let order = try await client.createOrder(.init(
        currency: store.shop.currencyCode, sourceName: "ebay", sourceIdentifier: "27-11111-22222",
        tags: ["ebay", "ebay-27-11111-22222"],
        lines: [.init(variantID: orderVariant.gid, quantity: 1, price: orderVariant.price)],
        shippingAddress: .init(firstName: "Ada", lastName: "Lovelace", city: "London", countryCode: "GB"),
        shippingLines: [.init(title: "Standard", price: Decimal(string: "4.50")!)]))
    createdOrderID = order.id
    let after = await backend.available(inventoryItemID: orderVariant.inventoryItemID, locationID: orderLevel.locationID)
    figures.extra += [("order", .string(order.name)), ("total", .string(order.totalPriceSet.shopMoney.amount.description))]
    figures.checks += [
        ("orderStored", await backend.orders().contains { "gid://shopify/Order/\($0.id)" == order.id }),
        ("stockDecremented", before.map { $0 - 1 } == after),
    ]
}

// (e) Fulfillment with tracking of the order just created (reads its fulfillment orders first).
await phase("fulfillmentCreate") { figures in
    guard let orderID = createdOrderID else { throw ShopifyError.notFound("no order was created") }
    let fulfillment = try await client.createFulfillment(orderID: orderID, tracking: .init(company: "UPS", number: "1Z999AA10123456784"))
    let status = await backend.orders().first { "gid://shopify/Order/\($0.id)" == orderID }?.fulfillmentStatus
    figures.extra += [("fulfillment", .string(fulfillment.id)), ("orderFulfillmentStatus", status.map(Figure.string) ?? .null)]
    figures.checks += [
        ("trackingKept", fulfillment.trackingInfo.first?.number == "1Z999AA10123456784"),
        ("orderFulfilled", status == "FULFILLED"),
    ]
}

#if DEBUG
let buildConfiguration = "debug"
#else
let buildConfiguration = "release"
#endif
let totalSeconds = seconds(benchStarted.duration(to: .now))
let final = await Snapshot.take(client, backend, host)
let status = await host.status()
let rss = residentSetKiB()
let paged = phases.first { $0.name == "pagedRead" }
let bulk = phases.first { $0.name == "bulkRead" }
func read(_ phase: PhaseFigures?, _ key: String) -> Figure {
    phase?.extra.first { $0.0 == key }?.1 ?? .null
}
let surfaced = phases.reduce(0) { $0 + $1.surfacedThrottled }
let checksPassed = failures.isEmpty && final.documents.rejected == 0 && final.documents.bulkRejected == 0 && surfaced == 0
emit(.object([
    ("phase", .string("summary")),
    ("build", .string(buildConfiguration)),
    ("plan", .string(options.plan.rawValue)),
    ("restoreRate", .number(settings.restoreRate)),
    ("bucketSize", .number(settings.bucketSize)),
    ("storeProducts", .int(store.products.count)),
    ("storeVariants", .int(store.variantCount)),
    ("sandboxStatusProducts", .int(status.demoStore.products)),
    ("sandboxStatusVariants", .int(status.demoStore.variants)),
    ("pagedProductsRead", read(paged, "productsRead")),
    ("pagedVariantsRead", read(paged, "variantsRead")),
    ("bulkProductsRead", read(bulk, "productsRead")),
    ("bulkVariantsRead", read(bulk, "variantsRead")),
    ("graphQLCalls", .int(final.client.answers)),
    ("httpRequests", .int(status.requests(for: .shopify).total)),
    ("pointsRequested", .int(final.client.pointsRequested)),
    ("pointsUsed", .int(final.client.pointsUsed)),
    ("throttledAtSandbox", .int(final.sandboxThrottled)),
    ("throttledSeenByClient", .int(final.client.throttled)),
    ("throttledSurfaced", .int(surfaced)),
    ("bucketWaits", .int(final.client.waits)),
    ("bucketWaitedSeconds", .number(seconds(final.client.waited))),
    ("pagedRestoreRateUtilisation", paged?.utilisation.map { .number($0.restored) } ?? .null),
    ("pagedRestoreRateUtilisationRaw", paged?.utilisation.map { .number($0.raw) } ?? .null),
    ("wallSeconds", .object(phases.map { ($0.name, .number($0.wallSeconds)) } + [("total", .number(totalSeconds))])),
    ("documentsValidated", .int(final.documents.validated)),
    ("documentsRejected", .int(final.documents.rejected)),
    ("bulkQueriesValidated", .int(final.documents.bulkValidated)),
    ("bulkQueriesRejected", .int(final.documents.bulkRejected)),
    ("vmHWMKiB", rss.peak.map(Figure.int) ?? .null),
    ("vmRSSKiB", rss.current.map(Figure.int) ?? .null),
    ("failedPhases", .array(failures.map(Figure.string))),
    ("ok", .bool(checksPassed)),
]))

await host.shutdown()
exit(checksPassed ? 0 : 1)
