import GraphQL
import Sandbox
import ShopifyAPI
import Testing

/// Every document the client sends validates against the vendored 2025-01 schema and stays
/// within Shopify's 1,000-point single-query limit.
@Suite("Shopify operation documents")
struct ShopifyOperationDocumentTests {
    /// The largest `first` the facade sends per operation (ShopifyClient).
    static let largestFirst = [
        "ProductsPage": ShopifyClient.productsPageSize, "ProductVariantsPage": ShopifyClient.remainingVariantsPageSize,
        "Locations": 50, "OrdersByQuery": 10,
    ]

    @Test func everyBundledDocument_isListed() {
        #expect(ShopifyOperation.bundledNames() == ShopifyOperation.all.map(\.name).sorted())
    }

    @Test(arguments: ShopifyOperation.all)
    func document_validatesAgainstSchema_andFitsCostLimit(_ operation: ShopifyOperation) throws {
        let source = try operation.document
        let document: Document
        switch try ShopifySchema.check(source) {
        case .failure(let errors): Issue.record("\(operation.name): \(errors)"); return
        case .success(let parsed): document = parsed
        }
        let operations = document.definitions.compactMap { $0 as? OperationDefinition }
        #expect(operations.count == 1)
        #expect(operations.first?.name?.value == operation.name)
        guard operation != .bulkProducts, operation != .bulkInventoryLevels else { return } // bulk queries have no cost limit and no first/last
        // The largest variables the client sends.
        let cost = try ShopifyQueryCost.requested(document: document, variables: [
            "first": .int(Int64(Self.largestFirst[operation.name] ?? 0)),
            "variantsFirst": .int(Int64(ShopifyClient.variantsPageSize)),
        ])
        #expect(cost <= ShopifyQueryCost.maximumSingleQueryCost, "\(operation.name) costs \(cost)")
        #expect(cost <= operation.costHint, "\(operation.name): hint \(operation.costHint) is below the requested cost \(cost)")
    }
}
