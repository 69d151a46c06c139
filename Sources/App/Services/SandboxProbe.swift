import AsyncHTTPClient
import FluentKit
import Foundation
import Sandbox
import ShoppyShopCore

/// Finding a sandbox another process runs: `serve` records its stand-ins' address and
/// instance in the database (`sync_cursors`), so a `shoppyshop sync …` next to it acts on
/// the same demo accounts instead of a fresh, empty sandbox of its own.
enum SandboxProbe {
    static let urlStream = "sandbox.base_url"
    static let instanceStream = "sandbox.instance"

    struct Recorded {
        var url: URL
    }

    static func recorded(on db: any Database) async throws -> Recorded? {
        guard let row = try await SyncCursor.query(on: db).filter(\.$stream == urlStream).first(), let url = URL(string: row.value) else { return nil }
        return Recorded(url: url)
    }

    /// Records this process's sandbox; returns the instance recorded before, if any.
    static func record(_ url: URL, instance: String, on db: any Database) async throws -> String? {
        let previous = try await SyncCursor.query(on: db).filter(\.$stream == instanceStream).first()?.value
        try await set(urlStream, url.absoluteString, on: db)
        try await set(instanceStream, instance, on: db)
        return previous
    }

    static func forget(on db: any Database) async throws {
        try await SyncCursor.query(on: db).filter(\.$stream == urlStream).delete()
    }

    private static func set(_ stream: String, _ value: String, on db: any Database) async throws {
        if let row = try await SyncCursor.query(on: db).filter(\.$stream == stream).first() {
            row.value = value
            try await row.save(on: db)
        } else {
            try await SyncCursor(stream: stream, value: value).create(on: db)
        }
    }

    /// The sandbox's status, or nil when nothing answers there within a second.
    static func status(_ base: URL) async -> SandboxStatus? {
        let request = HTTPClientRequest(url: base.appendingPathComponent("_sandbox/status").absoluteString)
        guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(1)), response.status == .ok,
              let body = try? await response.body.collect(upTo: 1 << 20) else { return nil }
        return try? JSONDecoder().decode(SandboxStatus.self, from: Data(buffer: body))
    }
}
