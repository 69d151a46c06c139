import FluentKit
import Foundation
import ShopifyAPI

/// What the dashboard needs of the shop itself: its time zone, read at each full import.
public enum ShopProfile {
    static let timeZoneStream = "shopify.shop.iana_timezone"

    public static func timeZone(on db: any Database) async throws -> TimeZone? {
        try await SyncCursor.query(on: db).filter(\.$stream == timeZoneStream).first().flatMap { TimeZone(identifier: $0.value) }
    }

    /// Reads the shop and keeps its zone; a failure here never stops the import that asked.
    static func refresh(from shopify: ShopifyClient, on db: any Database) async {
        guard let shop = try? await shopify.shop(), TimeZone(identifier: shop.ianaTimezone) != nil else { return }
        if let row = try? await SyncCursor.query(on: db).filter(\.$stream == timeZoneStream).first() {
            row.value = shop.ianaTimezone
            try? await row.save(on: db)
        } else {
            try? await SyncCursor(stream: timeZoneStream, value: shop.ianaTimezone).create(on: db)
        }
    }
}
