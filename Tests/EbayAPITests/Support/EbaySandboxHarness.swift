import Foundation
import IntegrationKit
import Metrics
import Sandbox
@testable import EbayAPI

/// A transport that keeps every exchange, to validate bodies against the contracts.
final class CapturingTransport: HTTPTransport, @unchecked Sendable {
    struct Exchange: Sendable {
        var method: String
        var path: String
        var requestBody: Data?
        var status: Int
        var responseBody: Data
    }

    private let base = AsyncHTTPClientTransport()
    private let lock = NSLock()
    private var captured: [Exchange] = []

    func execute(_ request: OutboundRequest, timeout: Duration) async throws -> OutboundResponse {
        let response = try await base.execute(request, timeout: timeout)
        lock.withLock {
            captured.append(Exchange(method: request.method.rawValue, path: request.url.path, requestBody: request.body,
                                     status: response.status, responseBody: response.body))
        }
        return response
    }

    var exchanges: [Exchange] { lock.withLock { captured } }
}

enum Harness {
    /// Fast retries for tests: the jitter is real, the waits short.
    static let retry = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(20), maxDelay: .milliseconds(200), maxRetryAfter: .seconds(5))

    static func client(_ host: SandboxHost, transport: (any HTTPTransport)? = nil, retry: RetryPolicy = Harness.retry,
                       now: @escaping @Sendable () -> Date = { Date() }) throws -> EbayClient {
        guard let base = host.baseURL else { throw CocoaError(.fileNoSuchFile) }
        return EbayClient(
            environment: .custom(baseURL: base),
            credentials: EbayCredentials(appID: EbaySandboxCredentials.appID, certID: EbaySandboxCredentials.certID,
                                         authToken: .refreshToken(EbaySandboxCredentials.refreshToken)),
            marketplaceID: EbaySandboxCredentials.marketplaceID,
            transport: transport ?? AsyncHTTPClientTransport(),
            retryPolicy: retry,
            metricsFactory: NOOPMetricsHandler.instance,
            defaultTimeout: .seconds(5),
            now: now)
    }

    /// A host with only the eBay stand-in, `products` demo products.
    static func withSandbox<T>(products: Int = 20, seed: UInt64 = 7, callback: URL? = nil, record: URL? = nil,
                               _ body: (SandboxHost, EbaySandboxState) async throws -> T) async throws -> T {
        var services = SandboxServices()
        services.register(.ebay, faultResponse: EbaySandbox.faultResponse) { EbaySandbox(context: $0) }
        let configuration = SandboxConfiguration(port: 0, products: products, seed: seed, recordURL: record, callbackBaseURL: callback)
        return try await SandboxHost.withRunning(configuration, services: services) { host in
            let state = EbaySandbox.state(of: host.context)
            var settings = state.settings
            settings.requestsPerSecond = nil
            state.settings = settings
            return try await body(host, state)
        }
    }

    /// Business policies and a location, as a seller sets up once.
    static func setUpSeller(_ client: EbayClient) async throws -> (EbayOffer.ListingPolicies, String) {
        let marketplace = client.marketplaceID
        let fulfillment = try await client.createFulfillmentPolicy(EbayFulfillmentPolicy(
            name: "Standard shipping", marketplaceId: marketplace, handlingTime: EbayTimeDuration(unit: "DAY", value: 1),
            shippingOptions: [.init(costType: "FLAT_RATE", optionType: "DOMESTIC", shippingServices: [
                .init(shippingCarrierCode: "USPS", shippingServiceCode: "USPSPriority", shippingCost: EbayAmount(Decimal(string: "4.99")!, currency: "USD"), freeShipping: false),
            ])]))
        let payment = try await client.createPaymentPolicy(EbayPaymentPolicy(name: "Immediate payment", marketplaceId: marketplace))
        let returns = try await client.createReturnPolicy(EbayReturnPolicy(
            name: "30 day returns", marketplaceId: marketplace, returnsAccepted: true,
            returnPeriod: EbayTimeDuration(unit: "DAY", value: 30), returnShippingCostPayer: "BUYER"))
        try await client.createInventoryLocation(key: "warehouse-1", EbayInventoryLocation(
            location: .init(address: .init(addressLine1: "1 Demo St", city: "San Jose", stateOrProvince: "CA", postalCode: "95125", country: "US")),
            name: "Demo warehouse"))
        return (EbayOffer.ListingPolicies(fulfillmentPolicyId: fulfillment.fulfillmentPolicyId,
                                          paymentPolicyId: payment.paymentPolicyId, returnPolicyId: returns.returnPolicyId), "warehouse-1")
    }

    /// Listing inputs from the demo store: brand and the variant options as item specifics.
    static func listings(_ store: DemoStore, policies: EbayOffer.ListingPolicies, location: String, categoryID: String = "169291") -> [EbayListingInput] {
        store.products.map { product in
            EbayListingInput(
                groupKey: "P\(product.id)", title: String(product.title.prefix(80)), description: product.description,
                categoryID: categoryID, aspects: ["Brand": [product.vendor], "Type": [product.productType]],
                imageUrls: product.images.map(\.url),
                variants: product.variants.map { variant in
                    EbayListingInput.Variant(
                        sku: variant.sku, price: variant.price, currency: store.shop.currencyCode, quantity: variant.inventoryQuantity,
                        aspects: Dictionary(variant.selectedOptions.filter { $0.name != "Title" }.map { ($0.name, [$0.value]) }) { a, _ in a },
                        upc: variant.barcode)
                },
                policies: policies, merchantLocationKey: location)
        }
    }
}
