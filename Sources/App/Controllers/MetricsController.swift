import Vapor

/// `GET /metrics`: every swift-metrics metric of the process in Prometheus text format.
enum MetricsController {
    @Sendable
    static func metrics(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: Telemetry.registry.emitToString()))
    }
}
