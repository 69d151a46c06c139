import Foundation
import Testing
@testable import Views

@Suite struct LayoutTests {
    @Test func layout_document_hasShell() {
        let html = DashboardPage.render(Fixture.dashboard(.live))

        #expect(html.hasPrefix("<!doctype html><html lang=\"en\">"))
        #expect(html.contains("<meta charset=\"UTF-8\"/>"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\"/>"))
        #expect(html.contains("<title>Overview · ShoppyShop</title>"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/styles.css\"/>"))
        #expect(html.hasSuffix("</html>"))
    }

    @Test func layout_nav_linksPagesAndMarksCurrent() {
        let html = DashboardPage.render(Fixture.dashboard(.live))

        #expect(html.contains("<a href=\"/\" aria-current=\"page\">Overview</a>"))
        for (path, title) in [("/products", "Products"), ("/listings", "Listing plan"), ("/orders", "Orders"), ("/insights", "Insights"),
                              ("/jobs", "Jobs"), ("/audit", "Audit log"), ("/settings", "Settings")] {
            #expect(html.contains("<a href=\"\(path)\">\(title)</a>"), "\(path)")
        }
        #expect(html.occurrences(of: "aria-current") == 1)
        #expect(html.contains("<a href=\"/health\">health</a>"))
    }

    @Test func layout_signOut_isAPostFormWithTheEscapedCSRFToken() {
        let html = DashboardPage.render(Fixture.dashboard(.live))

        #expect(html.contains("<form class=\"sign-out\" method=\"post\" action=\"/logout\">"))
        #expect(html.contains("<input type=\"hidden\" name=\"_csrf\" value=\"csrf-&quot;&lt;token&gt;\"/>"))
        #expect(!html.contains("csrf-\"<token>"))
        #expect(html.contains("owner@example.com"))
    }

    @Test func times_areShownInTheShopsZone_withUTCForMachines() {
        var model = Fixture.dashboard(.live)
        model.chrome.timeZone = TimeZone(identifier: "America/New_York")!
        let html = DashboardPage.render(model)

        // 14:03 UTC is 09:03 in New York in November (EST, UTC−5).
        #expect(html.contains("<time datetime=\"2026-11-25T14:03:00Z\">2026-11-25 09:03:00 "))
        #expect(!html.contains("14:03:00 UTC"))
    }

    @Test func layout_signedOut_showsNoNavigation() {
        var model = Fixture.dashboard(.live)
        model.chrome.user = nil
        let html = DashboardPage.render(model)

        #expect(!html.contains("href=\"/products\""))
        #expect(!html.contains("/logout"))
    }

    @Test func layout_footer_showsVersionAndBuildTime() {
        let html = DashboardPage.render(Fixture.dashboard(.live))

        #expect(html.contains("version 1.4.2"))
        #expect(html.contains("page built <time datetime=\"2026-11-25T14:03:00Z\">2026-11-25 14:03:00 UTC</time>"))
    }

    @Test func layout_noScriptsOrRemoteAssets() {
        let html = DashboardPage.render(Fixture.dashboard(.sandbox))

        // One local script at most, deferred: every page works without it.
        #expect(html.occurrences(of: "<script") == 1)
        #expect(html.contains("<script src=\"/app.js\" defer=\"defer\"></script>"))
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
    }
}
