import Foundation
import IntegrationKit
import MetaAPI
import Sandbox
import ShoppyShopCore
import Vapor

extension Application {
    /// The Meta client for this process: the live Graph API with META_* credentials, or in
    /// sandbox mode the loopback stand-in with its demo token and account. Every client shares
    /// the application's one usage limiter (`metaUsageLimiter`), so a pause Meta imposed on one
    /// run still holds for the next: a just-throttled account is not called again at once.
    ///
    /// - Throws: in sandbox mode, if the sandbox has not been started (`startSandboxIfNeeded`).
    public func metaClient() throws -> MetaClient {
        let configuration: MetaClient.Configuration
        if let meta = config.meta {
            configuration = .init(baseURL: MetaGraph.productionBaseURL, accessToken: meta.accessToken, accountID: meta.accountID, catalogID: meta.catalogID)
        } else {
            guard let base = sandboxBaseURL else {
                throw Abort(.serviceUnavailable, reason: "Meta: no META_ACCESS_TOKEN configured and the sandbox is not running")
            }
            configuration = .init(baseURL: base, accessToken: MetaSandbox.demoAccessToken, accountID: MetaSandbox.demoAccountID)
        }
        var logger = Logger(label: "shoppyshop.integration.meta")
        logger.logLevel = self.logger.logLevel
        return MetaClient(configuration: configuration, limiter: metaUsageLimiter, redactor: Redactor(secrets: Telemetry.secrets), logger: logger)
    }

    private struct MetaUsageLimiterKey: StorageKey, LockKey {
        typealias Value = MetaUsageLimiter
    }

    /// The Meta usage limiter of this application, created on first use and shared by every
    /// client `metaClient()` makes. Its stats are cumulative over the process's runs.
    /// Set it before the first client is made to change its settings (tests shrink the pauses).
    public var metaUsageLimiter: MetaUsageLimiter {
        get {
            // Locked: two jobs starting together must not each make a limiter of their own.
            locks.lock(for: MetaUsageLimiterKey.self).withLock {
                if let existing = storage[MetaUsageLimiterKey.self] { return existing }
                let limiter = MetaUsageLimiter()
                storage[MetaUsageLimiterKey.self] = limiter
                return limiter
            }
        }
        set {
            locks.lock(for: MetaUsageLimiterKey.self).withLock { storage[MetaUsageLimiterKey.self] = newValue }
        }
    }

    /// The `meta.insights.sync` handler, building its client when it runs (the sandbox's
    /// port is known only once it has started).
    func metaInsightsJob() -> MetaInsightsSyncJob {
        MetaInsightsSyncJob { [self] in try self.metaClient() }
    }
}
