import Foundation

// Notification API v1 (contracts/ebay/commerce_notification_v1_oas3.json); application token.
extension EbayClient {
    /// `GET /public_key/{public_key_id}`: the key that verifies `X-EBAY-SIGNATURE` with that `kid`.
    public func getPublicKey(id: String) async throws -> EbayPublicKey {
        try await send(Call(api: .notification, method: .get, path: "/public_key/\(Self.encodePath(id))",
                            operation: "getPublicKey", applicationToken: true))
    }
}
