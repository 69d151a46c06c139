import Vapor

func routes(_ app: Application) throws {
    app.get(SiteURL.health.pathComponents, use: HealthController.health)
    SignInController.register(app)

    let pages = app.grouped(SignedInMiddleware())
    pages.get(SiteURL.home.pathComponents, use: DashboardController.show)
    pages.get(SiteURL.metrics.pathComponents, use: MetricsController.metrics)
    for page in WebPages.all { page.register(pages) }
    EbayNotificationController.register(app)
    ShopifyWebhookController.register(app)
    APIRoutes.register(app)
}

/// A page (or a few) of the dashboard, behind sign-in.
protocol WebPage {
    static func register(_ routes: any RoutesBuilder)
}

enum WebPages {
    static let all: [any WebPage.Type] = [ProductsController.self, ListingsController.self, OrdersController.self, JobsController.self, AuditController.self, InsightsController.self, SettingsController.self]
}
