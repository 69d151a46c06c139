/// A shop's permanent `*.myshopify.com` domain, the host of its Admin API.
///
/// Merchants paste many forms of their store address; these are accepted and normalised:
/// `demo.myshopify.com`, `https://demo.myshopify.com/`, `HTTP://Demo.MyShopify.com/admin`,
/// `https://admin.shopify.com/store/demo` and the bare handle `demo`. A custom storefront domain
/// is refused, because the Admin API is served on the myshopify.com domain.
public struct ShopifyStoreDomain: Sendable, Hashable, CustomStringConvertible {
    public static let suffix = ".myshopify.com"

    /// E.g. `demo.myshopify.com`.
    public let host: String
    /// E.g. `demo`.
    public var handle: String { String(host.dropLast(Self.suffix.count)) }

    public init(_ input: String) throws(ShopifyStoreDomainError) {
        let original = input
        var text = input.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !text.isEmpty else { throw .empty }
        guard !text.contains(where: { $0.isWhitespace }) else { throw .malformed(original) }

        if let schemeEnd = text.range(of: "://") {
            let scheme = text[..<schemeEnd.lowerBound]
            guard scheme == "https" || scheme == "http" else { throw .unsupportedScheme(String(scheme)) }
            text = String(text[schemeEnd.upperBound...])
        }
        guard !text.contains("?"), !text.contains("#") else { throw .malformed(original) }

        let host: Substring
        let path: Substring
        if let slash = text.firstIndex(of: "/") {
            host = text[..<slash]
            path = text[slash...]
        } else {
            host = text[...]
            path = ""
        }
        guard !host.isEmpty, !host.contains("@"), !host.contains(":") else { throw .malformed(original) }

        // The 2023+ admin address names the store in its path.
        if host == "admin.shopify.com" {
            let parts = path.split(separator: "/")
            guard parts.count >= 2, parts[0] == "store", Self.isValidHandle(parts[1]) else { throw .malformed(original) }
            self.host = parts[1] + Self.suffix
            return
        }
        guard path.isEmpty || path == "/" || path.hasPrefix("/admin") else { throw .unexpectedPath(String(path)) }

        if !host.contains(".") {
            guard Self.isValidHandle(host) else { throw .malformed(original) }
            self.host = host + Self.suffix
            return
        }
        guard host.hasSuffix(Self.suffix) else { throw .notMyshopifyDomain(String(host)) }
        guard Self.isValidHandle(host.dropLast(Self.suffix.count)) else { throw .malformed(original) }
        self.host = String(host)
    }

    public var description: String { host }

    /// A DNS label: letters, digits and inner hyphens.
    private static func isValidHandle(_ handle: Substring) -> Bool {
        guard let first = handle.first, let last = handle.last, handle.count <= 63 else { return false }
        return first != "-" && last != "-" && handle.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
    }
}

public enum ShopifyStoreDomainError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case unsupportedScheme(String)
    case unexpectedPath(String)
    case notMyshopifyDomain(String)
    case malformed(String)

    public var description: String {
        let expected = "expected the store's myshopify.com domain, e.g. demo.myshopify.com"
        switch self {
        case .empty:
            return "Shopify store domain is empty; \(expected)"
        case .unsupportedScheme(let scheme):
            return "Shopify store address uses '\(scheme)://'; \(expected)"
        case .unexpectedPath(let path):
            return "Shopify store address has an unexpected path '\(path)'; \(expected)"
        case .notMyshopifyDomain(let host):
            return "'\(host)' is not a myshopify.com domain; the Admin API is served only on the store's permanent domain (Shopify admin → Settings → Domains), \(expected)"
        case .malformed(let input):
            return "'\(input)' is not a Shopify store address; \(expected)"
        }
    }
}
