import Foundation
import GraphQL
import Sandbox
import Testing

@Suite("Shopify sandbox")
struct ShopifySandboxTests {
    func cost(_ query: String, _ variables: [String: ShopifyJSON] = [:]) throws -> Int {
        guard case .success(let document) = try ShopifySchema.check(query) else { throw ShopifyGraphQLErrors([]) }
        return try ShopifyQueryCost.requested(document: document, variables: variables)
    }

    /// Hand-computed by Shopify's rules: scalars 0, objects 1, connections 2 + first × node.
    @Test func requestedCost_followsPublishedRules() throws {
        #expect(try cost("{ shop { name currencyCode } }") == 1)
        #expect(try cost("{ shop { name plan { displayName } } }") == 2)
        // 2 + 10 × (product 1 + variants(2 + 5 × variant 1)) = 2 + 10 × 8 = 82
        #expect(try cost("{ products(first: 10) { nodes { id variants(first: 5) { nodes { id sku } } } } }") == 82)
        // edges/node counts like nodes; pageInfo adds nothing.
        #expect(try cost("query($n: Int!) { products(first: $n) { pageInfo { hasNextPage } edges { node { id title } } } }", ["n": .int(25)]) == 27)
        #expect(try cost(#"mutation { inventorySetQuantities(input: {name: "available", reason: "correction", quantities: []}) { userErrors { message } } }"#) == 10)
    }

    @Test func invalidDocument_isRejectedWithShopifyShape() throws {
        guard case .failure(let errors) = try ShopifySchema.check("{ shop { nme } }") else { Issue.record("accepted"); return }
        let first = try #require(errors.entries.first)
        #expect(first.message.contains("nme"))
        #expect(first.locations.first?.line == 1)
        #expect(errors.json.encoded().count > 0)
        let text = String(decoding: errors.json.encoded(), as: UTF8.self)
        #expect(text.contains(#""code":"undefinedField""#))
    }

    @Test func overBudgetQuery_andThrottle_answerLikeShopify() async throws {
        let handle = ShopifySandboxHandle()
        var services = SandboxServices()
        services.registerShopify(options: .init(throttle: .init(bucketSize: 100, restoreRate: 1)), handle: handle)
        try await SandboxHost.withRunning(.init(products: 5), services: services) { _ in
            let backend = try #require(handle.backend)
            func post(_ query: String) async -> (Int, String) {
                let body = try! JSONSerialization.data(withJSONObject: ["query": query])
                let answer = await backend.handle(body: body, accessToken: ShopifySandbox.demoAccessToken)
                return (answer.status, String(decoding: answer.body.encoded(), as: UTF8.self))
            }
            let (_, tooBig) = await post("{ products(first: 250) { nodes { variants(first: 250) { nodes { id } } } } }")
            #expect(tooBig.contains(#""code":"MAX_COST_EXCEEDED""#))
            let (_, ok) = await post("{ products(first: 40) { nodes { id } } }") // 42 of 100
            #expect(ok.contains(#""requestedQueryCost":42"#))
            #expect(ok.contains(#""actualQueryCost":7"#)) // 2 + 5 products returned: 58 refunded
            let (_, second) = await post("{ products(first: 90) { nodes { id } } }") // 92 > 93? refill is slow
            let (_, third) = await post("{ products(first: 90) { nodes { id } } }")
            #expect(second.contains("\"data\"") || second.contains("THROTTLED"))
            #expect(third.contains(#""code":"THROTTLED""#))
            #expect(third.contains(#""actualQueryCost":null"#))
            #expect(third.contains(#""maximumAvailable":100.0"#))
            let unauthorized = await backend.handle(body: Data(), accessToken: "nope")
            #expect(unauthorized.status == 401)
        }
    }

    /// Shopify's merchant routes live under `/_sandbox/shopify/…`, so `_sandbox` is a Shopify
    /// prefix; the status endpoint must still be the sandbox's own: never counted, faulted or
    /// recorded as Shopify traffic.
    @Test func statusEndpoint_isNeverShopifyTraffic() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shopify-status-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        var services = SandboxServices()
        services.registerShopify(options: .init())
        let configuration = SandboxConfiguration(products: 3, recordURL: url, faults: FaultPlan(rate: 1, kinds: [.serviceUnavailable]))
        let statuses = try await SandboxHost.withRunning(configuration, services: services) { host in
            let base = try #require(host.baseURL).absoluteString
            var statuses: [SandboxStatus] = []
            for _ in 0..<3 {
                let reply = try await get("\(base)/_sandbox/status")
                #expect(reply.status == 200) // not the planned 503
                statuses.append(try JSONDecoder().decode(SandboxStatus.self, from: reply.body))
            }
            return statuses
        }
        for status in statuses {
            #expect(status.services == [.shopify])
            #expect(status.requests(for: .shopify).total == 0)
            #expect(status.requests.isEmpty)
            #expect(status.faultsInjected.values.allSatisfy { $0.isEmpty })
        }
        let recorded = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        #expect(recorded.isEmpty)
    }
}
