import Foundation
import Vapor

/// The Meta Graph API stand-in: GET-only reads of the demo ad account, its insights, its
/// business's catalog and the catalog's products, under `/v25.0/…` as graph.facebook.com
/// serves them. Any other method is refused (and counted: we never write to Meta).
public struct MetaSandbox: RouteCollection, Sendable {
    /// The Graph version served; the vendored specs are v25.0 (specs/version.txt).
    public static let version = "v25.0"
    /// The one token the stand-in accepts. Not a secret: it opens nothing but the sandbox.
    public static let demoAccessToken = "sandbox-meta-demo-token"
    /// The demo ad account's id, digits only (the client adds `act_`).
    public static let demoAccountID = MetaDemoAccount.accountID
    public static let demoCatalogID = MetaDemoAccount.catalogID

    let controls: MetaSandboxControls
    let account: MetaDemoAccount
    let specs: MetaSpecs
    let context: SandboxContext

    public init(context: SandboxContext, controls: MetaSandboxControls = MetaSandboxControls()) {
        self.context = context
        self.controls = controls
        self.account = MetaDemoAccount(store: context.store)
        self.specs = .bundled
    }

    /// How a `SandboxServices` entry shapes injected faults for Meta.
    public static let faultResponse: FaultResponse = { kind, plan, request in MetaGraphResponses.fault(kind, plan, request) }

    public func boot(routes: any RoutesBuilder) throws {
        let graph = routes.grouped(PathComponent(stringLiteral: Self.version))
        graph.get("**") { request in try await read(request) }
        for method in [HTTPMethod.POST, .PUT, .PATCH, .DELETE] {
            graph.on(method, "**") { request in refuse(request) }
        }
    }

    /// Our Meta access is read-only: a write is a bug on our side, so it is refused with
    /// Meta's "unsupported request" error and counted for the tests to assert on.
    func refuse(_ request: Request) -> Response {
        controls.refusedWrite()
        let id = request.parameters.getCatchall().first ?? ""
        context.logger.warning("meta sandbox refused \(request.method.rawValue) \(request.url.path): Meta is read-only")
        return MetaGraphResponses.unknownObject(id, method: request.method.rawValue, trace: "SBXW\(controls.refusedWrites)")
    }

    func read(_ request: Request) async throws -> Response {
        let path = request.parameters.getCatchall()
        let query = Self.parameters(request.url.query)
        let trace = "SBX" + String(controls.served(), radix: 36).uppercased()
        if let refusal = authorize(query["access_token"], trace: trace) { return refusal }

        let bucType = Self.bucType(path)
        let admission = controls.admit()
        let resetSeconds = Int(controls.settings.usageWindow.components.seconds)
        let headers = MetaGraphResponses.usageHeaders(
            percent: admission.percent, regainMinutes: admission.regainMinutes, bucType: bucType,
            accountID: MetaDemoAccount.accountID, resetSeconds: resetSeconds)
        if admission.blockedFor != nil {
            let (code, anchor) = MetaGraphResponses.throttlingCode(bucType: bucType)
            return MetaGraphResponses.error(
                code: code,
                message: "There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#\(anchor).",
                headers: headers, trace: trace)
        }
        let response = answer(path: path, query: query, trace: trace)
        for header in headers { response.headers.replaceOrAdd(name: header.name, value: header.value) }
        response.headers.replaceOrAdd(name: "x-fb-trace-id", value: trace)
        return response
    }

    /// 104 without a token, 190 with a wrong, expired or revoked one (error-handling guide:
    /// subcode 463 expired, 460 password changed / revoked).
    func authorize(_ token: String?, trace: String) -> Response? {
        guard let token, !token.isEmpty else {
            return MetaGraphResponses.error(code: 104, message: "An access token is required to request this resource.", trace: trace)
        }
        guard token == Self.demoAccessToken else {
            return MetaGraphResponses.error(code: 190, message: "Invalid OAuth access token - Cannot parse access token", trace: trace)
        }
        switch controls.tokenState {
        case .valid:
            return nil
        case .expired:
            return MetaGraphResponses.error(code: 190, subcode: 463, message: "Error validating access token: Session has expired.", trace: trace)
        case .revoked:
            return MetaGraphResponses.error(code: 190, subcode: 460, message: "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.", trace: trace)
        }
    }

    func answer(path: [String], query: [String: String], trace: String) -> Response {
        guard let id = path.first, let type = nodeType(id) else {
            return MetaGraphResponses.unknownObject(path.first ?? "", method: "GET", trace: trace)
        }
        switch path.count {
        case 1:
            return render(node: node(type: type, id: id), type: type, query: query, trace: trace)
        case 2:
            let edge = path[1]
            guard let returns = specs.edge(edge, of: type) else {
                return MetaGraphResponses.nonexistingField(edge, nodeType: type, trace: trace)
            }
            return self.edge(edge, of: type, id: id, returns: returns, query: query, trace: trace)
        default:
            return MetaGraphResponses.error(code: 2500, message: "Unknown path components: /\(path.dropFirst(2).joined(separator: "/"))", trace: trace)
        }
    }

    func edge(_ edge: String, of type: String, id: String, returns: String, query: [String: String], trace: String) -> Response {
        switch (type, edge) {
        case ("AdAccount", "insights"):
            return insights(query: query, trace: trace)
        case ("Business", "owned_product_catalogs"):
            return list([node(type: "ProductCatalog", id: MetaDemoAccount.catalogID)], type: returns, edge: edge, of: type, id: id, query: query, trace: trace)
        case ("ProductCatalog", "products"):
            return list(account.items.map(Self.itemObject), type: returns, edge: edge, of: type, id: id, query: query, trace: trace)
        case ("ProductCatalog", "diagnostics"):
            return list(account.diagnostics, type: returns, edge: edge, of: type, id: id, query: query, trace: trace)
        default:
            // An edge Meta has (it is in the spec) that the demo account has nothing on.
            return list([], type: returns, edge: edge, of: type, id: id, query: query, trace: trace)
        }
    }

    func nodeType(_ id: String) -> String? {
        switch id {
        case "act_\(MetaDemoAccount.accountID)": return "AdAccount"
        case MetaDemoAccount.businessID: return "Business"
        case MetaDemoAccount.catalogID: return "ProductCatalog"
        default:
            guard let number = Int64(id), number > MetaDemoAccount.itemIDBase,
                  number <= MetaDemoAccount.itemIDBase + Int64(account.items.count) else { return nil }
            return "ProductItem"
        }
    }

    func node(type: String, id: String) -> [String: Any] {
        let business: [String: Any] = ["id": MetaDemoAccount.businessID, "name": "ShoppyShop Demo Business"]
        switch type {
        case "AdAccount":
            return ["id": id, "account_id": MetaDemoAccount.accountID, "name": "ShoppyShop Demo Ads", "currency": MetaDemoAccount.currency,
                    "account_status": 1, "timezone_name": "Etc/UTC", "business": business, "owner_business": business]
        case "Business":
            return business
        case "ProductCatalog":
            return ["id": id, "name": "ShoppyShop Demo Catalog", "product_count": account.items.count, "feed_count": 1,
                    "vertical": "commerce", "business": business, "owner_business": business]
        default:
            let index = Int(Int64(id)! - MetaDemoAccount.itemIDBase - 1)
            return Self.itemObject(account.items[index])
        }
    }

    static func itemObject(_ item: MetaDemoAccount.Item) -> [String: Any] {
        ["id": item.id, "retailer_id": item.retailerID, "name": item.name, "availability": item.availability,
         "review_status": item.reviewStatus, "errors": item.errors, "currency": MetaDemoAccount.currency,
         "price": MetaSandbox.money(cents: item.priceCents)]
    }

    /// One node, reduced to the requested fields (`id` always, as Meta does).
    func render(node: [String: Any], type: String, query: [String: String], trace: String) -> Response {
        switch requestedFields(query, type: type, defaults: ["id", "name"]) {
        case .failure(let error):
            return MetaGraphResponses.nonexistingField(error.name, nodeType: type, trace: trace)
        case .success(let fields):
            return MetaGraphResponses.json(Self.pick(node, fields + ["id"]))
        }
    }

    /// A paged list of nodes of `type` from an edge.
    func list(_ all: [[String: Any]], type: String, edge: String, of parent: String, id: String, query: [String: String], trace: String) -> Response {
        let fields: [String]
        switch requestedFields(query, type: type, defaults: ["id"]) {
        case .failure(let error): return MetaGraphResponses.nonexistingField(error.name, nodeType: type, trace: trace)
        case .success(let names): fields = names + ["id"]
        }
        return page(all.map { Self.pick($0, fields) }, path: "\(id)/\(edge)", query: query, trace: trace)
    }

    /// `fields=a,b,c{x,y}`: the top-level names, checked against the spec of `type`.
    /// Types whose spec is not vendored are not validated (the edge serves nothing anyway).
    func requestedFields(_ query: [String: String], type: String, defaults: [String]) -> Result<[String], FieldError> {
        guard let raw = query["fields"], !raw.isEmpty else { return .success(defaults) }
        let names = Self.topLevelFields(raw)
        let known = specs.fields(of: type)
        if !known.isEmpty, let unknown = names.first(where: { !known.contains($0) }) {
            return .failure(FieldError(name: unknown))
        }
        return .success(names)
    }

    struct FieldError: Error { var name: String }

    static func topLevelFields(_ raw: String) -> [String] {
        var names: [String] = []
        var depth = 0
        var current = ""
        for character in raw {
            switch character {
            case "{": depth += 1
            case "}": depth -= 1
            case "," where depth == 0:
                names.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            default:
                if depth == 0 { current.append(character) }
            }
        }
        names.append(current.trimmingCharacters(in: .whitespaces))
        return names.filter { !$0.isEmpty }.map { $0.split(separator: ".").first.map(String.init) ?? $0 }
    }

    static func pick(_ object: [String: Any], _ fields: [String]) -> [String: Any] {
        var picked: [String: Any] = [:]
        for field in fields { if let value = object[field] { picked[field] = value } }
        return picked
    }

    /// Query parameters, percent-decoded; the last value of a repeated name wins.
    static func parameters(_ query: String?) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(parts[1])) : ""
            parameters[name] = value
        }
        return parameters
    }

    /// Which Business Use Case a path's calls count against (yaml: BUC types).
    static func bucType(_ path: [String]) -> String {
        if path.last == "insights" { return "ads_insights" }
        if path.first == MetaDemoAccount.catalogID || path.last == "owned_product_catalogs" { return "catalog_management" }
        return "ads_management"
    }

    /// Money as Meta writes it in insights and product prices: a decimal string.
    static func money(cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = abs(cents)
        return "\(sign)\(magnitude / 100).\(String(format: "%02d", magnitude % 100))"
    }
}
