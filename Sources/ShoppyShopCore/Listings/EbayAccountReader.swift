import EbayAPI
import FluentKit
import Foundation

/// Reads what listing needs from the seller's eBay account: business policies and inventory
/// locations (4 GETs per run), and categories per product type from the Taxonomy API, asked
/// once per type and kept in `ebay_categories` (eBay's tree changes a few times a year).
public struct EbayAccountReader: Sendable {
    public let ebay: EbayClient
    public let database: any Database
    public let now: @Sendable () -> Date
    /// How long a Taxonomy answer is kept.
    public static let categoryLifetime: TimeInterval = 30 * 86_400

    public init(ebay: EbayClient, database: any Database, now: @escaping @Sendable () -> Date = { Date() }) {
        self.ebay = ebay
        self.database = database
        self.now = now
    }

    public func setup() async throws -> AccountSetup {
        async let fulfillment = ebay.getFulfillmentPolicies()
        async let payment = ebay.getPaymentPolicies()
        async let returns = ebay.getReturnPolicies()
        async let locations = ebay.getInventoryLocations()
        let (f, p, r, l) = try await (fulfillment, payment, returns, locations)
        return AccountSetup(
            fulfillment: (f.fulfillmentPolicies ?? []).compactMap { policy in policy.fulfillmentPolicyId.map { .init(id: $0, name: policy.name) } },
            payment: (p.paymentPolicies ?? []).compactMap { policy in policy.paymentPolicyId.map { .init(id: $0, name: policy.name) } },
            returns: (r.returnPolicies ?? []).compactMap { policy in policy.returnPolicyId.map { .init(id: $0, name: policy.name) } },
            locations: (l.locations ?? []).filter { ($0.merchantLocationStatus ?? "ENABLED") == "ENABLED" }.compactMap(\.merchantLocationKey))
    }

    /// Product type → category (nil: Taxonomy suggests none). Asks only for types not cached.
    public func categories(forTypes types: Set<String>) async throws -> [String: CategoryInfo?] {
        var result: [String: CategoryInfo?] = [:]
        let fresh = now().addingTimeInterval(-Self.categoryLifetime)
        let cached = try await EbayCategory.query(on: database).filter(\.$productType ~~ Array(types)).all()
        for row in cached where row.fetchedAt > fresh { result[row.productType] = .some(row.info) }
        let missing = types.subtracting(result.keys).sorted()
        guard !missing.isEmpty else { return result }
        let tree = try await treeID()
        for type in missing {
            let suggestions = try await ebay.getCategorySuggestions(treeID: tree, query: type)
            var info: CategoryInfo?
            if let category = suggestions.categorySuggestions?.first?.category, let id = category.categoryId {
                info = try await describe(id, name: category.categoryName, tree: tree)
            }
            try await store(key: type, info: info, tree: tree)
            result[type] = .some(info)
        }
        return result
    }

    /// Categories rules name by id, with their required aspects (cached as "#<id>").
    public func categories(byIDs ids: Set<String>) async throws -> [String: CategoryInfo] {
        var result: [String: CategoryInfo] = [:]
        let fresh = now().addingTimeInterval(-Self.categoryLifetime)
        let keys = ids.map { "#\($0)" }
        for row in try await EbayCategory.query(on: database).filter(\.$productType ~~ keys).all() where row.fetchedAt > fresh {
            if let info = row.info { result[info.id] = info }
        }
        let missing = ids.subtracting(result.keys).sorted()
        guard !missing.isEmpty else { return result }
        let tree = try await treeID()
        for id in missing {
            do {
                let info = try await describe(id, name: nil, tree: tree)
                try await store(key: "#\(id)", info: info, tree: tree)
                result[id] = info
            } catch let error as EbayError where error.status == 400 || error.status == 404 {
                continue // not a category of this tree: the planner says so
            }
        }
        return result
    }

    private func describe(_ id: String, name: String?, tree: String) async throws -> CategoryInfo {
        let aspects = try await ebay.getItemAspectsForCategory(treeID: tree, categoryID: id)
        let variation = (aspects.aspects ?? []).filter { $0.aspectConstraint?.aspectEnabledForVariations == true }.compactMap(\.localizedAspectName)
        return CategoryInfo(id: id, name: name ?? "category \(id)", requiredAspects: aspects.requiredAspectNames, variationAspects: variation)
    }

    private func treeID() async throws -> String {
        guard let id = try await ebay.getDefaultCategoryTreeId().categoryTreeId else {
            throw SyncUnavailable("eBay's Taxonomy API gave no category tree for \(ebay.marketplaceID)")
        }
        return id
    }

    private func store(key: String, info: CategoryInfo?, tree: String) async throws {
        let row = try await EbayCategory.query(on: database).filter(\.$productType == key).first() ?? EbayCategory()
        row.productType = key
        row.categoryID = info?.id
        row.categoryName = info?.name
        row.treeID = tree
        row.requiredAspects = JSONList(info?.requiredAspects ?? [])
        row.variationAspects = JSONList(info?.variationAspects ?? [])
        row.fetchedAt = now()
        try await row.save(on: database)
    }
}
