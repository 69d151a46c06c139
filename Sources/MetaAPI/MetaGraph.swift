import Foundation

/// Meta Graph / Marketing API: the pinned version and base URL.
public enum MetaGraph {
    /// The only place the Graph API version is set. It matches the vendored field specs
    /// (contracts/meta/api_specs/specs/version.txt), so every field we request exists in it.
    public static let version = "v25.0"

    public static let productionBaseURL = URL(string: "https://graph.facebook.com")!

    /// `{base}/v25.0/{path}`, e.g. `url(base, path: "act_123/insights")`.
    public static func url(base: URL = productionBaseURL, path: String) -> URL {
        base.appendingPathComponent(version).appendingPathComponent(path.hasPrefix("/") ? String(path.dropFirst()) : path)
    }
}
