import GraphQL

/// What a field resolves to.
enum Resolved {
    case value(ShopifyJSON)
    case object(any GraphQLNode)
    case objects([any GraphQLNode])
    case null
}

/// An object the executor can read fields from.
protocol GraphQLNode {
    var typeName: String { get }
    /// Points this object adds to the actual cost: 1 for an object, 2 for a connection,
    /// 0 for the `edges`/`pageInfo` wrappers (ShopifyQueryCost counts the same way).
    var costWeight: Int { get }
    func resolve(_ field: String, _ args: [String: ShopifyJSON]) throws -> Resolved
}

/// A field failed at run time: Shopify answers it in top-level `errors`.
struct ExecutionError: Error {
    var message: String
    var code: String?
}

/// A plain object: fixed values plus fields computed from their arguments.
struct Obj: GraphQLNode {
    let typeName: String
    var costWeight = 1
    var values: [String: Resolved] = [:]
    var computed: [String: ([String: ShopifyJSON]) throws -> Resolved] = [:]

    init(_ typeName: String, costWeight: Int = 1, _ values: [String: Resolved] = [:]) {
        self.typeName = typeName
        self.costWeight = costWeight
        self.values = values
    }

    func resolve(_ field: String, _ args: [String: ShopifyJSON]) throws -> Resolved {
        if let computed = computed[field] { return try computed(args) }
        return values[field] ?? .null
    }
}

/// Executes a validated document against resolvers. The document was validated against
/// the schema first, so unknown fields resolve to null rather than failing here.
struct GraphQLExecutor {
    let schema: GraphQLSchema
    let fragments: [String: FragmentDefinition]
    let variables: [String: ShopifyJSON]
    private(set) var actualCost = 0

    init(schema: GraphQLSchema, document: Document, variables: [String: ShopifyJSON]) {
        self.schema = schema
        self.fragments = GraphQLValues.fragments(in: document)
        self.variables = variables
    }

    mutating func execute(_ selectionSet: SelectionSet, on node: any GraphQLNode) throws -> ShopifyJSON {
        var fields: [(String, ShopifyJSON)] = []
        try collect(selectionSet, on: node, into: &fields)
        return .object(fields)
    }

    private mutating func collect(_ selectionSet: SelectionSet, on node: any GraphQLNode, into fields: inout [(String, ShopifyJSON)]) throws {
        for selection in selectionSet.selections {
            switch selection {
            case let field as Field:
                guard GraphQLValues.isIncluded(field.directives, variables: variables) else { continue }
                let key = field.alias?.value ?? field.name.value
                if fields.contains(where: { $0.0 == key }) { continue }
                if field.name.value == "__typename" {
                    fields.append((key, .string(node.typeName)))
                    continue
                }
                let resolved = try node.resolve(field.name.value, GraphQLValues.arguments(field.arguments, variables: variables))
                fields.append((key, try complete(resolved, field.selectionSet)))
            case let inline as InlineFragment:
                guard GraphQLValues.isIncluded(inline.directives, variables: variables) else { continue }
                if let condition = inline.typeCondition?.name.value, !matches(node.typeName, condition) { continue }
                try collect(inline.selectionSet, on: node, into: &fields)
            case let spread as FragmentSpread:
                guard let fragment = fragments[spread.name.value], matches(node.typeName, fragment.typeCondition.name.value) else { continue }
                try collect(fragment.selectionSet, on: node, into: &fields)
            default:
                continue
            }
        }
    }

    private mutating func complete(_ resolved: Resolved, _ selectionSet: SelectionSet?) throws -> ShopifyJSON {
        switch resolved {
        case .null: return .null
        case .value(let json): return json
        case .object(let node):
            actualCost += node.costWeight
            guard let selectionSet else { return .null }
            return try execute(selectionSet, on: node)
        case .objects(let nodes):
            return .array(try nodes.map { try complete(.object($0), selectionSet) })
        }
    }

    private func matches(_ typeName: String, _ condition: String) -> Bool {
        if typeName == condition { return true }
        switch schema.getType(name: condition) {
        case let union as GraphQLUnionType:
            return ((try? union.types()) ?? []).contains { $0.name == typeName }
        case is GraphQLInterfaceType:
            guard let object = schema.getType(name: typeName) as? GraphQLObjectType else { return false }
            return ((try? object.interfaces()) ?? []).contains { $0.name == condition }
        default:
            return false
        }
    }
}
