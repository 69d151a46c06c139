import GraphQL

/// Argument values of a validated document, as JSON, with variables substituted.
enum GraphQLValues {
    static func json(_ value: any Value, variables: [String: ShopifyJSON]) -> ShopifyJSON {
        switch value {
        case let v as Variable: return variables[v.name.value] ?? .null
        case let v as IntValue: return Int64(v.value).map(ShopifyJSON.int) ?? .string(v.value)
        case let v as FloatValue: return Double(v.value).map(ShopifyJSON.double) ?? .string(v.value)
        case let v as StringValue: return .string(v.value)
        case let v as BooleanValue: return .bool(v.value)
        case let v as EnumValue: return .string(v.value)
        case let v as ListValue: return .array(v.values.map { json($0, variables: variables) })
        case let v as ObjectValue: return .object(v.fields.map { ($0.name.value, json($0.value, variables: variables)) })
        default: return .null
        }
    }

    static func arguments(_ arguments: [Argument], variables: [String: ShopifyJSON]) -> [String: ShopifyJSON] {
        var result: [String: ShopifyJSON] = [:]
        for argument in arguments {
            result[argument.name.value] = json(argument.value, variables: variables)
        }
        return result
    }

    /// The operation to run: the named one, or the only one.
    static func operation(in document: Document, named name: String?) -> OperationDefinition? {
        let operations = document.definitions.compactMap { $0 as? OperationDefinition }
        if let name, !name.isEmpty { return operations.first { $0.name?.value == name } }
        return operations.count == 1 ? operations[0] : nil
    }

    static func fragments(in document: Document) -> [String: FragmentDefinition] {
        var result: [String: FragmentDefinition] = [:]
        for case let fragment as FragmentDefinition in document.definitions {
            result[fragment.name.value] = fragment
        }
        return result
    }

    /// Variables with their declared defaults applied.
    static func variables(for operation: OperationDefinition, given: [String: ShopifyJSON]) -> [String: ShopifyJSON] {
        var result = given
        for definition in operation.variableDefinitions where result[definition.variable.name.value] == nil {
            if let value = definition.defaultValue {
                result[definition.variable.name.value] = json(value, variables: [:])
            }
        }
        return result
    }

    /// `@skip(if:)` / `@include(if:)`.
    static func isIncluded(_ directives: [Directive], variables: [String: ShopifyJSON]) -> Bool {
        for directive in directives {
            let condition = directive.arguments.first { $0.name.value == "if" }.map { json($0.value, variables: variables).boolValue ?? false }
            if directive.name.value == "skip", condition == true { return false }
            if directive.name.value == "include", condition == false { return false }
        }
        return true
    }
}
