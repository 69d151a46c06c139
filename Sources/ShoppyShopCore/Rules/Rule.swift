import Foundation

/// Which products a rule covers. The most specific scope that sets a value wins:
/// sku > product > collection > tag > product type > vendor > all.
public struct RuleScope: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case all
        case vendor
        case productType = "product_type"
        case tag
        case collection
        case product
        case sku

        /// Larger is more specific.
        public var specificity: Int {
            switch self {
            case .all: 0
            case .vendor: 1
            case .productType: 2
            case .tag: 3
            case .collection: 4
            case .product: 5
            case .sku: 6
            }
        }

        /// The rules-file key for this scope (`"productType": "Apparel"`).
        public var fileKey: String {
            switch self {
            case .all: "all"
            case .vendor: "vendor"
            case .productType: "productType"
            case .tag: "tag"
            case .collection: "collection"
            case .product: "product"
            case .sku: "sku"
            }
        }
    }

    public var kind: Kind
    /// Nil for `.all`; a product's Shopify id for `.product`; a collection's handle or title.
    public var value: String?

    public init(kind: Kind, value: String? = nil) {
        self.kind = kind
        self.value = kind == .all ? nil : value
    }

    public static let all = RuleScope(kind: .all)

    public var description: String {
        kind == .all ? "all products" : "\(kind.rawValue.replacingOccurrences(of: "_", with: " ")) \(value ?? "")"
    }

    /// Whether the scope covers a product (and, for `.sku`, one of its SKUs).
    public func covers(_ product: RuleSubject, sku: String? = nil) -> Bool {
        func same(_ a: String?) -> Bool { a.map { $0.caseInsensitiveCompare(value ?? "") == .orderedSame } ?? false }
        switch kind {
        case .all: return true
        case .vendor: return same(product.vendor)
        case .productType: return same(product.productType)
        case .tag: return product.tags.contains { same($0) }
        case .collection: return product.collections.contains { same($0.handle) || same($0.title) }
        case .product: return value == String(product.shopifyID)
        case .sku: return sku != nil && value == sku
        }
    }
}

/// What rules are matched against: a product's grouping facts.
public struct RuleSubject: Sendable, Hashable {
    public var shopifyID: Int64
    public var productType: String?
    public var vendor: String?
    public var tags: [String]
    public var collections: [CollectionRef]

    public init(shopifyID: Int64, productType: String?, vendor: String?, tags: [String], collections: [CollectionRef]) {
        self.shopifyID = shopifyID
        self.productType = productType
        self.vendor = vendor
        self.tags = tags
        self.collections = collections
    }
}

/// A named rule: a scope and the settings it gives.
public struct Rule: Sendable, Hashable {
    public var name: String
    public var scope: RuleScope
    public var settings: RuleSettings

    public init(name: String, scope: RuleScope, settings: RuleSettings) {
        self.name = name
        self.scope = scope
        self.settings = settings
    }

    /// Names are what plans cite and `rules remove` takes: short, no spaces.
    public static func validName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.allSatisfy { $0.isLetter || $0.isNumber || "-_.:".contains($0) }
    }
}
