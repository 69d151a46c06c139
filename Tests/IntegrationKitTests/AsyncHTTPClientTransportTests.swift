import Foundation
import IntegrationKit
import Testing
import Vapor

@Suite struct AsyncHTTPClientTransportTests {
    @Test func round_trips_method_headers_and_body() async throws {
        try await LoopbackServer.run(routes: { routes, _ in
            routes.put("echo") { request async -> Response in
                var headers = HTTPHeaders()
                headers.add(name: "X-Echo-Method", value: request.method.rawValue)
                headers.add(name: "X-Echo-Header", value: request.headers.first(name: "X-Custom") ?? "")
                return Response(status: .created, headers: headers, body: .init(buffer: request.body.data ?? ByteBuffer()))
            }
        }) { server in
            let transport = AsyncHTTPClientTransport(client: .shared)
            let request = OutboundRequest(method: .put, url: server.url("echo"), headers: ["X-Custom": "42"], body: Data("payload".utf8))

            let response = try await transport.execute(request, timeout: .seconds(5))

            #expect(response.status == 201)
            #expect(response.headers["x-echo-method"] == "PUT")
            #expect(response.headers["X-Echo-Header"] == "42")
            #expect(response.body == Data("payload".utf8))
        }
    }

    @Test func refuses_oversized_body() async throws {
        try await LoopbackServer.run(routes: { routes, _ in
            routes.get("big") { _ async -> Response in Response(status: .ok, body: .init(string: String(repeating: "x", count: 10_000))) }
        }) { server in
            let transport = AsyncHTTPClientTransport(client: .shared, maxResponseBytes: 1_000)

            await #expect(throws: TransportError.responseTooLarge(limit: 1_000)) {
                try await transport.execute(OutboundRequest(method: .get, url: server.url("big")), timeout: .seconds(5))
            }
        }
    }

    @Test func times_out_on_slow_server() async throws {
        try await LoopbackServer.run(routes: { routes, _ in
            routes.get("slow") { _ async throws -> Response in
                try await Task.sleep(for: .seconds(2))
                return Response(status: .ok)
            }
        }) { server in
            let transport = AsyncHTTPClientTransport(client: .shared)

            await #expect(throws: TransportError.timeout(after: .milliseconds(200))) {
                try await transport.execute(OutboundRequest(method: .get, url: server.url("slow")), timeout: .milliseconds(200))
            }
        }
    }
}
