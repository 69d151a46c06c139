import Foundation
import IntegrationKit
import Testing
import Vapor

/// Retry behaviour over real HTTP against a loopback Vapor server.
@Suite struct IntegrationClientRetryTests {
    @Test func retry_503_then_200_succeeds() async throws {
        try await LoopbackServer.run(routes: { routes, hits in
            routes.get("flaky") { _ async -> Response in
                await hits.record("flaky") == 1
                    ? Response(status: .serviceUnavailable)
                    : Response(status: .ok, body: .init(string: "ok"))
            }
        }) { server in
            let client = makeClient()

            let response = try await client.send(OutboundRequest(method: .get, url: server.url("flaky")))

            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "ok")
            #expect(await server.hits.count("flaky") == 2)
        }
    }

    @Test(arguments: [400, 401, 403, 404, 409, 422])
    func client_errors_are_never_retried(status: Int) async throws {
        try await LoopbackServer.run(routes: { routes, hits in
            routes.get("fail") { _ async -> Response in
                _ = await hits.record("fail")
                return Response(status: .init(statusCode: status), body: .init(string: #"{"errors":[{"message":"nope"}]}"#))
            }
        }) { server in
            let client = makeClient()

            let error = await #expect(throws: IntegrationError.self) {
                try await client.send(OutboundRequest(method: .get, url: server.url("fail")))
            }

            #expect(await server.hits.count("fail") == 1)
            guard case .httpStatus(let failure) = error else {
                Issue.record("expected httpStatus, got \(String(describing: error))")
                return
            }
            #expect(failure.status == status)
            #expect(String(decoding: failure.body, as: UTF8.self) == #"{"errors":[{"message":"nope"}]}"#)
        }
    }

    @Test func retry_429_waits_for_retry_after_seconds() async throws {
        try await LoopbackServer.run(routes: { routes, hits in
            routes.post("throttled") { _ async -> Response in
                await hits.record("throttled") == 1
                    ? Response(status: .tooManyRequests, headers: ["Retry-After": "1"])
                    : Response(status: .ok)
            }
        }) { server in
            let client = makeClient()
            // Not idempotent: a 429 means the request was not processed, so it is still resent.
            let request = OutboundRequest(method: .post, url: server.url("throttled"), body: Data("{}".utf8))
            #expect(!request.isIdempotent)

            let response = try await client.send(request)

            #expect(response.status == 200)
            let instants = await server.hits.instants("throttled")
            #expect(instants.count == 2)
            #expect(instants[0].duration(to: instants[1]) >= .seconds(1))
        }
    }

    @Test func retry_429_waits_for_retry_after_http_date() async throws {
        try await LoopbackServer.run(routes: { routes, hits in
            routes.get("dated") { _ async -> Response in
                guard await hits.record("dated") == 1 else { return Response(status: .ok) }
                // HTTP-dates have whole seconds: 2 s ahead waits more than 1 s.
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = TimeZone(identifier: "GMT")
                formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
                return Response(status: .tooManyRequests, headers: ["Retry-After": formatter.string(from: Date().addingTimeInterval(2))])
            }
        }) { server in
            let response = try await makeClient().send(OutboundRequest(method: .get, url: server.url("dated")))

            #expect(response.status == 200)
            let instants = await server.hits.instants("dated")
            #expect(instants[0].duration(to: instants[1]) >= .seconds(1))
        }
    }

    @Test func retry_after_beyond_limit_is_not_waited_for() async throws {
        try await LoopbackServer.run(routes: { routes, hits in
            routes.get("later") { _ async -> Response in
                _ = await hits.record("later")
                return Response(status: .tooManyRequests, headers: ["Retry-After": "3600"])
            }
        }) { server in
            let error = await #expect(throws: IntegrationError.self) {
                try await makeClient().send(OutboundRequest(method: .get, url: server.url("later")))
            }

            #expect(await server.hits.count("later") == 1)
            #expect(error?.status == 429)
            #expect(error?.retryAfter == .seconds(3600))
        }
    }

    @Test func non_idempotent_request_is_not_retried_on_500() async throws {
        try await LoopbackServer.run(routes: { routes, hits in
            routes.post("create") { _ async -> Response in
                _ = await hits.record("create")
                return Response(status: .internalServerError)
            }
        }) { server in
            let error = await #expect(throws: IntegrationError.self) {
                try await makeClient().send(OutboundRequest(method: .post, url: server.url("create"), body: Data("{}".utf8)))
            }

            #expect(await server.hits.count("create") == 1)
            #expect(error?.status == 500)
        }
    }

    @Test func post_marked_idempotent_is_retried_on_500() async throws {
        try await LoopbackServer.run(routes: { routes, hits in
            routes.post("graphql") { _ async -> Response in
                await hits.record("graphql") == 1 ? Response(status: .internalServerError) : Response(status: .ok)
            }
        }) { server in
            let request = OutboundRequest(method: .post, url: server.url("graphql"), body: Data("{}".utf8), isIdempotent: true)

            let response = try await makeClient().send(request)

            #expect(response.status == 200)
            #expect(await server.hits.count("graphql") == 2)
        }
    }

    @Test func persistent_503_exhausts_attempts() async throws {
        try await LoopbackServer.run(routes: { routes, hits in
            routes.get("down") { _ async -> Response in
                _ = await hits.record("down")
                return Response(status: .serviceUnavailable)
            }
        }) { server in
            let error = await #expect(throws: IntegrationError.self) {
                try await makeClient().send(OutboundRequest(method: .get, url: server.url("down")))
            }

            #expect(await server.hits.count("down") == 3)
            guard case .retriesExhausted(let attempts, let last) = error else {
                Issue.record("expected retriesExhausted, got \(String(describing: error))")
                return
            }
            #expect(attempts == 3)
            #expect(last.status == 503)
            #expect(error?.isTransient == true)
        }
    }

    @Test func timeout_is_retried_for_idempotent_request() async throws {
        try await LoopbackServer.run(routes: { routes, hits in
            routes.get("slow") { _ async throws -> Response in
                if await hits.record("slow") == 1 { try await Task.sleep(for: .seconds(4)) }
                return Response(status: .ok)
            }
        }) { server in
            let client = makeClient(timeout: .seconds(1))

            let response = try await client.send(OutboundRequest(method: .get, url: server.url("slow")))

            // The first attempt timed out and was retried; on a loaded machine a retry may
            // time out too, so "at least one retry" is the claim.
            #expect(response.status == 200)
            #expect(await server.hits.count("slow") >= 2)
        }
    }

    @Test func timeout_is_not_retried_for_non_idempotent_request() async throws {
        try await LoopbackServer.run(routes: { routes, hits in
            routes.post("slow") { _ async throws -> Response in
                _ = await hits.record("slow")
                try await Task.sleep(for: .seconds(2))
                return Response(status: .ok)
            }
        }) { server in
            let client = makeClient(timeout: .milliseconds(300))
            let started = ContinuousClock.now

            let error = await #expect(throws: IntegrationError.self) {
                try await client.send(OutboundRequest(method: .post, url: server.url("slow"), body: Data("{}".utf8)))
            }

            // One hit is the proof: `send` returns only after its last attempt, and a retry
            // would have reached the server again. (No wall-clock bound: CI machines are busy.)
            _ = started
            #expect(await server.hits.count("slow") == 1)
            guard case .timeout(_, let after) = error else {
                Issue.record("expected timeout, got \(String(describing: error))")
                return
            }
            #expect(after == .milliseconds(300))
        }
    }

    @Test func refused_connection_is_retried_then_reported() async throws {
        try await withRefusingLoopbackPort { port in
            // AHC's pool keeps reconnecting until the deadline, then reports the connection error.
            let client = makeClient(timeout: .milliseconds(500))

            let error = await #expect(throws: IntegrationError.self) {
                try await client.send(OutboundRequest(method: .get, url: URL(string: "http://127.0.0.1:\(port)/nothing")!))
            }

            // AHC reports the refused connection at the deadline; on a loaded machine our own
            // timer (deadline + grace) may fire first. Either way: three attempts, no response.
            switch error {
            case .retriesExhausted(3, .transport(_, .connection)), .retriesExhausted(3, .timeout):
                break
            default:
                Issue.record("expected 3 attempts ending without a response, got \(String(describing: error))")
            }
        }
    }
}
