import Foundation
import IntegrationKit
import MetaAPI
import Sandbox
import ShoppyShopCore
import Vapor

extension Application {
    /// The Meta client for this process: the live Graph API with META_* credentials, or in
    /// sandbox mode the loopback stand-in with its demo token and account. A fresh usage
    /// limiter per client: one sync run is one budget story, reported on its own.
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
        return MetaClient(configuration: configuration, redactor: Redactor(secrets: Telemetry.secrets), logger: logger)
    }

    /// The `meta.insights.sync` handler, building its client when it runs (the sandbox's
    /// port is known only once it has started).
    func metaInsightsJob() -> MetaInsightsSyncJob {
        MetaInsightsSyncJob { [self] in try self.metaClient() }
    }
}
