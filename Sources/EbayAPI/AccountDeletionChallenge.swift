import Foundation
import IntegrationKit

/// The endpoint-ownership challenge of eBay's Marketplace Account Deletion notifications.
///
/// eBay sends `GET <endpoint>?challenge_code=<code>`; the endpoint answers HTTP 200 with
/// `{"challengeResponse": hex(SHA-256(challengeCode ‖ verificationToken ‖ endpoint))}`
/// (eBay/event-notification-nodejs-sdk, transcribed in contracts/ebay/oauth_and_notification_auth.json).
public enum AccountDeletionChallenge {
    public static let queryParameter = "challenge_code"

    /// - Parameters:
    ///   - challengeCode: the `challenge_code` query value.
    ///   - verificationToken: the token entered in the eBay developer portal for this endpoint.
    ///   - endpoint: the endpoint URL exactly as registered with eBay (no query).
    public static func response(challengeCode: String, verificationToken: String, endpoint: String) -> String {
        Signatures.sha256Hex(Array((challengeCode + verificationToken + endpoint).utf8))
    }

    /// The JSON body eBay expects.
    public struct ResponseBody: Codable, Sendable, Equatable {
        public var challengeResponse: String

        public init(challengeResponse: String) {
            self.challengeResponse = challengeResponse
        }
    }
}
