import Foundation
import Testing

@testable import ShopifyAPI

@Suite struct ShopifyEndpointTests {
    @Test func version_is_the_vendored_schema_version() {
        #expect(ShopifyAPI.version == "2025-01")
    }

    @Test(arguments: [
        "demo.myshopify.com",
        "https://demo.myshopify.com/",
        "https://demo.myshopify.com",
        "http://demo.myshopify.com",
        "  HTTPS://Demo.MyShopify.com/  ",
        "demo.myshopify.com/admin",
        "https://demo.myshopify.com/admin/products",
        "https://admin.shopify.com/store/demo",
        "https://admin.shopify.com/store/demo/products",
        "demo",
    ])
    func domain_normalises_accepted_forms(input: String) throws {
        let domain = try ShopifyStoreDomain(input)

        #expect(domain.host == "demo.myshopify.com")
        #expect(domain.handle == "demo")
    }

    @Test func graphql_url_from_store_address() throws {
        let url = try ShopifyAdminEndpoint.graphQLURL(store: "https://demo.myshopify.com/")

        #expect(url.absoluteString == "https://demo.myshopify.com/admin/api/2025-01/graphql.json")
    }

    @Test func graphql_url_for_sandbox_base() {
        let endpoint = ShopifyAdminEndpoint(sandboxBaseURL: URL(string: "http://127.0.0.1:8080/sandbox/shopify/")!)

        #expect(endpoint.graphQLURL.absoluteString == "http://127.0.0.1:8080/sandbox/shopify/admin/api/2025-01/graphql.json")
    }

    @Test(arguments: [
        ("", ShopifyStoreDomainError.empty),
        ("   ", .empty),
        ("ftp://demo.myshopify.com", .unsupportedScheme("ftp")),
        ("shop.example.com", .notMyshopifyDomain("shop.example.com")),
        ("https://demo.myshopify.com.evil.com/", .notMyshopifyDomain("demo.myshopify.com.evil.com")),
        ("https://demo.myshopify.com/products/hat", .unexpectedPath("/products/hat")),
        ("demo store", .malformed("demo store")),
        ("https://user@demo.myshopify.com", .malformed("https://user@demo.myshopify.com")),
        ("demo.myshopify.com:8443", .malformed("demo.myshopify.com:8443")),
        ("-demo.myshopify.com", .malformed("-demo.myshopify.com")),
        (".myshopify.com", .malformed(".myshopify.com")),
        ("https://", .malformed("https://")),
        ("de_mo", .malformed("de_mo")),
        ("https://demo.myshopify.com/?token=1", .malformed("https://demo.myshopify.com/?token=1")),
    ])
    func domain_rejects_garbage_with_clear_error(input: String, expected: ShopifyStoreDomainError) {
        #expect(throws: expected) { try ShopifyStoreDomain(input) }
    }

    @Test func domain_error_messages_name_the_problem() {
        let error = ShopifyStoreDomainError.notMyshopifyDomain("shop.example.com")

        #expect(error.description.contains("shop.example.com"))
        #expect(error.description.contains("myshopify.com"))
    }
}
