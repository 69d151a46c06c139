/// The credentials the eBay stand-in accepts: what the app uses in sandbox mode. Not
/// secrets — the stand-in listens on loopback only — but shaped like eBay's so the
/// client's OAuth path runs unchanged.
public enum EbaySandboxCredentials {
    public static let appID = "ShoppySh-sandbox-PRD-5a1b2c3d4-00000000"
    public static let certID = "PRD-sandbox-cert-0123456789abcdef01234567"
    public static let devID = "sandbox-dev-0000-0000-000000000000"
    /// A refresh token (`grant_type=refresh_token`); eBay's are opaque strings.
    public static let refreshToken = "v^1.1#i^1#p^3#r^1#I^3#f^0#sandbox-refresh-token"
    public static let marketplaceID = "EBAY_US"
    /// The verification token the app answers the account-deletion challenge with.
    public static let verificationToken = "sandbox-verification-token-0123456789abcdef"
}
