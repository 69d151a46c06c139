import Foundation
import Vapor

// Account API v1: fulfillment, payment and return policies (get, create).
extension EbaySandbox {
    static let account: [PathComponent] = ["sell", "account", "v1"]

    func bootAccount(_ routes: any RoutesBuilder) {
        let base = routes.grouped(Self.account)
        // The contract's create path for fulfillment policies ends in "/": Vapor ignores it.
        for (kind, path, idField, listField) in [
            ("fulfillment", "fulfillment_policy", "fulfillmentPolicyId", "fulfillmentPolicies"),
            ("payment", "payment_policy", "paymentPolicyId", "paymentPolicies"),
            ("return", "return_policy", "returnPolicyId", "returnPolicies"),
        ] {
            base.post(PathComponent(stringLiteral: path), use: guarded { call in try await createPolicy(call, kind: kind, idField: idField) })
            base.get(PathComponent(stringLiteral: path), use: guarded { call in try await getPolicies(call, kind: kind, listField: listField) })
        }
    }

    func createPolicy(_ call: Call, kind: String, idField: String) async throws -> Response {
        let op = call.operation
        guard var body = call.body?.object else { return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(op, status: 400, id: 20400)]) }
        for field in ["name", "marketplaceId", "categoryTypes"] where body[field] == nil {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(op, status: 400, id: 20401, ["fieldName": field])])
        }
        if kind == "return", body["returnsAccepted"] == nil {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(op, status: 400, id: 20401, ["fieldName": "returnsAccepted"])])
        }
        // Policy names are unique per marketplace and at most 64 characters.
        let name = body["name"]?.string ?? ""
        if name.count > 64 {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(op, status: 400, id: 20403, ["fieldName": "name"])])
        }
        let id: String? = state.box.withLock { store in
            if (store.policies[kind] ?? []).contains(where: { $0.1["name"]?.string == name && $0.1["marketplaceId"] == body["marketplaceId"] }) { return nil }
            let id = "\(6_000_000_000 + store.nextID)"
            store.nextID += 1
            body[idField] = .string(id)
            store.policies[kind, default: []].append((id, .object(body)))
            return id
        }
        guard id != nil else {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(op, status: 400, id: 20400, ["additionalInfo": "A policy named \(name) already exists"])])
        }
        return EbaySandboxErrors.json(.object(body), status: .created)
    }

    func getPolicies(_ call: Call, kind: String, listField: String) async throws -> Response {
        guard let marketplace = call.request.query[String.self, at: "marketplace_id"] else {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(call.operation, status: 400, id: 20401, ["fieldName": "marketplace_id"])])
        }
        let policies = (state.box.current.policies[kind] ?? []).map(\.1).filter { $0["marketplaceId"]?.string == marketplace }
        return EbaySandboxErrors.json(.object([
            "href": .string("\(call.request.url.path)?marketplace_id=\(marketplace)"),
            "limit": .int(20), "offset": .int(0), "total": .int(policies.count), listField: .array(policies),
        ]))
    }
}
