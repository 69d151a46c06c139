/// Every configuration key the app reads, with whether it is secret (redacted wherever it
/// is shown). `.env.example` documents each one.
public enum ConfigKey: String, CaseIterable, Sendable {
    // The seed's eight.
    case shopifyAccessToken = "SHOPIFY_ACCESS_TOKEN"
    case shopifyStoreURL = "SHOPIFY_STORE_URL"
    case ebayAppID = "EBAY_APP_ID"
    case ebayCertID = "EBAY_CERT_ID"
    case ebayDevID = "EBAY_DEV_ID"
    case ebayAuthToken = "EBAY_AUTH_TOKEN"
    case metaAccessToken = "META_ACCESS_TOKEN"
    case metaAccountID = "META_ACCOUNT_ID"
    // Vendors, beyond the seed.
    case shopifyWebhookSecret = "SHOPIFY_WEBHOOK_SECRET"
    case ebayEnvironment = "EBAY_ENVIRONMENT"
    case ebayMarketplaceID = "EBAY_MARKETPLACE_ID"
    case ebayVerificationToken = "EBAY_VERIFICATION_TOKEN"
    case ebayNotificationEndpoint = "EBAY_NOTIFICATION_ENDPOINT"
    case metaCatalogID = "META_CATALOG_ID"
    // Server.
    case host = "HOST"
    case port = "PORT"
    case publicURL = "PUBLIC_URL"
    case logLevel = "LOG_LEVEL"
    case databaseURL = "DATABASE_URL"
    case sqlitePath = "SQLITE_PATH"
    case masterKey = "SHOPPYSHOP_MASTER_KEY"
    case masterKeyFile = "SHOPPYSHOP_MASTER_KEY_FILE"
    case adminEmail = "ADMIN_EMAIL"
    case adminPassword = "ADMIN_PASSWORD"
    // Sync rules and schedules.
    case stockBuffer = "STOCK_BUFFER"
    case maxListedQuantity = "MAX_LISTED_QUANTITY"
    case shopifyLocationIDs = "SHOPIFY_LOCATION_IDS"
    case shopifyWebhooks = "SHOPIFY_WEBHOOKS"
    case listingMode = "LISTING_MODE"
    case stockPollInterval = "STOCK_POLL_INTERVAL"
    case ordersSkipExisting = "ORDERS_SKIP_EXISTING"
    case ebayTokenExpiresAt = "EBAY_TOKEN_EXPIRES_AT"
    case metaTokenExpiresAt = "META_TOKEN_EXPIRES_AT"
    case orderPollInterval = "ORDER_POLL_INTERVAL"
    case stockReconcileInterval = "STOCK_RECONCILE_INTERVAL"
    case catalogSyncInterval = "CATALOG_SYNC_INTERVAL"
    case insightsSyncInterval = "INSIGHTS_SYNC_INTERVAL"
    // Jobs.
    case workerConcurrency = "WORKER_CONCURRENCY"
    case jobLeaseSeconds = "JOB_LEASE_SECONDS"
    case jobMaxAttempts = "JOB_MAX_ATTEMPTS"
    // Sandbox.
    case sandboxProducts = "SANDBOX_PRODUCTS"
    case sandboxSeed = "SANDBOX_SEED"
    case sandboxRecord = "SANDBOX_RECORD"
    case sandboxPort = "SANDBOX_PORT"
    case sandboxFaultRate = "SANDBOX_FAULT_RATE"
    case sandboxFaultKinds = "SANDBOX_FAULT_KINDS"
    case sandboxFaultSeed = "SANDBOX_FAULT_SEED"
    case sandboxFaultDelaySeconds = "SANDBOX_FAULT_DELAY_SECONDS"
    case sandboxSimulate = "SANDBOX_SIMULATE"
    case sandboxURL = "SANDBOX_URL"

    /// Keys the sandbox host reads itself (`SandboxConfiguration(environment:)`).
    public static let sandboxKeys: [ConfigKey] = [
        .sandboxPort, .sandboxProducts, .sandboxSeed, .sandboxRecord, .sandboxFaultRate,
        .sandboxFaultKinds, .sandboxFaultSeed, .sandboxFaultDelaySeconds,
    ]

    public var isSecret: Bool {
        switch self {
        case .shopifyAccessToken, .ebayCertID, .ebayAuthToken, .metaAccessToken, .shopifyWebhookSecret,
             .ebayVerificationToken, .masterKey, .adminPassword:
            return true
        case .databaseURL:
            return true // may carry a password
        default:
            return false
        }
    }

    /// Shown in place of a secret: enough to tell which value is set, never the value.
    public static func redact(_ value: String) -> String {
        value.isEmpty ? "(empty)" : "[REDACTED \(value.count) chars]"
    }
}
