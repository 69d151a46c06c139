import Foundation

// Taxonomy API v1 (contracts/ebay/commerce_taxonomy_v1_oas3.json); application token.
extension EbayClient {
    /// `GET /get_default_category_tree_id?marketplace_id=`.
    public func getDefaultCategoryTreeId() async throws -> EbayCategoryTreeID {
        try await send(Call(api: .taxonomy, method: .get, path: "/get_default_category_tree_id",
                            query: [("marketplace_id", marketplaceID)], operation: "getDefaultCategoryTreeId",
                            applicationToken: true))
    }

    /// `GET /category_tree/{category_tree_id}/get_category_suggestions?q=` (204 when none).
    public func getCategorySuggestions(treeID: String, query: String) async throws -> EbayCategorySuggestions {
        let response = try await sendRaw(Call(
            api: .taxonomy, method: .get, path: "/category_tree/\(Self.encodePath(treeID))/get_category_suggestions",
            query: [("q", query)], operation: "getCategorySuggestions", applicationToken: true
        ))
        if response.status == 204 || response.body.isEmpty { return EbayCategorySuggestions() }
        return try decode(EbayCategorySuggestions.self, response.body, operation: "getCategorySuggestions")
    }

    /// `GET /category_tree/{category_tree_id}/get_item_aspects_for_category?category_id=`.
    public func getItemAspectsForCategory(treeID: String, categoryID: String) async throws -> EbayAspectMetadata {
        let response = try await sendRaw(Call(
            api: .taxonomy, method: .get, path: "/category_tree/\(Self.encodePath(treeID))/get_item_aspects_for_category",
            query: [("category_id", categoryID)], operation: "getItemAspectsForCategory", applicationToken: true
        ))
        if response.status == 204 || response.body.isEmpty { return EbayAspectMetadata() }
        return try decode(EbayAspectMetadata.self, response.body, operation: "getItemAspectsForCategory")
    }

    func decode<T: Decodable>(_ type: T.Type, _ data: Data, operation: String) throws -> T {
        do { return try JSONDecoder().decode(type, from: data) } catch {
            throw EbayError.malformedResponse(operation: operation, detail: "\(error)")
        }
    }
}

