import Vapor

/// The one place vendor traffic passes through: count it, inject the planned fault, record
/// it. The outermost middleware, so the recording holds exactly what the client got,
/// faults and error pages included. Requests that belong to no service, and the sandbox's
/// own status endpoint, pass untouched. A request body is recorded when it was collected
/// (Vapor's default for routes); a route that streams its body records `null`.
struct SandboxTrafficMiddleware: AsyncMiddleware {
    let runtime: SandboxRuntime

    /// How often a held-back (`.timeout`) answer checks whether the host is stopping.
    static let stopPoll: Duration = .milliseconds(50)
    static let faultHeader = "X-Sandbox-Fault"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // The sandbox's own routes (`/_sandbox/status`) are checked first: Shopify's merchant
        // routes (`/_sandbox/shopify/…`) make `_sandbox` a Shopify prefix otherwise.
        guard request.route?.userInfo[SandboxHost.untrackedKey] as? Bool != true,
              request.url.path != "/" + SandboxHost.statusPath.map(\.description).joined(separator: "/"),
              let service = runtime.service(for: request) else {
            return try await next.respond(to: request)
        }
        let ordinal = await runtime.traffic.admit(service, method: request.method.rawValue)
        let plan = runtime.faults
        let fault = plan?.fault(forRequest: ordinal, to: service)
        if let fault {
            await runtime.traffic.injected(fault, into: service)
        }

        var sentBody: Data?
        let response: Response
        do {
            if let plan, let fault {
                (response, sentBody) = try await respond(to: request, with: fault, plan: plan, service: service, next: next)
            } else {
                response = try await next.respond(to: request)
                sentBody = response.body.data
            }
        } catch {
            await record(service: service, request: request, status: 500, contentType: nil, response: nil)
            throw error
        }
        await record(
            service: service, request: request, status: Int(response.status.code),
            contentType: response.headers.first(name: .contentType), response: sentBody
        )
        return response
    }

    /// The faulted response, and the body bytes the client will actually receive.
    private func respond(
        to request: Request, with fault: FaultKind, plan: FaultPlan,
        service: SandboxService, next: any AsyncResponder
    ) async throws -> (Response, Data?) {
        switch fault {
        case .tooManyRequests, .internalServerError, .serviceUnavailable:
            if runtime.recorder != nil, request.body.data == nil {
                // The route never ran, so nothing collected the body; do it for the record.
                _ = try? await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
            }
            let response = runtime.faultResponse(for: service)?(fault, plan, request) ?? Self.genericResponse(fault, plan: plan)
            if fault == .tooManyRequests, !response.headers.contains(name: .retryAfter) {
                response.headers.replaceOrAdd(name: .retryAfter, value: String(plan.retryAfterSeconds))
            }
            response.headers.replaceOrAdd(name: Self.faultHeader, value: fault.rawValue)
            return (response, response.body.data)

        case .timeout:
            await holdBack(for: plan.delay)
            let response = try await next.respond(to: request)
            response.headers.replaceOrAdd(name: Self.faultHeader, value: fault.rawValue)
            return (response, response.body.data)

        case .malformedBody:
            let response = try await next.respond(to: request)
            // Valid JSON never starts with "<": whatever the real body was, this isn't JSON.
            let malformed = Data("<!-- sandbox fault: malformed body -->".utf8) + (response.body.data ?? Data())
            response.body = Response.Body(data: malformed)
            response.headers.replaceOrAdd(name: Self.faultHeader, value: fault.rawValue)
            return (response, malformed)

        case .truncatedBody:
            let response = try await next.respond(to: request)
            let full = response.body.data ?? Data()
            let sent = full.prefix(full.count / 2)
            // Promise the whole length, send half, then fail the stream: the server closes
            // the connection mid-body, as a dropped upstream does. (Vapor wants the failure
            // written to the stream, not thrown.)
            response.body = Response.Body(asyncStream: { writer in
                if !sent.isEmpty {
                    try await writer.writeBuffer(ByteBuffer(bytes: sent))
                }
                try await writer.write(.error(Abort(.internalServerError, reason: "sandbox fault: truncated body")))
            }, count: max(full.count, 1))
            response.headers.replaceOrAdd(name: Self.faultHeader, value: fault.rawValue)
            return (response, Data(sent))
        }
    }

    /// Sleeps for `delay`, but no longer than the host keeps running, so a held-back answer
    /// never holds up `shutdown()`.
    private func holdBack(for delay: Duration) async {
        let clock = ContinuousClock()
        let deadline = clock.now + delay
        while clock.now < deadline, !runtime.isStopping, !Task.isCancelled {
            try? await Task.sleep(for: min(Self.stopPoll, deadline - clock.now))
        }
    }

    static func genericResponse(_ fault: FaultKind, plan: FaultPlan) -> Response {
        let (status, message): (HTTPResponseStatus, String) = switch fault {
        case .tooManyRequests: (.tooManyRequests, "Too many requests")
        case .serviceUnavailable: (.serviceUnavailable, "Service unavailable")
        default: (.internalServerError, "Internal server error")
        }
        var headers = HTTPHeaders()
        headers.contentType = .json
        let body = #"{"errors":[{"message":"\#(message) (sandbox fault injection)"}]}"#
        return Response(status: status, headers: headers, body: .init(string: body))
    }

    private func record(service: SandboxService, request: Request, status: Int, contentType: String?, response: Data?) async {
        guard let recorder = runtime.recorder else { return }
        let body = request.body.data.map { Data($0.readableBytesView) }
        let exchange = Exchange(
            service: service, method: request.method.rawValue,
            path: request.url.path, query: request.url.query,
            headers: request.headers, body: body,
            status: status, responseContentType: contentType, response: response
        )
        do {
            try await recorder.record(exchange)
        } catch {
            // A full disk must not turn into failed vendor calls; the log says what's missing.
            runtime.logger.warning("sandbox recording failed: \(error)")
        }
    }
}
