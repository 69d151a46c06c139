import EbayAPI
import Fluent
import Foundation
import Sandbox
import ShoppyShopCore
import Vapor

/// eBay's notification endpoint: the account-deletion challenge (GET) and signed
/// notifications (POST). Verify → persist → 200 → process in a job (`EbayNotificationJob`).
enum EbayNotificationController {
    /// Must match what is registered with eBay (and `EbaySandbox.notificationPath`).
    static let path: [PathComponent] = ["webhooks", "ebay", "notifications"]
    /// Notifications are small; eBay's account-deletion payload is under 1 KB.
    static let maxBody: ByteCount = "256kb"

    static func register(_ app: Application) {
        app.get(path, use: challenge)
        app.on(.POST, path, body: .collect(maxSize: maxBody), use: receive)
    }

    /// `GET ?challenge_code=…` → `{"challengeResponse": hex(sha256(code + token + endpoint))}`.
    @Sendable static func challenge(_ request: Request) async throws -> Response {
        guard let code = request.query[String.self, at: AccountDeletionChallenge.queryParameter], !code.isEmpty else {
            throw Abort(.badRequest, reason: "challenge_code is required")
        }
        let (token, endpoint) = verification(request.application)
        guard let token, let endpoint else {
            throw Abort(.notFound, reason: "eBay notifications are not configured (EBAY_VERIFICATION_TOKEN, EBAY_NOTIFICATION_ENDPOINT)")
        }
        let body = AccountDeletionChallenge.ResponseBody(
            challengeResponse: AccountDeletionChallenge.response(challengeCode: code, verificationToken: token, endpoint: endpoint))
        let response = Response(status: .ok)
        try response.content.encode(body, as: .json)
        return response
    }

    /// The verification token and the endpoint URL as registered with eBay; in sandbox mode
    /// the stand-in's token and this server's own URL.
    static func verification(_ app: Application) -> (String?, String?) {
        if let ebay = app.config.ebay { return (ebay.verificationToken, ebay.notificationEndpoint) }
        let port = app.http.server.configuration.port
        return (EbaySandboxCredentials.verificationToken, "http://127.0.0.1:\(port)" + "/" + path.map(\.description).joined(separator: "/"))
    }

    @Sendable static func receive(_ request: Request) async throws -> Response {
        let body = request.body.data.map { Data($0.readableBytesView) } ?? Data()
        guard let headerValue = request.headers.first(name: EbayNotificationSignature.headerName),
              let header = EbayNotificationSignature.parseHeader(headerValue)
        else {
            request.logger.warning("eBay notification rejected: missing or unreadable X-EBAY-SIGNATURE")
            return Response(status: .preconditionFailed)
        }
        // The kid is the sender's choice until the signature verifies: refuse anything that
        // is not a kid eBay issues before it reaches a lookup (or a URL).
        guard EbayPublicKeyCache.isValidKeyID(header.kid) else {
            request.logger.warning("eBay notification rejected: malformed kid in X-EBAY-SIGNATURE")
            return Response(status: .preconditionFailed)
        }
        let key: EbayPublicKey
        do {
            key = try await request.application.ebayPublicKeys.key(for: header.kid)
        } catch {
            // No key, no verdict: 500 makes eBay deliver again later.
            request.logger.error("eBay public key \(header.kid) unavailable: \(error)")
            return Response(status: .internalServerError)
        }
        // eBay's SDK answers 412 on a signature failure.
        guard EbayNotificationSignature.isValid(body: body, header: header, publicKey: key) else {
            request.logger.warning("eBay notification rejected: signature does not verify (kid \(header.kid))")
            return Response(status: .preconditionFailed)
        }
        guard let envelope = try? JSONDecoder().decode(EbayNotificationEnvelope.self, from: body) else {
            throw Abort(.badRequest, reason: "not an eBay notification")
        }
        try await EbayNotificationIntake.store(
            envelope: envelope, payload: String(decoding: body, as: UTF8.self),
            database: request.db, queue: request.application.jobQueue)
        return Response(status: .ok)
    }
}
