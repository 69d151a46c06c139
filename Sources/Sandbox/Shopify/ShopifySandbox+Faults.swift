import Vapor

extension ShopifySandbox {
    /// Injected status faults in Shopify's Admin API error shape: `{"errors": "<text>"}`.
    public static let faultResponse: FaultResponse = { kind, _, _ in
        let text: String
        let status: HTTPResponseStatus
        switch kind {
        case .tooManyRequests:
            status = .tooManyRequests
            text = "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."
        case .serviceUnavailable:
            status = .serviceUnavailable
            text = "Service Unavailable"
        case .internalServerError:
            status = .internalServerError
            text = "Internal Server Error"
        default:
            return nil
        }
        return json(ShopifyBackend.Answer(status: Int(status.code), body: .object([("errors", .string(text))])))
    }
}
