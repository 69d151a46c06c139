import Foundation

// Inventory API: inventory locations (contracts/ebay/sell_inventory_v1_oas3.json).
extension EbayClient {
    /// `POST /location/{merchantLocationKey}` (answers 204; 409 if it exists).
    public func createInventoryLocation(key: String, _ location: EbayInventoryLocation) async throws {
        _ = try await sendRaw(Call(
            api: .inventory, method: .post, path: "/location/\(Self.encodePath(key))",
            operation: "createInventoryLocation", body: try Self.body(location)
        ))
    }

    /// `GET /location?limit=&offset=`.
    public func getInventoryLocations(limit: Int = 100, offset: Int = 0) async throws -> EbayLocationsPage {
        try await send(Call(api: .inventory, method: .get, path: "/location",
                            query: [("limit", "\(limit)"), ("offset", "\(offset)")], operation: "getInventoryLocations"))
    }
}
