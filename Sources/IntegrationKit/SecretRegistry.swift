import Foundation

/// Secret values known at run time (tokens, app secrets, cert ids), filled from configuration
/// at boot, so `Redactor` can replace them wherever they appear, in any log line.
///
/// `Redactor` also finds a secret in the forms it takes on the wire: percent-encoded (eBay
/// user tokens hold `^` and `#`, which form bodies and query strings escape) and JSON-escaped.
public final class SecretRegistry: @unchecked Sendable {
    /// Shorter values are refused: every vendor credential is far longer, and replacing a short
    /// string everywhere would garble ids and counts in logs.
    public static let minimumLength = 8

    private let lock = NSLock()
    // Guarded by `lock`; longest first so a secret that contains another is replaced whole.
    private var patterns: [[UInt8]] = []

    public init(_ secrets: [String] = []) {
        for secret in secrets { register(secret) }
    }

    /// Registers `secret` (surrounding whitespace ignored). Returns `false` when it is shorter
    /// than `minimumLength` and so was not registered; the app should say so at boot.
    @discardableResult
    public func register(_ secret: String) -> Bool {
        let value = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard value.count >= Self.minimumLength else { return false }
        let bytes = Array(value.utf8)
        lock.withLock {
            if !patterns.contains(bytes) {
                patterns.append(bytes)
                patterns.sort { $0.count > $1.count }
            }
        }
        return true
    }

    public var isEmpty: Bool { lock.withLock { patterns.isEmpty } }

    var snapshot: [[UInt8]] { lock.withLock { patterns } }
}
