import Foundation

/// The whole configuration, decoded once at boot into typed values.
public struct AppConfig: Sendable {
    public enum Mode: String, Sendable {
        /// No vendor credentials at all: every vendor is the built-in sandbox.
        case sandbox
        /// At least one vendor is configured: configured vendors are real, the others disabled.
        case live
    }

    public enum DatabaseTarget: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    public struct Shopify: Sendable {
        public var storeDomain: String
        public var accessToken: String
        public var webhookSecret: String?
    }

    public enum EbayEnvironment: String, Sendable, CaseIterable {
        case production
        case sandbox
    }

    public struct Ebay: Sendable {
        public var appID: String
        public var certID: String
        public var devID: String?
        /// A refresh token or a short-lived user access token; the eBay client tells which.
        public var authToken: String
        public var environment: EbayEnvironment
        public var marketplaceID: String
        public var verificationToken: String?
        public var notificationEndpoint: String?
    }

    public struct Meta: Sendable {
        public var accessToken: String
        /// Digits only; the client adds `act_`.
        public var accountID: String
        public var catalogID: String?
    }

    /// `ADMIN_EMAIL`/`ADMIN_PASSWORD`: the user a start creates when there is none.
    public struct Admin: Sendable {
        public var email: String
        public var password: String
    }

    public struct Rules: Sendable {
        /// Units held back from eBay so a simultaneous sale cannot oversell.
        public var stockBuffer: Int
        public var maxListedQuantity: Int?
        /// Shopify locations whose stock counts for eBay; nil: all.
        public var locationIDs: Set<Int64>?
        /// Shopify webhooks drive stock changes; off: a poll does (`STOCK_POLL_INTERVAL`).
        public var webhooks: Bool
        /// `auto`: the scheduler and webhooks apply listing plans; `manual`: only
        /// `sync listings` (or the dashboard) does. Stock of listed SKUs is pushed either way.
        public var listingMode: ListingMode
        /// Look each eBay order up in Shopify before creating it (another app may import them too).
        public var skipExistingOrders: Bool
    }

    /// Token expiries known ahead (an eBay refresh token lasts 18 months; a Meta long-lived
    /// token 60 days): warned of 30 days before, on the dashboard and in /health.
    public struct TokenExpiries: Sendable {
        public var ebay: Date?
        public var meta: Date?
    }

    public enum ListingMode: String, Sendable, CaseIterable {
        case auto
        case manual
    }

    public struct Schedule: Sendable {
        public var orderPoll: Int
        public var stockReconcile: Int
        public var catalogSync: Int
        public var insightsSync: Int
        public var stockPoll: Int
    }

    public struct Jobs: Sendable {
        public var concurrency: Int
        public var leaseSeconds: Int
        public var maxAttempts: Int
    }

    public struct SandboxSettings: Sendable {
        public var products: Int
        public var seed: UInt64
        public var recordPath: String?
        /// The merchant and buyer simulators (`SANDBOX_SIMULATE`).
        public var simulate: Bool
        /// A sandbox already running (e.g. `shoppyshop sandbox`) to use instead of starting one.
        public var url: String?
        /// Every SANDBOX_* value as given, for `SandboxConfiguration(environment:)`.
        public var environment: [String: String]
    }

    public var environment: String
    public var host: String
    public var port: Int
    public var publicURL: String?
    public var logLevel: String
    public var database: DatabaseTarget
    public var shopify: Shopify?
    public var ebay: Ebay?
    public var meta: Meta?
    public var admin: Admin?
    public var rules: Rules
    public var schedule: Schedule
    public var jobs: Jobs
    public var sandbox: SandboxSettings
    public var tokenExpiries = TokenExpiries()
    /// Nil only outside production when no key exists yet (`serve` then creates master.key).
    public var masterKey: MasterKey?
    /// Where `serve` writes a new key when none exists (SHOPPYSHOP_MASTER_KEY_FILE).
    public var masterKeyFile: String = "master.key"

    public var mode: Mode { shopify == nil && ebay == nil && meta == nil ? .sandbox : .live }

    /// Every secret value in force, so the log redactor can mask them wherever they appear.
    public var secretValues: [String] {
        [shopify?.accessToken, shopify?.webhookSecret, ebay?.certID, ebay?.authToken, ebay?.verificationToken,
         meta?.accessToken, admin?.password, databasePassword, masterKey?.base64]
            .compactMap { $0 }.filter { !$0.isEmpty }
    }

    var databasePassword: String? {
        guard case .postgres(let url) = database else { return nil }
        return URLComponents(string: url)?.password
    }
}
