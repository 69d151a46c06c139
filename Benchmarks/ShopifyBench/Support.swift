import Foundation
import Sandbox
import ShopifyAPI

/// A JSON value that keeps its keys in the order given, so each printed line reads the same way.
enum Figure: Sendable {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case null
    case object([(String, Figure)])
    case array([Figure])

    static func number(_ value: Double?, places: Int = 3) -> Figure {
        guard let value, value.isFinite else { return .null }
        let scale = pow(10, Double(places))
        return .double((value * scale).rounded() / scale)
    }

    var text: String {
        switch self {
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .string(let value): return Self.quote(value)
        case .array(let values): return "[" + values.map(\.text).joined(separator: ",") + "]"
        case .object(let fields): return "{" + fields.map { Self.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }

    private static func quote(_ text: String) -> String {
        let data = try! JSONEncoder().encode(text)
        return String(decoding: data, as: UTF8.self)
    }
}

/// Seconds of a duration, as a Double.
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Peak and current resident set size in KiB, from /proc/self/status (Linux).
func residentSetKiB() -> (peak: Int?, current: Int?) {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (nil, nil) }
    func field(_ name: String) -> Int? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return nil }
        return line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
    }
    return (field("VmHWM"), field("VmRSS"))
}

/// What the client's bucket and the sandbox have counted at one moment; phases report the
/// difference between two snapshots.
struct Snapshot: Sendable {
    var at: ContinuousClock.Instant
    var client: ShopifyCostBucket.Statistics
    var sandboxThrottled: Int
    var documents: ShopifyBackend.DocumentCounts
    var httpRequests: Int

    static func take(_ client: ShopifyClient, _ backend: ShopifyBackend, _ host: SandboxHost) async -> Snapshot {
        let status = await host.status()
        return Snapshot(
            at: .now, client: await client.bucket.statistics, sandboxThrottled: await backend.throttledCount,
            documents: await backend.documents, httpRequests: status.requests(for: .shopify).total)
    }
}

/// The figures of one phase, between two snapshots.
struct PhaseFigures: Sendable {
    var name: String
    var start: Snapshot
    var end: Snapshot
    /// Taken right after the first request of the phase that had to wait for the bucket.
    var firstWait: Snapshot?
    var restoreRate: Double
    var surfacedThrottled: Int
    var extra: [(String, Figure)] = []
    var checks: [(String, Bool)] = []

    var wallSeconds: Double { seconds(start.at.duration(to: end.at)) }
    var graphQLCalls: Int { end.client.answers - start.client.answers }
    var pointsUsed: Int { end.client.pointsUsed - start.client.pointsUsed }
    var pointsRequested: Int { end.client.pointsRequested - start.client.pointsRequested }
    var sandboxThrottled: Int { end.sandboxThrottled - start.sandboxThrottled }
    var clientThrottled: Int { end.client.throttled - start.client.throttled }
    var validated: Int { end.documents.validated - start.documents.validated }
    var rejected: Int { end.documents.rejected - start.documents.rejected }
    var bulkValidated: Int { end.documents.bulkValidated - start.documents.bulkValidated }
    var bulkRejected: Int { end.documents.bulkRejected - start.documents.bulkRejected }

    /// Points restored and spent from the first wait to the end ÷ (restore rate × that time):
    /// the share of Shopify's restore rate the client kept busy. `raw` counts only the
    /// actual points used; `restored` also counts the change of the bucket's level, so a
    /// bucket that ends fuller than it was at the first wait is not mistaken for idle time.
    var utilisation: (seconds: Double, raw: Double, restored: Double)? {
        guard let mark = firstWait else { return nil }
        let time = seconds(mark.at.duration(to: end.at))
        guard time > 0 else { return nil }
        let used = Double(end.client.pointsUsed - mark.client.pointsUsed)
        let levelChange = (end.client.lastAvailable ?? 0) - (mark.client.lastAvailable ?? 0)
        return (time, used / (restoreRate * time), (used + levelChange) / (restoreRate * time))
    }

    var passed: Bool { checks.allSatisfy(\.1) && surfacedThrottled == 0 && rejected == 0 && bulkRejected == 0 }

    var json: Figure {
        var fields: [(String, Figure)] = [
            ("phase", .string(name)),
            ("wallSeconds", .number(wallSeconds)),
            ("graphQLCalls", .int(graphQLCalls)),
            ("httpRequests", .int(end.httpRequests - start.httpRequests)),
            ("pointsRequested", .int(pointsRequested)),
            ("pointsUsed", .int(pointsUsed)),
            ("throttledAtSandbox", .int(sandboxThrottled)),
            ("throttledSeenByClient", .int(clientThrottled)),
            ("throttledSurfaced", .int(surfacedThrottled)),
            ("bucketWaits", .int(end.client.waits - start.client.waits)),
            ("bucketWaitedSeconds", .number(seconds(end.client.waited - start.client.waited))),
        ]
        if let u = utilisation {
            fields += [
                ("utilisationFromFirstWaitSeconds", .number(u.seconds)),
                ("restoreRateUtilisation", .number(u.restored)),
                ("restoreRateUtilisationRaw", .number(u.raw)),
            ]
        } else {
            fields.append(("restoreRateUtilisation", .null))
        }
        fields += [
            ("documentsValidated", .int(validated)),
            ("documentsRejected", .int(rejected)),
            ("bulkQueriesValidated", .int(bulkValidated)),
        ]
        fields += extra
        fields.append(("checks", .object(checks.map { ($0.0, .bool($0.1)) })))
        fields.append(("ok", .bool(passed)))
        return .object(fields)
    }
}

/// Runs one phase, counting THROTTLED errors that reach the caller.
struct SurfacedThrottles {
    static func isThrottled(_ error: any Error) -> Bool {
        guard let error = error as? ShopifyError else { return false }
        switch error {
        case .throttled: return true
        case .graphQL(_, let errors): return errors.contains { $0.code == "THROTTLED" }
        default: return false
        }
    }
}
