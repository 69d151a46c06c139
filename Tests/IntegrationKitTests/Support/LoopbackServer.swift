import Foundation
import IntegrationKit
import Vapor

/// Counts requests per path on the loopback server, so tests can prove how often a client sent.
actor HitCounter {
    private var hits: [String: Int] = [:]
    private var times: [String: [ContinuousClock.Instant]] = [:]

    /// Records one hit on `path` and returns its 1-based number.
    func record(_ path: String) -> Int {
        hits[path, default: 0] += 1
        times[path, default: []].append(.now)
        return hits[path]!
    }

    func count(_ path: String) -> Int { hits[path] ?? 0 }
    func instants(_ path: String) -> [ContinuousClock.Instant] { times[path] ?? [] }
}

/// A real Vapor HTTP server on 127.0.0.1 with an OS-assigned port, for the duration of `body`.
struct LoopbackServer {
    let port: Int
    let hits: HitCounter

    func url(_ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path.hasPrefix("/") ? path : "/" + path)")!
    }

    static func run<T>(
        routes: (any RoutesBuilder, HitCounter) -> Void,
        _ body: (LoopbackServer) async throws -> T
    ) async throws -> T {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        let hits = HitCounter()
        routes(app, hits)
        do {
            try await app.asyncBoot()
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            guard let port = app.http.server.shared.localAddress?.port else {
                throw Abort(.internalServerError, reason: "loopback server has no port")
            }
            let result = try await body(LoopbackServer(port: port, hits: hits))
            await app.server.shutdown()
            try await app.asyncShutdown()
            return result
        } catch {
            await app.server.shutdown()
            try? await app.asyncShutdown()
            throw error
        }
    }
}

/// A loopback port that refuses connections for as long as `body` runs: bound, never
/// listening. (A port closed after use could be taken by a test running in parallel.)
func withRefusingLoopbackPort(_ body: (Int) async throws -> Void) async throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
            bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
        }
    }
    guard bound else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    try await body(Int(UInt16(bigEndian: address.sin_port)))
}
