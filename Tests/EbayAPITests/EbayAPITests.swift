import Foundation
import Testing

@testable import EbayAPI

/// Facts from Fixtures/oauth_and_notification_auth.json (copy of contracts/ebay, see PROVENANCE.md).
struct EbayAuthContract: Decodable {
    struct OAuth2: Decodable {
        struct Environment: Decodable {
            let api_host: String
            let authorize_url: String
            let token_url: String
        }
        let environments: [String: Environment]

        enum CodingKeys: CodingKey { case environments }
        init(from decoder: any Decoder) throws {
            // `environments` also holds a `_source` string next to the two environments.
            let raw = try decoder.container(keyedBy: CodingKeys.self)
                .nestedContainer(keyedBy: AnyKey.self, forKey: .environments)
            var environments: [String: Environment] = [:]
            for key in raw.allKeys where !key.stringValue.hasPrefix("_") {
                environments[key.stringValue] = try raw.decode(Environment.self, forKey: key)
            }
            self.environments = environments
        }
    }
    struct Notifications: Decodable {
        struct Challenge: Decodable {
            struct Vector: Decodable {
                let challengeCode: String
                let verificationToken: String
                let endpoint: String
                let expected_challengeResponse: String
            }
            let test_vector: Vector
        }
        let endpoint_challenge: Challenge
    }
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    let oauth2: OAuth2
    let notifications: Notifications

    static func load() throws -> EbayAuthContract {
        try JSONDecoder().decode(EbayAuthContract.self, from: Fixtures.data("oauth_and_notification_auth.json"))
    }
}

@Suite struct EbayEnvironmentTests {
    @Test func production_and_sandbox_match_contract() throws {
        let contract = try EbayAuthContract.load()
        let cases: [(EbayEnvironment, String)] = [(.production, "PRODUCTION"), (.sandbox, "SANDBOX")]
        for (environment, key) in cases {
            let expected = try #require(contract.oauth2.environments[key])

            #expect(environment.apiBaseURL.absoluteString == "https://\(expected.api_host)")
            #expect(environment.tokenURL.absoluteString == expected.token_url)
            #expect(environment.authorizeURL.absoluteString == expected.authorize_url)
        }
    }

    @Test func production_and_sandbox_literals() {
        #expect(EbayEnvironment.production.apiBaseURL.absoluteString == "https://api.ebay.com")
        #expect(EbayEnvironment.sandbox.apiBaseURL.absoluteString == "https://api.sandbox.ebay.com")
    }

    @Test func custom_base_url_serves_every_endpoint() {
        let environment = EbayEnvironment.custom(baseURL: URL(string: "http://127.0.0.1:8080/sandbox/ebay/")!)

        #expect(environment.apiBaseURL.absoluteString == "http://127.0.0.1:8080/sandbox/ebay")
        #expect(environment.tokenURL.absoluteString == "http://127.0.0.1:8080/sandbox/ebay/identity/v1/oauth2/token")
        #expect(environment.authorizeURL.absoluteString == "http://127.0.0.1:8080/sandbox/ebay/oauth2/authorize")
        #expect(environment.url("/sell/inventory/v1/inventory_item").absoluteString
            == "http://127.0.0.1:8080/sandbox/ebay/sell/inventory/v1/inventory_item")
    }
}

@Suite struct AccountDeletionChallengeTests {
    @Test func response_matches_contract_vector() throws {
        let vector = try EbayAuthContract.load().notifications.endpoint_challenge.test_vector

        let response = AccountDeletionChallenge.response(
            challengeCode: vector.challengeCode,
            verificationToken: vector.verificationToken,
            endpoint: vector.endpoint
        )

        #expect(response == vector.expected_challengeResponse)
    }

    @Test func response_matches_hand_computed_vector() {
        // printf '%s' 'a8628072-…a22d''shoppyshop-verification-token-0123456789''https://shop.example.com/webhooks/ebay/account-deletion' | sha256sum
        let response = AccountDeletionChallenge.response(
            challengeCode: "a8628072-3d33-45ee-9004-bee86830a22d",
            verificationToken: "shoppyshop-verification-token-0123456789",
            endpoint: "https://shop.example.com/webhooks/ebay/account-deletion"
        )

        #expect(response == "9143ff4caba486971e9468f35cb71aef42295c8473f355261f6b1a66ef5a553d")
    }

    @Test func response_body_encodes_as_ebay_expects() throws {
        let body = AccountDeletionChallenge.ResponseBody(challengeResponse: "abc")

        let json = String(decoding: try JSONEncoder().encode(body), as: UTF8.self)

        #expect(json == #"{"challengeResponse":"abc"}"#)
    }
}
