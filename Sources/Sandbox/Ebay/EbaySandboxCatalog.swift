/// The stand-in's category tree: one leaf category per demo-store product type, each with
/// the item specifics eBay would require. Ids are the stand-in's own (eBay's tree is not
/// in the contracts); tree id 0 is EBAY_US's default tree, as `getDefaultCategoryTreeId` says.
enum EbaySandboxCatalog {
    struct Category: Sendable {
        var id: String
        var name: String
        var parentID: String
        var parentName: String
        var keywords: [String]
        var requiredAspects: [String]
        var recommendedAspects: [String]
    }

    static let treeID = "0"
    static let treeVersion = "136"

    static let categories: [Category] = [
        Category(id: "15687", name: "T-Shirts", parentID: "1059", parentName: "Clothing, Shoes & Accessories",
                 keywords: ["apparel", "shirt", "tee", "hoodie", "jacket", "sweater"], requiredAspects: ["Brand", "Size"], recommendedAspects: ["Color"]),
        Category(id: "169291", name: "Bags & Handbags", parentID: "1059", parentName: "Clothing, Shoes & Accessories",
                 keywords: ["accessories", "bag", "wallet", "belt", "cap", "hat"], requiredAspects: ["Brand"], recommendedAspects: ["Color"]),
        Category(id: "20625", name: "Home Décor", parentID: "11700", parentName: "Home & Garden",
                 keywords: ["home", "lamp", "vase", "candle", "pillow", "blanket"], requiredAspects: ["Brand", "Type"], recommendedAspects: ["Color"]),
        Category(id: "20635", name: "Kitchen Tools & Gadgets", parentID: "11700", parentName: "Home & Garden",
                 keywords: ["kitchen", "mug", "knife", "pan", "board", "bottle"], requiredAspects: ["Brand"], recommendedAspects: ["Material"]),
        Category(id: "16034", name: "Camping & Hiking", parentID: "888", parentName: "Sporting Goods",
                 keywords: ["outdoor", "tent", "backpack", "camping", "hiking"], requiredAspects: ["Brand"], recommendedAspects: ["Color"]),
        Category(id: "220", name: "Toys & Hobbies", parentID: "220", parentName: "Toys & Hobbies",
                 keywords: ["toys", "toy", "puzzle", "game", "plush", "blocks"], requiredAspects: ["Brand"], recommendedAspects: ["Age Level"]),
    ]

    static func category(_ id: String) -> Category? {
        categories.first { $0.id == id }
    }

    /// Categories whose keywords occur in `query`, best first.
    static func suggestions(for query: String) -> [Category] {
        let words = Set(query.lowercased().split { !$0.isLetter }.map(String.init))
        return categories
            .map { category in (category, category.keywords.filter { words.contains($0) || words.contains($0 + "s") }.count) }
            .filter { $0.1 > 0 }
            .sorted { $0.1 > $1.1 }
            .map(\.0)
    }
}
