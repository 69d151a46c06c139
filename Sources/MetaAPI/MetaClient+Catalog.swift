import Foundation

extension MetaClient {
    /// `get_catalog_stats`: the catalog (META_CATALOG_ID, else the first catalog owned by
    /// the ad account's business), its product count and diagnostics, every product with its
    /// retailer id, availability, review status and errors, and per-product engagement over
    /// `range` where the account runs catalog ads. Nil when no catalog can be found.
    public func getCatalogStats(_ range: MetaDayRange) async throws -> MetaCatalogStats? {
        var discovered = false
        var catalogID = configuration.catalogID
        if catalogID == nil {
            catalogID = try await discoverCatalogID()
            discovered = true
        }
        guard let catalogID else { return nil }

        let node = try decode(
            MetaCatalogNode.self,
            from: try await get(catalogID, [("fields", MetaRequestedFields.catalog.joined(separator: ","))], operation: "catalog"),
            operation: "catalog"
        )
        let products = try await getAll(
            "\(catalogID)/products", [("fields", MetaRequestedFields.productItems.joined(separator: ","))],
            operation: "catalogProducts", as: MetaCatalogProduct.self
        ).rows
        let diagnostics = try await getAll(
            "\(catalogID)/diagnostics", [("fields", MetaRequestedFields.diagnostics.joined(separator: ","))],
            operation: "catalogDiagnostics", as: MetaCatalogDiagnostic.self
        ).rows
        let engagement = try await getProductEngagement(range)
        return MetaCatalogStats(
            catalogID: node.id, name: node.name, productCount: node.productCount, feedCount: node.feedCount,
            discovered: discovered, products: products, diagnostics: diagnostics,
            productEngagement: engagement ?? [:], productEngagementAvailable: engagement != nil
        )
    }

    /// `GET /act_{id}?fields=…,business`, then `GET /{business}/owned_product_catalogs`.
    func discoverCatalogID() async throws -> String? {
        let account = try decode(
            MetaAdAccountNode.self,
            from: try await get(configuration.accountPath, [("fields", MetaRequestedFields.adAccount.joined(separator: ","))], operation: "adAccount"),
            operation: "adAccount"
        )
        guard let business = account.business?.id else { return nil }
        let catalogs = try await getAll(
            "\(business)/owned_product_catalogs", [("fields", MetaRequestedFields.catalogSummary.joined(separator: ","))],
            operation: "businessCatalogs", as: MetaCatalogNode.self
        ).rows
        // The catalog with the most products is the shop's feed; ties keep Meta's order.
        return catalogs.max { ($0.productCount ?? 0) < ($1.productCount ?? 0) }?.id
    }
}
