import Foundation

// Notification API v1.6.2 (contracts/ebay/commerce_notification_v1_oas3.json).

/// `PublicKey {algorithm, digest, key}`: what `getPublicKey` returns for a signature's `kid`.
public struct EbayPublicKey: Codable, Sendable, Hashable {
    /// `ECDSA` in eBay's SDK test vectors.
    public var algorithm: String?
    /// `SHA1` in eBay's SDK test vectors.
    public var digest: String?
    /// PEM, sent without line breaks.
    public var key: String?

    public init(algorithm: String?, digest: String?, key: String?) {
        self.algorithm = algorithm
        self.digest = digest
        self.key = key
    }
}
