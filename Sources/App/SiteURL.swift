import Vapor

/// Every page and endpoint, so routes and links cannot drift apart.
enum SiteURL: String, CaseIterable {
    case home = ""
    case health
    case metrics

    var pathComponents: [PathComponent] {
        rawValue.isEmpty ? [] : [PathComponent(stringLiteral: rawValue)]
    }

    var path: String { "/" + rawValue }
}
