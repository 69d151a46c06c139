import Vapor

func routes(_ app: Application) throws {
    app.get(SiteURL.health.pathComponents, use: HealthController.health)

    let protected = app.grouped(AdminAuthMiddleware(admin: app.config.admin))
    protected.get(SiteURL.home.pathComponents, use: DashboardController.show)
    protected.get(SiteURL.metrics.pathComponents, use: MetricsController.metrics)
    EbayNotificationController.register(app)
    ShopifyWebhookController.register(app)
    APIRoutes.register(app)
}
