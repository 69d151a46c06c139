import Foundation

/// The Graph node types the Meta stand-in serves, read from Meta's own v25.0 specs
/// (Resources/meta/*.json, copied from contracts/meta/api_specs/specs): a field or edge is
/// known exactly when the spec lists it, so "unknown field → code 100" follows the contract.
public struct MetaSpecs: Sendable {
    public struct Node: Sendable {
        public var fields: Set<String>
        /// GET edges: name → returned node type.
        public var edges: [String: String]
    }

    public static let nodeTypes = ["AdAccount", "AdsInsights", "Business", "ProductCatalog", "ProductItem", "ProductCatalogDiagnosticGroup"]

    public let nodes: [String: Node]

    public static let bundled: MetaSpecs = {
        do {
            return try MetaSpecs(loading: nodeTypes)
        } catch {
            fatalError("Sandbox resources are missing the Meta specs: \(error)")
        }
    }()

    init(loading types: [String]) throws {
        var nodes: [String: Node] = [:]
        for type in types {
            guard let url = Bundle.module.url(forResource: type, withExtension: "json", subdirectory: "Resources/meta") else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Resources/meta/\(type).json"])
            }
            nodes[type] = try Self.parse(Data(contentsOf: url))
        }
        self.nodes = nodes
    }

    /// `{"fields": [{"name", "type"}], "apis": [{"method", "endpoint", "return"}]}`.
    static func parse(_ data: Data) throws -> Node {
        struct Spec: Decodable {
            struct Field: Decodable { var name: String }
            struct API: Decodable { var method: String?; var endpoint: String?; var `return`: String? }
            var fields: [Field]
            var apis: [API]
        }
        let spec = try JSONDecoder().decode(Spec.self, from: data)
        var edges: [String: String] = [:]
        for api in spec.apis where api.method == "GET" {
            if let endpoint = api.endpoint { edges[endpoint] = api.return ?? "" }
        }
        return Node(fields: Set(spec.fields.map(\.name)), edges: edges)
    }

    public func fields(of type: String) -> Set<String> { nodes[type]?.fields ?? [] }
    public func edge(_ name: String, of type: String) -> String? { nodes[type]?.edges[name] }
}
