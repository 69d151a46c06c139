import Testing
@testable import Views

@Suite struct LayoutTests {
    @Test func layout_document_hasShell() {
        let html = DashboardPage.render(Fixture.dashboard(.live))

        #expect(html.hasPrefix("<!doctype html><html lang=\"en\">"))
        #expect(html.contains("<meta charset=\"UTF-8\"/>"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\"/>"))
        #expect(html.contains("<title>Dashboard · ShoppyShop</title>"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/styles.css\"/>"))
        #expect(html.hasSuffix("</html>"))
    }

    @Test func layout_nav_linksPagesAndMarksCurrent() {
        let html = DashboardPage.render(Fixture.dashboard(.live))

        #expect(html.contains("<a href=\"/\" aria-current=\"page\">Dashboard</a>"))
        #expect(html.contains("<a href=\"/health\">Health</a>"))
        #expect(html.contains("<a href=\"/metrics\">Metrics</a>"))
        #expect(html.occurrences(of: "aria-current") == 1)
    }

    @Test func layout_footer_showsVersionAndBuildTime() {
        let html = DashboardPage.render(Fixture.dashboard(.live))

        #expect(html.contains("version 1.4.2"))
        #expect(html.contains("page built <time datetime=\"2026-11-25T14:03:00Z\">2026-11-25 14:03:00 UTC</time>"))
    }

    @Test func layout_noScriptsOrRemoteAssets() {
        let html = DashboardPage.render(Fixture.dashboard(.sandbox))

        #expect(!html.contains("<script"))
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
    }
}
