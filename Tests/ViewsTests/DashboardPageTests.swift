import Foundation
import Testing
@testable import Views

@Suite struct DashboardPageTests {
    // MARK: Mode

    @Test func dashboard_sandboxMode_showsBanner() {
        let html = DashboardPage.render(Fixture.dashboard(.sandbox))

        #expect(html.contains("<div class=\"mode-banner sandbox\">Sandbox mode"))
        #expect(html.contains("no vendor credentials are configured"))
        #expect(html.contains("built-in sandbox with a demo store"))
        #expect(html.occurrences(of: "mode-banner") == 1)
        #expect(!html.contains("mode-badge live"))
    }

    @Test func dashboard_liveMode_showsLiveBadgeAndNoBanner() {
        let html = DashboardPage.render(Fixture.dashboard(.live))

        #expect(!html.contains("mode-banner"))
        #expect(!html.contains("Sandbox mode"))
        #expect(html.contains("<span class=\"mode-badge live\" title=\"Connected to the live vendor APIs\">Live</span>"))
    }

    // MARK: Services

    @Test func dashboard_services_listsNameModeAndDetail() {
        let html = DashboardPage.render(Fixture.dashboard(.live))

        #expect(html.contains("<tr><td>Shopify</td><td><span class=\"service-mode live\">Live</span></td><td class=\"detail\">demo-store.myshopify.com</td></tr>"))
        #expect(html.contains("<td>Meta</td>"))
    }

    // MARK: Queue

    @Test func dashboard_queue_showsEveryCount() {
        let queue = QueueCounts(pending: 11, running: 2, succeeded: 1234, dead: 3, cancelled: 5, retrying: 7)

        let html = DashboardPage.render(Fixture.dashboard(queue: queue))

        #expect(html.contains("<li class=\"count count-pending\"><span class=\"count-value\">11</span><span class=\"count-label\">Pending</span></li>"))
        #expect(html.contains("<li class=\"count count-running\"><span class=\"count-value\">2</span><span class=\"count-label\">Running</span></li>"))
        #expect(html.contains("<li class=\"count count-retrying\"><span class=\"count-value\">7</span><span class=\"count-label\">Retrying</span></li>"))
        #expect(html.contains("<li class=\"count count-succeeded\"><span class=\"count-value\">1234</span><span class=\"count-label\">Succeeded</span></li>"))
        #expect(html.contains("<li class=\"count count-dead\"><span class=\"count-value\">3</span><span class=\"count-label\">Dead</span></li>"))
        #expect(html.contains("<li class=\"count count-cancelled\"><span class=\"count-value\">5</span><span class=\"count-label\">Cancelled</span></li>"))
    }

    @Test func dashboard_oldestPending_inHumanForm() {
        let html = DashboardPage.render(Fixture.dashboard(oldestPendingAge: 7_500))

        #expect(html.contains("<span class=\"count-value\">2 h 5 min</span><span class=\"count-label\">Oldest pending</span>"))
    }

    @Test func dashboard_noPending_showsDash() {
        let html = DashboardPage.render(Fixture.dashboard(oldestPendingAge: nil))

        #expect(html.contains("<span class=\"count-value\">—</span><span class=\"count-label\">Oldest pending</span>"))
    }

    // MARK: Jobs

    @Test func dashboard_job_showsKindStateAttemptsAndTimes() {
        let job = Fixture.job(id: "0193-abc", kind: "shopify.importOrder", state: "retrying", attempts: 2, maxAttempts: 8)

        let html = DashboardPage.render(Fixture.dashboard(jobs: [job]))

        #expect(html.contains("<span class=\"job-kind\">shopify.importOrder</span>"))
        #expect(html.contains("<small class=\"job-id\">0193-abc</small>"))
        #expect(html.contains("<span class=\"badge state-retrying\">retrying</span>"))
        #expect(html.contains("<td class=\"numeric\">2/8</td>"))
        #expect(html.contains("<td><time datetime=\"2026-11-25T14:03:00Z\">2026-11-25 14:03:00 UTC</time></td>"))
        #expect(html.contains("<td><time datetime=\"2026-11-25T13:58:00Z\">2026-11-25 13:58:00 UTC</time></td>"))
        #expect(html.contains("<td class=\"last-error muted\">—</td>"))
    }

    @Test(arguments: ["pending", "running", "retrying", "succeeded", "dead", "cancelled"])
    func dashboard_knownState_getsItsBadge(state: String) {
        let html = DashboardPage.render(Fixture.dashboard(jobs: [Fixture.job(state: state)]))

        #expect(html.contains("<span class=\"badge state-\(state)\">\(state)</span>"))
    }

    @Test func dashboard_unknownState_getsNeutralBadge() {
        let html = DashboardPage.render(Fixture.dashboard(jobs: [Fixture.job(state: "x\" onclick=\"alert(1)")]))

        #expect(html.contains("<span class=\"badge state-unknown\">x\" onclick=\"alert(1)</span>"))
        #expect(!html.contains("state-x"))
    }

    @Test func dashboard_noJobs_showsEmptyState() {
        let html = DashboardPage.render(Fixture.dashboard(jobs: []))

        #expect(html.contains("<p class=\"empty\">No jobs yet."))
        #expect(!html.contains("Last error"))
    }

    @Test func dashboard_withJobs_hasNoEmptyState() {
        let html = DashboardPage.render(Fixture.dashboard(jobs: [Fixture.job()]))

        #expect(!html.contains("No jobs yet."))
        #expect(html.contains("<th>Last error</th>"))
    }

    // MARK: Escaping

    @Test func dashboard_lastErrorScript_isEscaped() {
        let job = Fixture.job(state: "dead", lastError: "<script>alert(1)</script>")

        let html = DashboardPage.render(Fixture.dashboard(jobs: [job]))

        #expect(!html.contains("<script>"))
        #expect(html.contains(">&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        #expect(html.contains("title=\"&lt;script&gt;alert(1)&lt;/script&gt;\""))
    }

    @Test func dashboard_lastErrorQuote_cannotLeaveTitleAttribute() {
        let job = Fixture.job(lastError: "bad \"x\" onmouseover=\"alert(1)\" & 'y'")

        let html = DashboardPage.render(Fixture.dashboard(jobs: [job]))

        // The whole cell, so an attribute that ended early would show up here.
        #expect(html.contains(
            "<td class=\"last-error\" title=\"bad &quot;x&quot; onmouseover=&quot;alert(1)&quot; &amp; &#39;y&#39;\">"
                + "bad \"x\" onmouseover=\"alert(1)\" &amp; 'y'</td>"
        ))
        #expect(!html.contains("title=\"bad \""))
    }

    @Test func dashboard_vendorText_isEscaped() {
        let chrome = Fixture.chrome(.live, services: [ServiceStatus(name: "<i>Shop</i>", mode: .live, detail: "<img src=x onerror=alert(1)>")])
        let job = Fixture.job(id: "<b>id</b>", kind: "<u>kind</u>")
        let model = DashboardPage.Model(chrome: chrome, queue: Fixture.dashboard().queue, oldestPendingAge: nil, recentJobs: [job])

        let html = DashboardPage.render(model)

        #expect(!html.contains("<i>"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<u>"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&lt;u&gt;kind&lt;/u&gt;"))
    }

    @Test func dashboard_longLastError_isTruncatedWithFullTitle() {
        let error = String(repeating: "a", count: 200) + String(repeating: "b", count: 50)

        let html = DashboardPage.render(Fixture.dashboard(jobs: [Fixture.job(lastError: error)]))

        #expect(html.contains(">" + String(repeating: "a", count: 200) + "…</td>"))
        #expect(html.contains("title=\"" + String(repeating: "a", count: 200) + String(repeating: "b", count: 50) + "\""))
        #expect(html.occurrences(of: "bbbbb") == 10) // the 50 b's appear once, in the title only
    }

    @Test func dashboard_shortLastError_isNotTruncated() {
        let error = String(repeating: "c", count: 200)

        let html = DashboardPage.render(Fixture.dashboard(jobs: [Fixture.job(lastError: error)]))

        #expect(html.contains(">" + error + "</td>"))
        #expect(!html.contains("…"))
    }
}

@Suite struct DashboardNoticeTests {
    @Test func notice_isRenderedFirstAsAnEscapedAlert() {
        let chrome = Chrome(mode: .live, services: [], version: "1", now: Date(timeIntervalSince1970: 0))
        let model = DashboardPage.Model(
            chrome: chrome, queue: QueueCounts(pending: 0, running: 0, succeeded: 0, dead: 0, cancelled: 0, retrying: 0),
            oldestPendingAge: nil, recentJobs: [],
            notices: [Notice(level: .error, title: "Meta insights sync stopped.", message: "token <revoked>")])

        let html = DashboardPage.render(model)

        #expect(html.contains(#"<div class="notice error" role="alert"><strong>Meta insights sync stopped.</strong> <span>token &lt;revoked&gt;</span></div>"#))
        let notice = html.range(of: "notice error")!.lowerBound
        let services = html.range(of: "<h2>Services</h2>")!.lowerBound
        #expect(notice < services)
    }

    @Test func noNotices_rendersNoAlert() {
        let chrome = Chrome(mode: .live, services: [], version: "1", now: Date(timeIntervalSince1970: 0))
        let model = DashboardPage.Model(
            chrome: chrome, queue: QueueCounts(pending: 0, running: 0, succeeded: 0, dead: 0, cancelled: 0, retrying: 0),
            oldestPendingAge: nil, recentJobs: [])

        #expect(!DashboardPage.render(model).contains(#"role="alert""#))
    }
}
