import Foundation
import Vapor

// Inventory API: inventory locations.
extension EbaySandbox {
    func bootLocations(_ routes: any RoutesBuilder) {
        let base = routes.grouped(Self.inventory)
        base.post("location", ":key", use: guarded(createInventoryLocation))
        base.get("location", use: guarded(getInventoryLocations))
    }

    @Sendable func createInventoryLocation(_ call: Call) async throws -> Response {
        let key = call.request.parameters.get("key") ?? ""
        let op = call.operation
        // merchantLocationKey: "Max length: 36".
        guard !key.isEmpty, key.count <= 36 else {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(op, status: 400, id: 25800, ["fieldName": "merchantLocationKey"])])
        }
        guard let body = call.body, let address = body["location"]?["address"] else {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(op, status: 400, id: 25801, ["fieldName": "location.address"])])
        }
        guard let country = address["country"]?.string, country.count == 2 else {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(op, status: 400, id: 25801, ["fieldName": "location.address.country"])])
        }
        if address["postalCode"]?.string == nil, address["city"]?.string == nil || address["stateOrProvince"]?.string == nil {
            return EbaySandboxErrors.response(.badRequest, [EbaySandboxErrors.detail(op, status: 400, id: 25801, ["fieldName": "location.address.postalCode"])])
        }
        let created: Bool = state.box.withLock { store in
            guard !store.locations.contains(where: { $0.0 == key }) else { return false }
            store.locations.append((key, body))
            return true
        }
        return created ? EbaySandboxErrors.empty(.noContent)
            : EbaySandboxErrors.response(.conflict, [EbaySandboxErrors.detail(op, status: 400, id: 25803, ["fieldName": "merchantLocationKey"])])
    }

    @Sendable func getInventoryLocations(_ call: Call) async throws -> Response {
        let limit = call.request.query[Int.self, at: "limit"] ?? 100
        let offset = call.request.query[Int.self, at: "offset"] ?? 0
        let locations = state.box.current.locations
        let page = locations.dropFirst(offset).prefix(limit)
        let records: [EbayJSON] = page.enumerated().map { index, entry in
            var object = entry.1.object ?? [:]
            object["merchantLocationKey"] = .string(entry.0)
            var location = object["location"]?.object ?? [:]
            location["locationId"] = .string("\(900_000 + offset + index)")
            object["location"] = .object(location)
            if object["merchantLocationStatus"] == nil { object["merchantLocationStatus"] = .string("ENABLED") }
            return .object(object)
        }
        return EbaySandboxErrors.json(.object([
            "href": .string("\(call.request.url.path)?limit=\(limit)&offset=\(offset)"),
            "limit": .int(limit), "offset": .int(offset), "total": .int(locations.count), "locations": .array(records),
        ]))
    }
}
