import Foundation
import Vapor

// Taxonomy API v1.
extension EbaySandbox {
    func bootTaxonomy(_ routes: any RoutesBuilder) {
        let base = routes.grouped("commerce", "taxonomy", "v1")
        base.get("get_default_category_tree_id", use: guarded(getDefaultCategoryTreeId))
        base.get("category_tree", ":tree", "get_category_suggestions", use: guarded(getCategorySuggestions))
        base.get("category_tree", ":tree", "get_item_aspects_for_category", use: guarded(getItemAspectsForCategory))
    }

    @Sendable func getDefaultCategoryTreeId(_ call: Call) async throws -> Response {
        guard let marketplace = call.request.query[String.self, at: "marketplace_id"], marketplace.hasPrefix("EBAY_") else {
            let id = call.operation?.errorIDs["400"]?.keys.min() ?? 62000
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(call.operation, status: 400, id: id)])
        }
        // The stand-in has one tree, EBAY_US's.
        return EbaySandboxErrors.json(.object(["categoryTreeId": .string(EbaySandboxCatalog.treeID),
                                                "categoryTreeVersion": .string(EbaySandboxCatalog.treeVersion)]))
    }

    @Sendable func getCategorySuggestions(_ call: Call) async throws -> Response {
        guard call.request.parameters.get("tree") == EbaySandboxCatalog.treeID else {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(call.operation, status: 400, id: 62004)])
        }
        guard let query = call.request.query[String.self, at: "q"], !query.isEmpty else {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(call.operation, status: 400, id: 62007)])
        }
        let matches = EbaySandboxCatalog.suggestions(for: query)
        if matches.isEmpty { return EbaySandboxErrors.empty(.noContent) }
        let suggestions: [EbayJSON] = matches.map { category in
            .object([
                "category": .object(["categoryId": .string(category.id), "categoryName": .string(category.name)]),
                "categoryTreeNodeAncestors": .array([.object([
                    "categoryId": .string(category.parentID), "categoryName": .string(category.parentName),
                    "categorySubtreeNodeHref": .string("/commerce/taxonomy/v1/category_tree/0/get_category_subtree?category_id=\(category.parentID)"),
                    "categoryTreeNodeLevel": .int(1),
                ])]),
                "categoryTreeNodeLevel": .int(2),
            ])
        }
        return EbaySandboxErrors.json(.object([
            "categorySuggestions": .array(suggestions), "categoryTreeId": .string(EbaySandboxCatalog.treeID),
            "categoryTreeVersion": .string(EbaySandboxCatalog.treeVersion),
        ]))
    }

    @Sendable func getItemAspectsForCategory(_ call: Call) async throws -> Response {
        let errors = call.operation?.errorIDs["400"]?.keys.sorted() ?? []
        guard call.request.parameters.get("tree") == EbaySandboxCatalog.treeID else {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(call.operation, status: 400, id: errors.contains(62004) ? 62004 : errors.first ?? 62000)])
        }
        guard let id = call.request.query[String.self, at: "category_id"], let category = EbaySandboxCatalog.category(id) else {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(call.operation, status: 400, id: errors.last ?? 62000)])
        }
        func aspect(_ name: String, required: Bool) -> EbayJSON {
            .object([
                "localizedAspectName": .string(name),
                "aspectConstraint": .object([
                    "aspectRequired": .bool(required), "aspectMode": .string("FREE_TEXT"),
                    "aspectUsage": .string(required ? "RECOMMENDED" : "OPTIONAL"), "aspectDataType": .string("STRING"),
                    "aspectMaxLength": .int(65), "itemToAspectCardinality": .string("SINGLE"),
                    "aspectEnabledForVariations": .bool(name != "Brand"),
                ]),
            ])
        }
        let aspects = category.requiredAspects.map { aspect($0, required: true) } + category.recommendedAspects.map { aspect($0, required: false) }
        return EbaySandboxErrors.json(.object(["aspects": .array(aspects)]))
    }
}
