import Foundation
import Vapor

// Notification API v1: `getPublicKey` for `X-EBAY-SIGNATURE` verification.
extension EbaySandbox {
    func bootNotification(_ routes: any RoutesBuilder) {
        routes.get("commerce", "notification", "v1", "public_key", ":id", use: guarded(getPublicKey))
    }

    @Sendable func getPublicKey(_ call: Call) async throws -> Response {
        guard call.request.parameters.get("id") == notifier.keyID else {
            return EbaySandboxErrors.response(.notFound, [EbaySandboxErrors.detail(call.operation, status: 404, id: 195001)])
        }
        return EbaySandboxErrors.json(.object([
            "key": .string(notifier.publicKeyPEM), "algorithm": .string("ECDSA"), "digest": .string("SHA1"),
        ]))
    }

    /// Sends a signed `MARKETPLACE_ACCOUNT_DELETION` notification (the topic of eBay's SDK
    /// test vectors) to `callbackBaseURL + notificationPath`; nil when no callback is set.
    @discardableResult
    public static func sendAccountDeletion(context: SandboxContext, username: String, notificationID: String? = nil) async -> (id: String, status: Int?)? {
        guard let base = context.configuration.callbackBaseURL else { return nil }
        let notifier = notifier(of: context)
        let id = notificationID ?? UUID().uuidString.lowercased()
        let body = EbayNotifier.payload(
            topic: "MARKETPLACE_ACCOUNT_DELETION", notificationID: id, eventDate: state(of: context).now,
            data: .object(["username": .string(username), "userId": .string("sb\(abs(username.hashValue) % 1_000_000)"),
                           "eiasToken": .string(Data(username.utf8).base64EncodedString())]))
        let status = await notifier.deliver(body, notificationID: id, to: base.appendingPathComponent(String(notificationPath.dropFirst())))
        return (id, status)
    }
}
