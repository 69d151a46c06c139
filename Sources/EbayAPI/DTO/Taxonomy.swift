import Foundation

// Taxonomy API v1.0.0 (contracts/ebay/commerce_taxonomy_v1_oas3.json).

/// `BaseCategoryTree`.
public struct EbayCategoryTreeID: Codable, Sendable, Hashable {
    public var categoryTreeId: String?
    public var categoryTreeVersion: String?
}

/// `CategorySuggestionResponse`.
public struct EbayCategorySuggestions: Codable, Sendable, Hashable {
    public var categorySuggestions: [Suggestion]?
    public var categoryTreeId: String?
    public var categoryTreeVersion: String?

    /// `CategorySuggestion`.
    public struct Suggestion: Codable, Sendable, Hashable {
        public var category: Category?
        public var categoryTreeNodeAncestors: [Ancestor]?
        public var categoryTreeNodeLevel: Int?
        public var relevancy: String?
    }

    /// `Category {categoryId, categoryName}`.
    public struct Category: Codable, Sendable, Hashable {
        public var categoryId: String?
        public var categoryName: String?
    }

    /// `AncestorReference`.
    public struct Ancestor: Codable, Sendable, Hashable {
        public var categoryId: String?
        public var categoryName: String?
        public var categorySubtreeNodeHref: String?
        public var categoryTreeNodeLevel: Int?
    }
}

/// `AspectMetadata {aspects: [Aspect]}`.
public struct EbayAspectMetadata: Codable, Sendable, Hashable {
    public var aspects: [Aspect]?

    public struct Aspect: Codable, Sendable, Hashable {
        public var localizedAspectName: String?
        public var aspectConstraint: Constraint?
        public var aspectValues: [Value]?
    }

    /// `AspectConstraint` (the fields the planner reads).
    public struct Constraint: Codable, Sendable, Hashable {
        public var aspectRequired: Bool?
        /// `AspectModeEnum`: `FREE_TEXT` or `SELECTION_ONLY`.
        public var aspectMode: String?
        /// `AspectUsageEnum`: `RECOMMENDED` or `OPTIONAL`.
        public var aspectUsage: String?
        public var aspectDataType: String?
        public var aspectMaxLength: Int?
        public var aspectEnabledForVariations: Bool?
        /// `ItemToAspectCardinalityEnum`: `SINGLE` or `MULTI`.
        public var itemToAspectCardinality: String?
    }

    /// `AspectValue {localizedValue}`.
    public struct Value: Codable, Sendable, Hashable {
        public var localizedValue: String?
    }

    /// Names of the aspects a listing in this category cannot be published without.
    public var requiredAspectNames: [String] {
        (aspects ?? []).filter { $0.aspectConstraint?.aspectRequired == true }.compactMap(\.localizedAspectName)
    }
}
