import AsyncHTTPClient
import Foundation
import Testing
import Vapor
@testable import Sandbox

/// A stand-in for a vendor slice: two Shopify-shaped routes.
struct EchoVendor: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("admin", "api", "2025-01")
        api.post("graphql.json") { request async throws -> Response in
            let body = request.body.data.map { String(buffer: $0) } ?? ""
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(status: .ok, headers: headers, body: .init(string: #"{"data":{"echo":\#(body.isEmpty ? "null" : body)}}"#))
        }
        api.get("shop.json") { _ async -> Response in
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(status: .ok, headers: headers, body: .init(string: #"{"shop":{"name":"ShoppyShop Demo Store","padding":"0123456789abcdefghij"}}"#))
        }
    }
}

@Suite struct SandboxHostTests {
    static let echo = SandboxServices([.init(.shopify) { _ in EchoVendor() }])

    @Test func start_portZero_answersStatusOverHTTP() async throws {
        let configuration = SandboxConfiguration(port: 0, products: 20, seed: 4)

        let (port, status) = try await SandboxHost.withRunning(configuration, services: Self.echo) { host in
            let port = try #require(host.port)
            let response = try await get("http://127.0.0.1:\(port)/_sandbox/status")
            #expect(response.status == 200)
            return (port, try JSONDecoder().decode(SandboxStatus.self, from: response.body))
        }

        #expect(port > 0)
        #expect(status.services == [.shopify])
        #expect(status.demoStore.products == 20)
        #expect(status.demoStore.seed == 4)
        #expect(status.requests.isEmpty)
        #expect(status.faults == nil)
        #expect(status.recording == nil)
    }

    @Test func status_countsRequestsPerServiceAndMethod() async throws {
        let status = try await SandboxHost.withRunning(services: Self.echo) { host in
            let base = try #require(host.baseURL).absoluteString
            _ = try await get("\(base)/admin/api/2025-01/shop.json")
            _ = try await get("\(base)/admin/api/2025-01/shop.json")
            _ = try await post("\(base)/admin/api/2025-01/graphql.json", body: #"{"query":"{ shop { name } }"}"#)
            // No such route, but under a Shopify path: still Shopify's traffic.
            let missing = try await get("\(base)/admin/api/2025-01/nothing.json")
            #expect(missing.status == 404)
            // Nobody's path: not counted.
            _ = try await get("\(base)/elsewhere")
            return try JSONDecoder().decode(SandboxStatus.self, from: try await get("\(base)/_sandbox/status").body)
        }

        #expect(status.requests(for: .shopify) == .init(total: 4, byMethod: ["GET": 3, "POST": 1]))
        #expect(status.requests(for: .ebay).total == 0)
        #expect(status.requests.count == 1)
    }

    @Test func record_exchange_writesRedactedJSONLine() async throws {
        let url = temporaryFile("host")
        defer { try? FileManager.default.removeItem(at: url) }
        let configuration = SandboxConfiguration(recordURL: url)

        try await SandboxHost.withRunning(configuration, services: Self.echo) { host in
            let base = try #require(host.baseURL).absoluteString
            let response = try await post(
                "\(base)/admin/api/2025-01/graphql.json?access_token=query-secret",
                body: #"{"query":"{ shop { name } }"}"#,
                headers: ["Authorization": "Bearer very-secret-token", "X-Shopify-Access-Token": "shpat_secret"]
            )
            #expect(response.status == 200)
            _ = try await get("\(base)/_sandbox/status")
        }

        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n")
        let line = try #require(lines.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let headers = try #require(object["headers"] as? [String: String])
        #expect(lines.count == 1)  // the status call is the sandbox's own, not a vendor's
        #expect(object["service"] as? String == "shopify")
        #expect(object["method"] as? String == "POST")
        #expect(object["path"] as? String == "/admin/api/2025-01/graphql.json")
        #expect(object["query"] as? [String: String] == ["access_token": "[REDACTED]"])
        #expect(headers["Authorization"] == "[REDACTED]")
        #expect(headers["X-Shopify-Access-Token"] == "[REDACTED]")
        #expect((object["body"] as? [String: String])?["query"] == "{ shop { name } }")
        #expect(object["status"] as? Int == 200)
        #expect(((object["response"] as? [String: Any])?["data"] as? [String: Any])?["echo"] != nil)
        #expect(!text.contains("very-secret-token") && !text.contains("shpat_secret") && !text.contains("query-secret"))
    }

    @Test func shutdown_releasesPort_andIsIdempotent() async throws {
        let host = try await SandboxHost(services: Self.echo)
        try await host.start()
        let port = try #require(host.port)

        await host.shutdown()
        await host.shutdown()

        #expect(host.port == nil)
        // AsyncHTTPClient retries a refused connection until the deadline: keep it short.
        await #expect(throws: (any Error).self) {
            _ = try await get("http://127.0.0.1:\(port)/_sandbox/status", timeoutMilliseconds: 500)
        }
        await #expect(throws: SandboxHost.Failure.alreadyStopped) {
            try await host.start()
        }
    }

    @Test func mount_afterStart_refused() async throws {
        try await SandboxHost.withRunning(services: .init()) { host in
            #expect(throws: SandboxHost.Failure.alreadyStarted) {
                try host.mount(.meta, routes: EchoVendor())
            }
        }
    }

    @Test func shutdown_neverStarted_isClean() async throws {
        let host = try await SandboxHost(services: Self.echo)

        await host.shutdown()

        #expect(host.port == nil)
    }

    @Test func hosts_run_sideBySide() async throws {
        try await SandboxHost.withRunning(services: Self.echo) { one in
            try await SandboxHost.withRunning(services: Self.echo) { two in
                let reply = try await get("\(two.baseURL!.absoluteString)/_sandbox/status")
                #expect(one.port != two.port)
                #expect(reply.status == 200)
            }
        }
    }
}

@Suite struct SandboxFaultTests {
    static let echo = SandboxHostTests.echo

    @Test func fault_tooManyRequests_429WithRetryAfter() async throws {
        let configuration = SandboxConfiguration(faults: FaultPlan(rate: 1, kinds: [.tooManyRequests], retryAfterSeconds: 7))

        let (response, status) = try await SandboxHost.withRunning(configuration, services: Self.echo) { host in
            let response = try await get("\(host.baseURL!.absoluteString)/admin/api/2025-01/shop.json")
            return (response, await host.status())
        }

        #expect(response.status == 429)
        #expect(response.headers.first(name: "Retry-After") == "7")
        #expect(status.faultsInjected == ["shopify": ["429": 1]])
        #expect(status.faults?.rate == 1)
    }

    @Test func fault_vendorShape_replacesGenericBody() async throws {
        let services = SandboxServices([.init(.shopify, faultResponse: { kind, _, _ in
            kind == .serviceUnavailable ? Response(status: .serviceUnavailable, body: "shopify is down") : nil
        }) { _ in EchoVendor() }])
        let configuration = SandboxConfiguration(faults: FaultPlan(rate: 1, kinds: [.serviceUnavailable]))

        let response = try await SandboxHost.withRunning(configuration, services: services) { host in
            try await get("\(host.baseURL!.absoluteString)/admin/api/2025-01/shop.json")
        }

        #expect(response.status == 503)
        #expect(String(decoding: response.body, as: UTF8.self) == "shopify is down")
    }

    @Test func fault_malformedBody_isNotJSON() async throws {
        let configuration = SandboxConfiguration(faults: FaultPlan(rate: 1, kinds: [.malformedBody]))

        let response = try await SandboxHost.withRunning(configuration, services: Self.echo) { host in
            try await get("\(host.baseURL!.absoluteString)/admin/api/2025-01/shop.json")
        }

        #expect(response.status == 200)
        #expect(response.headers.first(name: "Content-Type")?.contains("json") == true)
        #expect((try? JSONSerialization.jsonObject(with: response.body)) == nil)
    }

    @Test func fault_truncatedBody_connectionClosesEarly() async throws {
        let url = temporaryFile("truncated")
        defer { try? FileManager.default.removeItem(at: url) }
        let configuration = SandboxConfiguration(recordURL: url, faults: FaultPlan(rate: 1, kinds: [.truncatedBody]))

        try await SandboxHost.withRunning(configuration, services: Self.echo) { host in
            await #expect(throws: (any Error).self) {
                _ = try await get("\(host.baseURL!.absoluteString)/admin/api/2025-01/shop.json")
            }
        }

        let line = try #require(try String(contentsOf: url, encoding: .utf8).split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect((object["response"] as? String)?.hasPrefix(#"{"shop":"#) == true)
    }

    @Test func fault_timeout_holdsAnswerButNotShutdown() async throws {
        let configuration = SandboxConfiguration(faults: FaultPlan(rate: 1, kinds: [.timeout], delay: .seconds(60)))
        let host = try await SandboxHost(configuration: configuration, services: Self.echo)
        try await host.start()
        let base = host.baseURL!.absoluteString

        await #expect(throws: HTTPClientError.deadlineExceeded) {
            _ = try await get("\(base)/admin/api/2025-01/shop.json", timeoutMilliseconds: 300)
        }
        let clock = ContinuousClock()
        let elapsed = await clock.measure { await host.shutdown() }

        #expect(elapsed < .seconds(2))
    }

    @Test func fault_rateZero_injectsNothing() async throws {
        let configuration = SandboxConfiguration(faults: FaultPlan(rate: 0))

        let (codes, status) = try await SandboxHost.withRunning(configuration, services: Self.echo) { host in
            var codes: [UInt] = []
            for _ in 0..<25 {
                codes.append(try await get("\(host.baseURL!.absoluteString)/admin/api/2025-01/shop.json").status)
            }
            return (codes, await host.status())
        }

        #expect(codes == Array(repeating: 200, count: 25))
        #expect(status.faultsInjected.isEmpty)
    }

    @Test func fault_sameSeed_sameFaultsOverHTTP() async throws {
        let plan = FaultPlan(rate: 0.5, kinds: [.tooManyRequests, .internalServerError, .serviceUnavailable], seed: 21)

        func run() async throws -> [UInt] {
            try await SandboxHost.withRunning(SandboxConfiguration(faults: plan), services: Self.echo) { host in
                var codes: [UInt] = []
                for _ in 0..<30 {
                    codes.append(try await get("\(host.baseURL!.absoluteString)/admin/api/2025-01/shop.json").status)
                }
                return codes
            }
        }

        let first = try await run()
        let second = try await run()
        let expected = (0..<30).map { ordinal -> UInt in
            switch plan.fault(forRequest: UInt64(ordinal), to: .shopify) {
            case nil: 200
            case .tooManyRequests: 429
            case .serviceUnavailable: 503
            default: 500
            }
        }

        #expect(first == second)
        #expect(first == expected)
        #expect(Set(first).count > 1)
    }

    @Test func faults_setWhileRunning_applyFromThen() async throws {
        try await SandboxHost.withRunning(services: Self.echo) { host in
            let base = host.baseURL!.absoluteString
            let before = try await get("\(base)/admin/api/2025-01/shop.json").status

            host.faults = FaultPlan(rate: 1, kinds: [.internalServerError])
            let during = try await get("\(base)/admin/api/2025-01/shop.json").status
            let sandboxOwn = try await get("\(base)/_sandbox/status").status

            host.faults = nil
            let after = try await get("\(base)/admin/api/2025-01/shop.json").status

            #expect([before, during, sandboxOwn, after] == [200, 500, 200, 200])  // the sandbox's own routes never fault
        }
    }
}

@Suite struct SandboxConfigurationTests {
    @Test func environment_empty_defaults() throws {
        let configuration = try SandboxConfiguration(environment: [:])

        #expect(configuration == SandboxConfiguration())
    }

    @Test func environment_complete_parsed() throws {
        let configuration = try SandboxConfiguration(environment: [
            "SANDBOX_PORT": "8089", "SANDBOX_PRODUCTS": "2000", "SANDBOX_SEED": "7",
            "SANDBOX_RECORD": "/tmp/x.jsonl", "SANDBOX_FAULT_RATE": "0.05",
            "SANDBOX_FAULT_KINDS": "429, 503,truncated", "SANDBOX_FAULT_DELAY_SECONDS": "5",
        ])

        #expect(configuration.port == 8089)
        #expect(configuration.products == 2_000)
        #expect(configuration.seed == 7)
        #expect(configuration.recordURL?.path == "/tmp/x.jsonl")
        #expect(configuration.faults == FaultPlan(rate: 0.05, kinds: [.tooManyRequests, .serviceUnavailable, .truncatedBody], seed: 7, delay: .seconds(5)))
    }

    @Test func environment_problems_allReportedTogether() {
        #expect {
            try SandboxConfiguration(environment: [
                "SANDBOX_PORT": "70000", "SANDBOX_PRODUCTS": "many", "SANDBOX_FAULT_RATE": "2", "SANDBOX_FAULT_KINDS": "418",
            ])
        } throws: { error in
            (error as? SandboxConfiguration.Problems)?.messages.count == 4
        }
    }
}

// MARK: - A real HTTP client

struct Reply: Sendable {
    var status: UInt
    var headers: HTTPHeaders
    var body: Data
}

func get(_ url: String, timeoutMilliseconds: Int64 = 10_000) async throws -> Reply {
    try await send(HTTPClientRequest(url: url), timeoutMilliseconds: timeoutMilliseconds)
}

func post(_ url: String, body: String, headers: HTTPHeaders = [:]) async throws -> Reply {
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    request.headers = headers
    request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(string: body))
    return try await send(request, timeoutMilliseconds: 10_000)
}

private func send(_ request: HTTPClientRequest, timeoutMilliseconds: Int64) async throws -> Reply {
    let response = try await HTTPClient.shared.execute(request, timeout: .milliseconds(timeoutMilliseconds))
    let body = try await response.body.collect(upTo: 1 << 22)
    return Reply(status: response.status.code, headers: response.headers, body: Data(body.readableBytesView))
}
