import Testing
@testable import Views

@Suite struct ErrorPageTests {
    @Test func errorPage_sandboxMode_showsBanner() {
        let html = ErrorPage.render(Fixture.error(chrome: Fixture.chrome(.sandbox)))

        #expect(html.contains("<div class=\"mode-banner sandbox\">Sandbox mode"))
        #expect(!html.contains("mode-badge live"))
    }

    @Test func errorPage_liveMode_showsLiveBadgeAndNoBanner() {
        let html = ErrorPage.render(Fixture.error(chrome: Fixture.chrome(.live)))

        #expect(!html.contains("mode-banner"))
        #expect(!html.contains("Sandbox mode"))
        #expect(html.contains("class=\"mode-badge live\""))
    }

    @Test func errorPage_noChrome_claimsNoMode() {
        let html = ErrorPage.render(Fixture.error(chrome: nil))

        #expect(!html.contains("mode-banner"))
        #expect(!html.contains("mode-badge"))
        #expect(!html.contains("version "))
        #expect(html.contains("<a href=\"/\">Back to the dashboard</a>"))
    }

    @Test func errorPage_content_showsStatusTitleAndMessage() {
        let html = ErrorPage.render(Fixture.error(chrome: Fixture.chrome(.live)))

        #expect(html.contains("<title>Not Found · ShoppyShop</title>"))
        #expect(html.contains("<p class=\"error-status\">Error 404</p>"))
        #expect(html.contains("<h1>Not Found</h1>"))
        #expect(html.contains("<p class=\"error-message\">There is no page at this address.</p>"))
        #expect(!html.contains("aria-current"))
    }

    @Test func errorPage_message_isEscaped() {
        let model = ErrorPage.Model(chrome: nil, status: 502, title: "<b>Bad</b> Gateway", message: "eBay said <script>alert(1)</script>")

        let html = ErrorPage.render(model)

        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("<title>&lt;b&gt;Bad&lt;/b&gt; Gateway · ShoppyShop</title>"))
        #expect(html.contains("eBay said &lt;script&gt;alert(1)&lt;/script&gt;"))
    }
}
