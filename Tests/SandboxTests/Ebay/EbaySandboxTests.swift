import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import Sandbox

/// The eBay stand-in over HTTP, without the client: eBay's shapes, errors and limits.
@Suite struct EbaySandboxTests {
    struct Reply {
        var status: Int
        var headers: [(String, String)]
        var body: EbayJSON?
    }

    static func services() -> SandboxServices {
        var services = SandboxServices()
        services.register(.ebay, faultResponse: EbaySandbox.faultResponse) { EbaySandbox(context: $0) }
        return services
    }

    static func call(_ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let data = Data(buffer: try await response.body.collect(upTo: 1 << 20))
        return Reply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                     body: data.isEmpty ? nil : try? EbayJSON.parse(data))
    }

    static func token(_ base: String, grant: String = "grant_type=refresh_token&refresh_token=\(EbaySandboxCredentials.refreshToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope") async throws -> Reply {
        let basic = Data("\(EbaySandboxCredentials.appID):\(EbaySandboxCredentials.certID)".utf8).base64EncodedString()
        return try await call(.POST, base + "/identity/v1/oauth2/token",
                              headers: [("Authorization", "Basic \(basic)"), ("Content-Type", "application/x-www-form-urlencoded")], body: grant)
    }

    @Test func tokenEndpoint_issuesShortLivedTokens_andRejectsBadClients() async throws {
        try await SandboxHost.withRunning(.init(products: 3), services: Self.services()) { host in
            let base = try #require(host.baseURL).absoluteString

            let good = try await Self.token(base)
            let badClient = try await Self.call(.POST, base + "/identity/v1/oauth2/token",
                                                headers: [("Authorization", "Basic \(Data("x:y".utf8).base64EncodedString())"), ("Content-Type", "application/x-www-form-urlencoded")],
                                                body: "grant_type=client_credentials&scope=x")
            let badGrant = try await Self.token(base, grant: "grant_type=refresh_token&refresh_token=nope&scope=x")

            #expect(good.status == 200)
            #expect(good.body?["expires_in"]?.int == 120)
            #expect(good.body?["token_type"]?.string == "User Access Token")
            #expect(badClient.status == 401)
            #expect(badClient.body?["error"]?.string == "invalid_client")
            #expect(badGrant.body?["error"]?.string == "invalid_grant")
        }
    }

    @Test func apiCall_withoutToken_is401WithEbayEnvelope() async throws {
        try await SandboxHost.withRunning(.init(products: 3), services: Self.services()) { host in
            let base = try #require(host.baseURL).absoluteString

            let reply = try await Self.call(.GET, base + "/sell/inventory/v1/location")

            #expect(reply.status == 401)
            #expect(reply.body?["errors"]?.array?.first?["errorId"]?.int == 1001)
        }
    }

    @Test func bulkLimits_andRequiredHeaders() async throws {
        try await SandboxHost.withRunning(.init(products: 3), services: Self.services()) { host in
            let base = try #require(host.baseURL).absoluteString
            let token = try #require(try await Self.token(base).body?["access_token"]?.string)
            let auth = [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")]
            let items = (0..<26).map { #"{"sku":"S\#($0)"}"# }.joined(separator: ",")
            let url = base + "/sell/inventory/v1/bulk_create_or_replace_inventory_item"

            let tooMany = try await Self.call(.POST, url, headers: auth + [("Content-Language", "en-US")], body: #"{"requests":[\#(items)]}"#)
            let noLanguage = try await Self.call(.POST, url, headers: auth, body: #"{"requests":[{"sku":"A"}]}"#)
            let undeclared = try await Self.call(.POST, url, headers: auth + [("Content-Language", "en-US")], body: #"{"requests":[{"sku":"A","colour":"red"}]}"#)
            let longSKU = try await Self.call(.POST, url, headers: auth + [("Content-Language", "en-US")],
                                              body: #"{"requests":[{"sku":"\#(String(repeating: "A", count: 51))"},{"sku":"OK","availability":{"shipToLocationAvailability":{"quantity":-1}}}]}"#)

            #expect(tooMany.status == 400)
            #expect(tooMany.body?["errors"]?.array?.first?["errorId"]?.int == 25727)
            #expect(noLanguage.status == 400)
            #expect(undeclared.status == 400)
            #expect(undeclared.body?["errors"]?.array?.first?["message"]?.string?.contains("colour: undeclared field") == true)
            #expect(longSKU.status == 207)
            #expect(longSKU.body?["responses"]?.array?.compactMap { $0["errors"]?.array?.first?["errorId"]?.int } == [25707, 25004])
        }
    }

    @Test func revisions_areLimitedTo250PerListingPerDay() async throws {
        try await SandboxHost.withRunning(.init(products: 3), services: Self.services()) { host in
            let state = EbaySandbox.state(of: host.context)
            var settings = state.settings
            settings.revisionsPerListingPerDay = 2
            state.settings = settings
            let allowed = state.box.withLock { store in (0..<3).map { _ in state.revise(&store, listingID: "L1") } }

            #expect(allowed == [true, true, false])
        }
    }

    @Test func injectedFault_usesEbayErrorEnvelope_andRecordingRedactsSecrets() async throws {
        let record = FileManager.default.temporaryDirectory.appendingPathComponent("ebay-sandbox-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: record) }
        try await SandboxHost.withRunning(.init(products: 3, recordURL: record), services: Self.services()) { host in
            let base = try #require(host.baseURL).absoluteString
            let token = try #require(try await Self.token(base).body?["access_token"]?.string)
            host.faults = FaultPlan(rate: 1, kinds: [.serviceUnavailable], services: [.ebay])

            let reply = try await Self.call(.GET, base + "/sell/fulfillment/v1/order", headers: [("Authorization", "Bearer \(token)")])

            #expect(reply.status == 503)
            #expect(reply.body?["errors"]?.array?.first?["errorId"]?.int == 30500)
        }
        let lines = try String(contentsOf: record, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let text = lines.joined(separator: "\n")
        #expect(!text.contains(EbaySandboxCredentials.refreshToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!))
        #expect(!text.contains("sandbox-access-"))
        #expect(text.contains("\"Authorization\":\"[REDACTED]\""))
        #expect(lines.first?.hasPrefix(#"{"service":"ebay","method":"POST","path":"/identity/v1/oauth2/token""#) == true)
    }
}
