import Foundation

/// eBay allows 250 revisions per listing per UTC day; every quantity push to a live listing
/// is one. This paces pushes to a listing so the budget lasts the day: while plenty is left
/// every change goes at once; when few are left, pushes to that listing are spaced so the
/// rest of the day can still be covered, and a push that ends stock (to 0) always goes
/// while any revision is left, since not sending it could oversell.
public actor RevisionBudget {
    public static let shared = RevisionBudget()

    public nonisolated let perDay: Int
    /// Kept for edits the merchant or a reconcile needs later in the day.
    public nonisolated let reserve: Int
    /// Below this many left, pushes are paced.
    public nonisolated let paceBelow: Int

    private var day = 0
    private var used: [String: Int] = [:]
    private var lastPush: [String: Date] = [:]

    public init(perDay: Int = 250, reserve: Int = 10, paceBelow: Int = 100) {
        self.perDay = perDay
        self.reserve = reserve
        self.paceBelow = paceBelow
    }

    public enum Decision: Sendable, Equatable {
        case push
        /// Not before this time.
        case wait(until: Date)
        /// Nothing left today.
        case exhausted
    }

    public func decide(listing: String, newQuantity: Int, now: Date) -> Decision {
        roll(now)
        let left = perDay - reserve - used[listing, default: 0]
        guard left > 0 else { return .exhausted }
        if newQuantity == 0 || left >= paceBelow { return .push }
        let endOfDay = Date(timeIntervalSince1970: TimeInterval((Int(now.timeIntervalSince1970) / 86_400 + 1) * 86_400))
        let spacing = endOfDay.timeIntervalSince(now) / Double(left)
        guard let last = lastPush[listing] else { return .push }
        let next = last.addingTimeInterval(spacing)
        return next <= now ? .push : .wait(until: next)
    }

    public func spend(listing: String, now: Date) {
        roll(now)
        used[listing, default: 0] += 1
        lastPush[listing] = now
    }

    public func usedToday(_ listing: String, now: Date) -> Int {
        roll(now)
        return used[listing, default: 0]
    }

    private func roll(_ now: Date) {
        let today = Int(now.timeIntervalSince1970) / 86_400
        if today != day {
            day = today
            used = [:]
            lastPush = [:]
        }
    }
}
