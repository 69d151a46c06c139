import Crypto
import EbayAPI
import FluentKit
import Foundation
import IntegrationKit
import ShopifyAPI

/// Which vendor a flow needs.
public enum VendorService: String, Sendable, CaseIterable, Codable {
    case shopify
    case ebay
    case meta

    public var name: String {
        switch self {
        case .shopify: "Shopify"
        case .ebay: "eBay"
        case .meta: "Meta"
        }
    }

    var tokenKey: String {
        switch self {
        case .shopify: "SHOPIFY_ACCESS_TOKEN"
        case .ebay: "EBAY_AUTH_TOKEN"
        case .meta: "META_ACCESS_TOKEN"
        }
    }
}

/// A flow stopped because a vendor refused our credentials. The work it had to do stays
/// where it is (pending stock changes, orders not yet created, shipments not yet sent) and
/// resumes when a new token is configured.
public struct ServiceStopped: Error, CustomStringConvertible {
    public var service: VendorService
    public var message: String
    public var description: String {
        "\(service.name) refused ShoppyShop's token (\(message)). Nothing is lost: the pending work waits. Set a new \(service.tokenKey) and restart; work resumes then."
    }
}

/// Vendor connections as last seen (`service_health`): a refused token stops the flows that
/// need it, cleanly, until the token is replaced.
public struct ServiceHealthStore: Sendable {
    public let database: any Database

    public init(database: any Database) { self.database = database }

    public static func fingerprint(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether an error means the vendor refused the credentials (not a passing failure).
    public static func isUnauthorized(_ error: any Error) -> Bool {
        if case EbayError.unauthorized? = error as? EbayError { return true }
        if case ShopifyError.unauthorized? = error as? ShopifyError { return true }
        return false
    }

    public func all() async throws -> [ServiceHealth] {
        try await ServiceHealth.query(on: database).all()
    }

    public func stopped(_ service: VendorService) async throws -> ServiceHealth? {
        try await ServiceHealth.query(on: database).filter(\.$service == service.rawValue).filter(\.$state == .unauthorized).first()
    }

    public func markUnauthorized(_ service: VendorService, message: String, fingerprint: String?) async throws {
        let row = try await ServiceHealth.query(on: database).filter(\.$service == service.rawValue).first() ?? ServiceHealth()
        row.service = service.rawValue
        row.state = .unauthorized
        row.message = String(message.prefix(1_000))
        row.tokenFingerprint = fingerprint
        row.changedAt = Date()
        try await row.save(on: database)
    }

    /// At start: a token that differs from the refused one is worth trying again.
    public func clear(unless fingerprints: [VendorService: String]) async throws {
        for row in try await ServiceHealth.query(on: database).filter(\.$state == .unauthorized).all() {
            guard let service = VendorService(rawValue: row.service) else { continue }
            if row.tokenFingerprint != fingerprints[service] {
                row.state = .ok
                row.message = "a new token is configured"
                row.changedAt = Date()
                try await row.save(on: database)
            }
        }
    }
}

/// Known expiries, warned of 30 days ahead (`/health`, the dashboard).
public enum TokenWarnings {
    public static let lead: TimeInterval = 30 * 86_400

    public static func warnings(ebay: Date?, meta: Date?, stopped: [ServiceHealth], now: Date = Date()) -> [String] {
        var result: [String] = []
        let format = Date.FormatStyle.dateTime.year().month().day()
        for (service, expiry) in [(VendorService.ebay, ebay), (.meta, meta)] {
            guard let expiry else { continue }
            let days = Int((expiry.timeIntervalSince(now) / 86_400).rounded(.down))
            if expiry <= now {
                result.append("\(service.name) token expired on \(expiry.formatted(format)): set a new \(service.tokenKey)")
            } else if expiry.timeIntervalSince(now) <= lead {
                result.append("\(service.name) token expires on \(expiry.formatted(format)) (in \(days) days): renew it and set \(service.tokenKey) before then")
            }
        }
        for row in stopped where row.state == .unauthorized {
            let name = VendorService(rawValue: row.service)?.name ?? row.service
            result.append("\(name) refused the token: \(row.message ?? "401"); its jobs are stopped and their work waits")
        }
        return result
    }
}
