import Foundation

// Account API v1: business policies (contracts/ebay/sell_account_v1_oas3.json).
extension EbayClient {
    /// `GET /fulfillment_policy?marketplace_id=`.
    public func getFulfillmentPolicies() async throws -> EbayFulfillmentPoliciesPage {
        try await send(Call(api: .account, method: .get, path: "/fulfillment_policy",
                            query: [("marketplace_id", marketplaceID)], operation: "getFulfillmentPolicies"))
    }

    /// `POST /fulfillment_policy/` (the contract's path has the trailing slash).
    public func createFulfillmentPolicy(_ policy: EbayFulfillmentPolicy) async throws -> EbayFulfillmentPolicy {
        try await send(Call(api: .account, method: .post, path: "/fulfillment_policy/",
                            operation: "createFulfillmentPolicy", body: try Self.body(policy)))
    }

    /// `GET /payment_policy?marketplace_id=`.
    public func getPaymentPolicies() async throws -> EbayPaymentPoliciesPage {
        try await send(Call(api: .account, method: .get, path: "/payment_policy",
                            query: [("marketplace_id", marketplaceID)], operation: "getPaymentPolicies"))
    }

    /// `POST /payment_policy`.
    public func createPaymentPolicy(_ policy: EbayPaymentPolicy) async throws -> EbayPaymentPolicy {
        try await send(Call(api: .account, method: .post, path: "/payment_policy",
                            operation: "createPaymentPolicy", body: try Self.body(policy)))
    }

    /// `GET /return_policy?marketplace_id=`.
    public func getReturnPolicies() async throws -> EbayReturnPoliciesPage {
        try await send(Call(api: .account, method: .get, path: "/return_policy",
                            query: [("marketplace_id", marketplaceID)], operation: "getReturnPolicies"))
    }

    /// `POST /return_policy`.
    public func createReturnPolicy(_ policy: EbayReturnPolicy) async throws -> EbayReturnPolicy {
        try await send(Call(api: .account, method: .post, path: "/return_policy",
                            operation: "createReturnPolicy", body: try Self.body(policy)))
    }
}
