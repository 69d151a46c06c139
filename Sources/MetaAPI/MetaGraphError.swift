import Foundation

/// Meta's error envelope, `{"error": {message, type, code, error_subcode, fbtrace_id, …}}`
/// (contracts/meta/graph_api_rate_limiting.yaml `error_envelope`, and
/// developers.facebook.com/docs/graph-api/guides/error-handling). Match on `code` and
/// `subcode`, never on the HTTP status: throttling and token errors arrive as 400/403.
public struct MetaGraphError: Error, Sendable, Equatable, Decodable, CustomStringConvertible {
    public var message: String
    public var type: String?
    public var code: Int
    public var subcode: Int?
    public var userTitle: String?
    public var userMessage: String?
    /// Meta's support id for the failing call; goes in logs, never shown as the cause.
    public var fbtraceID: String?

    public init(message: String, type: String? = nil, code: Int, subcode: Int? = nil, fbtraceID: String? = nil) {
        self.message = message
        self.type = type
        self.code = code
        self.subcode = subcode
        self.fbtraceID = fbtraceID
    }

    enum CodingKeys: String, CodingKey {
        case message, type, code, subcode = "error_subcode", userTitle = "error_user_title"
        case userMessage = "error_user_msg", fbtraceID = "fbtrace_id"
    }

    private struct Envelope: Decodable { var error: MetaGraphError }

    /// The envelope in `body`, or nil if the body is not one (a proxy's HTML page, a 502…).
    public static func decode(from body: Data) -> MetaGraphError? {
        try? JSONDecoder().decode(Envelope.self, from: body).error
    }

    /// Throttling, per the yaml's `error_codes`: 4 (app), 17 (user/ad account), 32 (page),
    /// 341 (application limit), 613 (custom-level), and the Business Use Case range
    /// 80000-80014, which the yaml says to treat as throttling whatever the exact mapping.
    public var isThrottling: Bool {
        [4, 17, 32, 341, 613].contains(code) || (80_000...80_014).contains(code)
    }

    /// 190 is "access token expired, revoked or invalid" (subcodes 458 app not installed,
    /// 460 password changed, 463 expired, 467 invalid). 102 without a subcode means the same
    /// per the error-handling page. No retry can fix it: a person must issue a new token.
    public var isInvalidToken: Bool {
        code == 190 || (code == 102 && subcode == nil)
    }

    public var description: String {
        var text = "Meta error \(code)"
        if let subcode { text += "/\(subcode)" }
        if let type { text += " (\(type))" }
        text += ": \(message)"
        if let fbtraceID { text += " [fbtrace_id \(fbtraceID)]" }
        return text
    }
}
