import Foundation

/// The slice of Shopify's search syntax the client uses: `field:value` terms joined by
/// spaces (AND), values optionally quoted, comparison prefixes `>`, `>=`, `<`, `<=`.
struct SearchTerm {
    var field: String
    var comparison: String
    var value: String

    static func parse(_ query: String?) -> [SearchTerm] {
        guard let query, !query.isEmpty else { return [] }
        var terms: [SearchTerm] = []
        var current = ""
        var quote: Character?
        for character in query {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == " " {
                if let term = term(current) { terms.append(term) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if let term = term(current) { terms.append(term) }
        return terms
    }

    private static func term(_ text: String) -> SearchTerm? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let field = String(text[..<colon])
        var value = Substring(text[text.index(after: colon)...])
        var comparison = "="
        for prefix in [">=", "<=", ">", "<"] where value.hasPrefix(prefix) {
            comparison = prefix
            value = value.dropFirst(prefix.count)
            break
        }
        return SearchTerm(field: field.lowercased(), comparison: comparison, value: String(value))
    }

    func compare(_ date: Date) -> Bool {
        guard let bound = ShopifyDate.parse(value) else { return true }
        switch comparison {
        case ">": return date > bound
        case ">=": return date >= bound
        case "<": return date < bound
        case "<=": return date <= bound
        default: return date == bound
        }
    }
}

struct ProductSearch {
    let terms: [SearchTerm]

    init(_ query: String?) throws {
        terms = SearchTerm.parse(query)
    }

    func matches(_ product: DemoStore.Product) -> Bool {
        terms.allSatisfy { term in
            switch term.field {
            case "updated_at": term.compare(product.updatedAt)
            case "created_at": term.compare(product.createdAt)
            case "status": product.status.rawValue.caseInsensitiveCompare(term.value) == .orderedSame
            case "sku": product.variants.contains { $0.sku == term.value }
            case "vendor": product.vendor == term.value
            case "product_type": product.productType == term.value
            case "tag": product.tags.contains(term.value)
            default: true
            }
        }
    }
}

struct OrderSearch {
    let terms: [SearchTerm]

    init(_ query: String?) {
        terms = SearchTerm.parse(query)
    }

    func matches(_ order: SandboxOrder) -> Bool {
        terms.allSatisfy { term in
            switch term.field {
            case "tag": order.tags.contains { $0.caseInsensitiveCompare(term.value) == .orderedSame }
            case "name": order.name == term.value || order.name == "#" + term.value
            case "source_name": order.sourceName == term.value
            case "source_identifier": order.sourceIdentifier == term.value
            case "updated_at": term.compare(order.updatedAt)
            case "created_at": term.compare(order.createdAt)
            default: true
            }
        }
    }
}
