import Foundation
import IntegrationKit
import Logging
import Testing
import Vapor

/// What an exchange leaves behind: logs with request id and redacted URL, metrics by outcome.
@Suite struct IntegrationClientObservabilityTests {
    @Test func logs_carry_request_id_attempt_status_and_redacted_url() async throws {
        try await LoopbackServer.run(routes: { routes, hits in
            routes.get("insights") { request async -> Response in
                let number = await hits.record("insights")
                var headers = HTTPHeaders()
                headers.add(name: "X-Request-Id", value: "vendor-\(number)")
                headers.add(name: "X-Seen-Request-Id", value: request.headers.first(name: "X-Request-ID") ?? "")
                return Response(status: number == 1 ? .badGateway : .ok, headers: headers)
            }
        }) { server in
            let logs = LogCapture()
            let client = makeClient(logs: logs, requestIDHeader: "X-Request-ID")
            var url = URLComponents(url: server.url("insights"), resolvingAgainstBaseURL: false)!
            url.queryItems = [.init(name: "fields", value: "spend"), .init(name: "access_token", value: "EAAB-secret-token")]

            let response = try await client.send(OutboundRequest(method: .get, url: url.url!, operation: "insights"))

            let entries = logs.entries
            #expect(entries.count == 2)
            let requestID = try #require(entries.first?.metadata["request_id"]?.description)
            #expect(!requestID.isEmpty)
            #expect(entries.allSatisfy { $0.metadata["request_id"]?.description == requestID })
            // The same request id went out on the wire, on both attempts.
            #expect(response.headers["X-Seen-Request-Id"] == requestID)
            #expect(entries.map { $0.metadata["attempt"]?.description } == ["1", "2"])
            #expect(entries.map { $0.metadata["status"]?.description } == ["502", "200"])
            #expect(entries.map(\.level) == [.notice, .debug])
            #expect(entries[1].metadata["vendor_request_id"]?.description == "vendor-2")
            #expect(entries[0].metadata["retry_reason"]?.description == "server_error(502)")
            #expect(entries.allSatisfy { $0.metadata["operation"]?.description == "insights" && $0.metadata["duration_ms"] != nil })
            #expect(entries[1].message.contains("GET http://127.0.0.1:\(server.port)/insights?fields=spend&access_token=[REDACTED] -> 200"))
            #expect(!logs.rendered.contains("EAAB-secret-token"))
        }
    }

    @Test func metrics_count_attempts_retries_and_durations_by_outcome() async throws {
        try await LoopbackServer.run(routes: { routes, hits in
            routes.get("flaky") { _ async -> Response in
                await hits.record("flaky") == 1 ? Response(status: .tooManyRequests, headers: ["Retry-After": "0"]) : Response(status: .ok)
            }
            routes.get("missing") { _ async -> Response in Response(status: .notFound) }
        }) { server in
            let metrics = CapturingMetrics()
            let client = makeClient(metrics: metrics)

            _ = try await client.send(OutboundRequest(method: .get, url: server.url("flaky")))
            _ = try? await client.send(OutboundRequest(method: .get, url: server.url("missing")))

            let requests = IntegrationMetrics.requestsTotal
            #expect(metrics.counter(requests, [("service", "test"), ("outcome", "rate_limited")]) == 1)
            #expect(metrics.counter(requests, [("service", "test"), ("outcome", "success")]) == 1)
            #expect(metrics.counter(requests, [("service", "test"), ("outcome", "client_error")]) == 1)
            #expect(metrics.counter(IntegrationMetrics.retriesTotal, [("service", "test"), ("reason", "rate_limited")]) == 1)
            let durations = metrics.timerValues(IntegrationMetrics.requestDuration, [("service", "test"), ("outcome", "success")])
            #expect(durations.count == 1)
            #expect(durations.allSatisfy { $0 > 0 })
        }
    }

    @Test func error_description_is_redacted() async throws {
        try await LoopbackServer.run(routes: { routes, _ in
            routes.post("token") { _ async -> Response in
                Response(status: .badRequest, body: .init(string: #"{"error":"invalid_grant","refresh_token":"r-echoed-back","error_description":"bad"}"#))
            }
        }) { server in
            let client = makeClient()

            let error = await #expect(throws: IntegrationError.self) {
                try await client.send(OutboundRequest(method: .post, url: server.url("token"), body: Data("grant_type=refresh_token".utf8)))
            }

            let text = String(describing: error)
            #expect(text.contains("HTTP 400"))
            #expect(text.contains("invalid_grant"))
            #expect(!text.contains("r-echoed-back"))
            // The raw body stays available to the vendor client for decoding.
            let rawBody = String(decoding: error?.httpFailure?.body ?? Data(), as: UTF8.self)
            #expect(rawBody.contains("r-echoed-back"))
        }
    }

    @Test func limiter_sees_every_attempt() async throws {
        try await LoopbackServer.run(routes: { routes, hits in
            routes.get("throttle") { _ async -> Response in
                await hits.record("throttle") <= 2 ? Response(status: .tooManyRequests, headers: ["Retry-After": "0"]) : Response(status: .ok)
            }
        }) { server in
            let limiter = AdaptiveConcurrencyLimiter(initialLimit: 8, maximumLimit: 8, decreaseCooldown: .zero)
            let client = makeClient(rateLimiter: limiter)

            _ = try await client.send(OutboundRequest(method: .get, url: server.url("throttle")))

            #expect(await limiter.limit == 2)
            #expect(await limiter.inFlight == 0)
        }
    }
}
