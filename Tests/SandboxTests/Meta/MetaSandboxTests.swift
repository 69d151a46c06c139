import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import Sandbox

/// The Meta stand-in spoken to with a plain HTTP client, as Meta's wire shapes.
@Suite struct MetaSandboxTests {
    static let token = MetaSandbox.demoAccessToken
    static let account = "act_\(MetaSandbox.demoAccountID)"

    struct Answer {
        var status: Int
        var headers: [String: String]
        var json: [String: Any]
    }

    static func withMeta(_ settings: MetaSandboxControls.Settings = .init(), _ body: (URL, MetaSandboxControls, SandboxHost) async throws -> Void) async throws {
        let controls = MetaSandboxControls(settings: settings)
        controls.today = Date(timeIntervalSince1970: 1_748_649_600) // 2025-05-31
        var services = SandboxServices()
        services.register(.meta, faultResponse: MetaSandbox.faultResponse) { MetaSandbox(context: $0, controls: controls) }
        try await SandboxHost.withRunning(.init(products: 10), services: services) { host in
            try await body(try #require(host.baseURL), controls, host)
        }
    }

    static func send(_ method: HTTPMethod, _ base: URL, _ pathAndQuery: String) async throws -> Answer {
        var request = HTTPClientRequest(url: base.absoluteString + "/v25.0/" + pathAndQuery)
        request.method = method
        if method != .GET { request.body = .bytes(ByteBuffer(string: "name=x")) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 4 << 20)
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return Answer(status: Int(response.status.code), headers: headers, json: json)
    }

    static func code(_ answer: Answer) -> Int? {
        (answer.json["error"] as? [String: Any])?["code"] as? Int
    }

    @Test func account_honoursFields() async throws {
        try await Self.withMeta { base, _, _ in
            let answer = try await Self.send(.GET, base, "\(Self.account)?fields=name,currency&access_token=\(Self.token)")
            #expect(answer.status == 200)
            #expect(Set(answer.json.keys) == ["id", "name", "currency"])
            #expect(answer.json["currency"] as? String == "USD")
        }
    }

    @Test func unknownFieldOrEdge_getsCode100() async throws {
        try await Self.withMeta { base, _, _ in
            for path in ["\(Self.account)?fields=name,made_up", "\(Self.account)/made_up_edge", "\(Self.account)/insights?fields=spend,product_id",
                         "\(MetaSandbox.demoCatalogID)/products?fields=retailer_id,sku"] {
                let answer = try await Self.send(.GET, base, path + (path.contains("?") ? "&" : "?") + "access_token=\(Self.token)")
                #expect(answer.status == 400, "\(path)")
                #expect(Self.code(answer) == 100, "\(path)")
            }
        }
    }

    @Test func nonGET_isRefusedAndCounted() async throws {
        try await Self.withMeta { base, controls, host in
            for method in [HTTPMethod.POST, .DELETE] {
                let answer = try await Self.send(method, base, "\(Self.account)/campaigns?access_token=\(Self.token)")
                #expect(answer.status == 400)
                #expect(Self.code(answer) == 100)
            }
            #expect(controls.refusedWrites == 2)
            let status = await host.status().requests(for: .meta)
            #expect(status.byMethod["POST"] == 1 && status.byMethod["DELETE"] == 1)
        }
    }

    @Test func usageHeaders_riseWithLoad_thenThrottle() async throws {
        try await Self.withMeta(.init(callBudget: 4, regainAfter: .seconds(120))) { base, controls, _ in
            var usages: [Int] = []
            for _ in 0..<4 {
                let answer = try await Self.send(.GET, base, "\(Self.account)?access_token=\(Self.token)")
                let usage = try #require(answer.headers["x-app-usage"]).data(using: .utf8)!
                usages.append((try JSONSerialization.jsonObject(with: usage) as? [String: Any])?["call_count"] as? Int ?? -1)
                #expect(answer.headers["x-business-use-case-usage"] != nil && answer.headers["x-ad-account-usage"] != nil)
            }
            #expect(usages == [25, 50, 75, 100])
            let throttled = try await Self.send(.GET, base, "\(Self.account)?access_token=\(Self.token)")
            #expect(Self.code(throttled) == 80_004)
            #expect(throttled.headers["x-business-use-case-usage"]?.contains(#""estimated_time_to_regain_access":2"#) == true)
            #expect(controls.throttledResponses == 1)
        }
    }

    @Test func insights_pageWithCursorsUntilNoNext() async throws {
        try await Self.withMeta { base, _, _ in
            var query = "level=campaign&time_increment=1&limit=50&fields=campaign_id,spend,date_start&time_range=%7B%22since%22%3A%222025-05-01%22%2C%22until%22%3A%222025-05-30%22%7D"
            var rows = 0
            var pages = 0
            while true {
                let answer = try await Self.send(.GET, base, "\(Self.account)/insights?\(query)&access_token=\(Self.token)")
                rows += (answer.json["data"] as? [Any])?.count ?? 0
                pages += 1
                let paging = answer.json["paging"] as? [String: Any]
                guard let next = paging?["next"] as? String, let after = (paging?["cursors"] as? [String: Any])?["after"] as? String else { break }
                #expect(!next.contains("access_token"), "recordings never hold the token")
                query = query.replacingOccurrences(of: #"&after=[^&]*"#, with: "", options: .regularExpression) + "&after=\(after)"
            }
            #expect(rows == 120)
            #expect(pages == 3)
        }
    }

    @Test func tokenStates_give190() async throws {
        try await Self.withMeta { base, controls, _ in
            #expect(Self.code(try await Self.send(.GET, base, "\(Self.account)?access_token=wrong")) == 190)
            #expect(Self.code(try await Self.send(.GET, base, Self.account)) == 104)
            controls.tokenState = .revoked
            let revoked = try await Self.send(.GET, base, "\(Self.account)?access_token=\(Self.token)")
            #expect(Self.code(revoked) == 190)
            #expect((revoked.json["error"] as? [String: Any])?["error_subcode"] as? Int == 460)
        }
    }

    @Test func demoAccount_isDeterministicAndUsesStoreSKUs() {
        let store = DemoStore.generate(products: 10, seed: 7)
        let first = MetaDemoAccount(store: store)
        let second = MetaDemoAccount(store: store)
        let campaign = first.campaigns[0]
        let day = SandboxDay("2025-05-10")!.ordinal
        #expect(first.figures(campaign, day: day, today: day + 5, restatement: 0, restatedDays: 3)
            == second.figures(campaign, day: day, today: day + 5, restatement: 0, restatedDays: 3))
        #expect(Set(first.items.map(\.retailerID)).isSubset(of: Set(store.products.flatMap(\.variants).map(\.sku))))
        // Restatement moves only the recent days.
        #expect(first.figures(campaign, day: day, today: day + 5, restatement: 1, restatedDays: 3)
            == first.figures(campaign, day: day, today: day + 5, restatement: 0, restatedDays: 3))
        #expect(first.figures(campaign, day: day, today: day + 1, restatement: 1, restatedDays: 3)
            != first.figures(campaign, day: day, today: day + 1, restatement: 0, restatedDays: 3))
    }
}
