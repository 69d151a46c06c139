import GraphQL

/// Requested query cost by Shopify's published rules (shopify.dev, "GraphQL Admin API rate
/// limits", Cost calculation): scalars and enums 0, objects 1, interfaces and unions the
/// maximum of their possible selections, connections 2 + (first or last) × the cost of one
/// node, every mutation field 10. A single query over 1,000 points is refused.
///
/// Where the page is silent we chose: a list of objects (e.g. `selectedOptions`) costs like
/// one object, and `pageInfo`/`edges` wrappers add nothing beyond the connection's 2.
public struct ShopifyQueryCost {
    public static let maximumSingleQueryCost = 1_000
    public static let mutationCost = 10

    let schema: GraphQLSchema
    let fragments: [String: FragmentDefinition]
    let variables: [String: ShopifyJSON]
    private var fieldCache: [String: GraphQLFieldMap] = [:]

    public static func requested(document: Document, operationName: String? = nil, variables: [String: ShopifyJSON] = [:]) throws -> Int {
        let schema = try ShopifySchema.schema()
        guard let operation = GraphQLValues.operation(in: document, named: operationName) else { return 0 }
        var calculator = ShopifyQueryCost(
            schema: schema, fragments: GraphQLValues.fragments(in: document),
            variables: GraphQLValues.variables(for: operation, given: variables))
        return calculator.cost(of: operation)
    }

    mutating func cost(of operation: OperationDefinition) -> Int {
        switch operation.operation {
        case .mutation:
            return fields(of: operation.selectionSet).count * Self.mutationCost
        case .query, .subscription:
            guard let root = schema.queryType else { return 0 }
            return cost(of: operation.selectionSet, on: root.name)
        }
    }

    /// The fields of a selection set with fragments spliced in (type conditions ignored).
    private func fields(of selectionSet: SelectionSet) -> [Field] {
        var result: [Field] = []
        for selection in selectionSet.selections {
            switch selection {
            case let field as Field: result.append(field)
            case let inline as InlineFragment: result += fields(of: inline.selectionSet)
            case let spread as FragmentSpread: if let fragment = fragments[spread.name.value] { result += fields(of: fragment.selectionSet) }
            default: break
            }
        }
        return result
    }

    mutating func cost(of selectionSet: SelectionSet, on typeName: String) -> Int {
        var direct = 0
        var byCondition: [String: Int] = [:]
        for selection in selectionSet.selections {
            switch selection {
            case let field as Field:
                direct += cost(of: field, on: typeName)
            case let inline as InlineFragment:
                let condition = inline.typeCondition?.name.value ?? typeName
                byCondition[condition, default: 0] += cost(of: inline.selectionSet, on: condition)
            case let spread as FragmentSpread:
                guard let fragment = fragments[spread.name.value] else { continue }
                let condition = fragment.typeCondition.name.value
                byCondition[condition, default: 0] += cost(of: fragment.selectionSet, on: condition)
            default: break
            }
        }
        // Fragments on the parent's own type always apply; the others are alternatives of an
        // interface or union, of which Shopify charges the most expensive.
        let own = byCondition.removeValue(forKey: typeName) ?? 0
        return direct + own + (byCondition.values.max() ?? 0)
    }

    mutating func cost(of field: Field, on typeName: String) -> Int {
        guard field.name.value != "__typename", let definition = fieldMap(typeName)?[field.name.value] else { return 0 }
        guard let named = getNamedType(type: definition.type), let selectionSet = field.selectionSet else { return 0 }
        if named is GraphQLScalarType || named is GraphQLEnumType { return 0 }
        if named.name.hasSuffix("Connection") {
            let args = GraphQLValues.arguments(field.arguments, variables: variables)
            let count = Int(args["first"]?.intValue ?? args["last"]?.intValue ?? 0)
            return 2 + count * nodeCost(of: selectionSet, connection: named.name)
        }
        return 1 + cost(of: selectionSet, on: named.name)
    }

    /// The cost of one node of a connection: `nodes { … }` or `edges { node { … } }`.
    private mutating func nodeCost(of selectionSet: SelectionSet, connection: String) -> Int {
        var best = 0
        for field in fields(of: selectionSet) {
            switch field.name.value {
            case "nodes":
                if let nodeType = fieldType(connection, "nodes"), let set = field.selectionSet {
                    best = max(best, 1 + cost(of: set, on: nodeType))
                }
            case "edges":
                guard let edgeType = fieldType(connection, "edges"), let edgeSet = field.selectionSet else { continue }
                for edgeField in fields(of: edgeSet) where edgeField.name.value == "node" {
                    if let nodeType = fieldType(edgeType, "node"), let set = edgeField.selectionSet {
                        best = max(best, 1 + cost(of: set, on: nodeType))
                    }
                }
            default: continue
            }
        }
        return best
    }

    private mutating func fieldType(_ typeName: String, _ field: String) -> String? {
        fieldMap(typeName)?[field].flatMap { getNamedType(type: $0.type)?.name }
    }

    private mutating func fieldMap(_ typeName: String) -> GraphQLFieldMap? {
        if let cached = fieldCache[typeName] { return cached }
        let map: GraphQLFieldMap?
        switch schema.getType(name: typeName) {
        case let object as GraphQLObjectType: map = try? object.fields()
        case let interface as GraphQLInterfaceType: map = try? interface.fields()
        default: map = nil
        }
        fieldCache[typeName] = map
        return map
    }
}
