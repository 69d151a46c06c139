import Foundation
import Plot

/// The shell every page shares: head, mode banner, header with navigation,
/// main content and footer.
enum Layout {
    static let productName = "ShoppyShop"
    static let stylesheetPath = "/styles.css"

    /// The pages the header links to, in menu order. Paths must match the
    /// routes the `App` target registers.
    public enum NavItem: CaseIterable, Sendable {
        case dashboard, products, listings, orders, insights, jobs, audit, settings

        var title: String {
            switch self {
            case .dashboard: "Overview"
            case .products: "Products"
            case .listings: "Listing plan"
            case .orders: "Orders"
            case .insights: "Insights"
            case .jobs: "Jobs"
            case .audit: "Audit log"
            case .settings: "Settings"
            }
        }

        public var path: String {
            switch self {
            case .dashboard: "/"
            case .products: "/products"
            case .listings: "/listings"
            case .orders: "/orders"
            case .insights: "/insights"
            case .jobs: "/jobs"
            case .audit: "/audit"
            case .settings: "/settings"
            }
        }
    }

    static let sandboxBannerText = "Sandbox mode — no vendor credentials are configured, so \(productName) "
        + "runs against the built-in sandbox with a demo store. Nothing is sent to Shopify, eBay or Meta."

    /// A full HTML document.
    /// - Parameters:
    ///   - title: the page's own title; the product name is appended.
    ///   - chrome: `nil` when the failure happened before configuration was
    ///     known (an error page during boot); the page then claims no mode.
    ///   - current: the navigation entry to mark as the current page.
    static func render(
        title: String,
        chrome: Chrome?,
        current: NavItem?,
        content: Node<HTML.BodyContext>
    ) -> String {
        // Plot's `HTML` writes `<!DOCTYPE html>`; the lower-case form is the one
        // the HTML standard uses in its examples and what we promise.
        let html = Element<HTML.RootContext>.html(
            .lang(.english),
            .head(
                .encoding(.utf8),
                .viewport(.accordingToDevice),
                .element(named: "title", text: "\(title) · \(productName)"),
                .link(.rel(.stylesheet), .href(stylesheetPath)),
                .script(.src("/app.js"), .attribute(named: "defer", value: "defer"))
            ),
            .body(
                .a(.class("skip-link"), .href("#main"), .text("Skip to content")),
                .if(chrome?.mode == .sandbox, sandboxBanner()),
                header(chrome: chrome, current: current),
                .main(.id("main"), .class("wrap"), content),
                footer(chrome: chrome)
            )
        )
        return "<!doctype html>" + html.render()
    }

    // MARK: - Parts

    private static func sandboxBanner() -> Node<HTML.BodyContext> {
        .div(.class("mode-banner sandbox"), .text(sandboxBannerText))
    }

    private static func header(chrome: Chrome?, current: NavItem?) -> Node<HTML.BodyContext> {
        .header(
            .class("site-header"),
            .div(
                .class("wrap site-header-inner"),
                .a(.class("brand"), .href(NavItem.dashboard.path), .text(productName)),
                .if(chrome?.mode == .live, .span(
                    .class("mode-badge live"),
                    .title("Connected to the live vendor APIs"),
                    .text("Live")
                )),
                .unwrap(chrome?.user) { user in
                    .group(
                        .nav(
                            .ariaLabel("Main"),
                            .ul(.forEach(NavItem.allCases) { item in
                                .li(.a(
                                    .href(item.path),
                                    .if(item == current, .attribute(named: "aria-current", value: "page")),
                                    .text(item.title)
                                ))
                            })
                        ),
                        .form(
                            .class("sign-out"), .method(.post), .action("/logout"),
                            Forms.csrf(chrome),
                            .span(.class("user"), .text(user)),
                            .button(.type(.submit), .text("Sign out"))
                        )
                    )
                }
            )
        )
    }

    private static func footer(chrome: Chrome?) -> Node<HTML.BodyContext> {
        .footer(
            .class("site-footer"),
            .div(
                .class("wrap"),
                .span(.text(productName)),
                .unwrap(chrome) { chrome in
                    .group(
                        .text(" "),
                        .span(.class("version"), .text("version \(chrome.version)")),
                        .text(" · page built "),
                        time(chrome.now),
                        .text(" · "),
                        .a(.href("/health"), .text("health")),
                        .text(" · "),
                        .a(.href("/metrics"), .text("metrics")),
                        .text(" · "),
                        .a(.href("/api/v1/openapi.json"), .text("API"))
                    )
                }
            )
        )
    }

    /// A `<time>` element with the UTC timestamp both for people and machines.
    static func time(_ date: Date) -> Node<HTML.BodyContext> {
        .time(
            .datetime(Formatting.machineTimestamp(date)),
            .text(Formatting.timestamp(date))
        )
    }
}
