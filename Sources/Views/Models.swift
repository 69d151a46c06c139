import Foundation

// Values shared by every page. Page-specific models live with their page
// (`DashboardPage.Model`, `ErrorPage.Model`); these are the pieces they share.

/// Whether the app talks to the real vendors or to the built-in sandbox.
public enum RunMode: Sendable, Equatable {
    case sandbox
    case live
}

/// One external service as the page reports it, e.g. Shopify against
/// `demo-store.myshopify.com`, or eBay against the built-in sandbox.
public struct ServiceStatus: Sendable, Equatable {
    public var name: String
    public var mode: RunMode
    public var detail: String

    public init(name: String, mode: RunMode, detail: String) {
        self.name = name
        self.mode = mode
        self.detail = detail
    }
}

/// What every page shows around its content: the mode banner, the services
/// and the footer.
public struct Chrome: Sendable, Equatable {
    public var mode: RunMode
    public var services: [ServiceStatus]
    public var version: String
    /// The moment the page was built; the footer states it so a stale tab is
    /// recognisable.
    public var now: Date
    /// The signed-in user's email; nil on the sign-in and error pages before sign-in.
    public var user: String?
    /// The session's CSRF token, put in every form.
    public var csrfToken: String?
    /// Times on the page are shown in this zone (the shop's).
    public var timeZone: TimeZone = TimeZone(identifier: "UTC")!

    public init(mode: RunMode, services: [ServiceStatus], version: String, now: Date, user: String? = nil, csrfToken: String? = nil) {
        self.mode = mode
        self.services = services
        self.version = version
        self.now = now
        self.user = user
        self.csrfToken = csrfToken
    }
}

/// Jobs per state in the `jobs` table.
public struct QueueCounts: Sendable, Equatable {
    public var pending: Int
    public var running: Int
    public var succeeded: Int
    public var dead: Int
    public var cancelled: Int
    /// Jobs that failed and wait for another attempt.
    public var retrying: Int

    public init(pending: Int, running: Int, succeeded: Int, dead: Int, cancelled: Int, retrying: Int) {
        self.pending = pending
        self.running = running
        self.succeeded = succeeded
        self.dead = dead
        self.cancelled = cancelled
        self.retrying = retrying
    }
}

/// One job as listed on the dashboard.
public struct JobRow: Sendable, Equatable {
    public var id: String
    public var kind: String
    public var state: String
    public var attempts: Int
    public var maxAttempts: Int
    public var runAfter: Date
    public var lastError: String?
    public var updatedAt: Date?

    public init(
        id: String,
        kind: String,
        state: String,
        attempts: Int,
        maxAttempts: Int,
        runAfter: Date,
        lastError: String? = nil,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.kind = kind
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.runAfter = runAfter
        self.lastError = lastError
        self.updatedAt = updatedAt
    }
}
