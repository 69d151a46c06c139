import Foundation
import IntegrationKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends one JSON line per exchange to a file (`SANDBOX_RECORD=path.jsonl`).
///
/// The file is opened with `O_APPEND` and each line goes out in one `write(2)`, unbuffered:
/// a line is on disk as soon as `record` returns, lines from concurrent requests never
/// interleave (the actor orders them), and two hosts may share one file.
public actor ExchangeRecorder {
    public nonisolated let url: URL
    /// Masks secrets in every line: pass the app's, with its registered secret values.
    public nonisolated let redactor: Redactor
    private var descriptor: Int32
    public private(set) var linesWritten = 0

    public struct Failure: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot record exchanges to \(path): \(reason)" }
    }

    /// Creates the file if needed; existing lines are kept.
    public init(url: URL, redactor: Redactor = Exchange.defaultRedactor) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(path: url.path, reason: String(cString: strerror(errno)))
        }
        self.url = url
        self.redactor = redactor
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 { _ = systemClose(descriptor) }
    }

    public func record(_ exchange: Exchange) throws {
        try write(line: exchange.jsonLine(redactor: redactor))
    }

    /// Writes one already-rendered line (a newline is added).
    public func write(line: String) throws {
        guard descriptor >= 0 else { throw Failure(path: url.path, reason: "recorder is closed") }
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(path: url.path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        linesWritten += 1
    }

    public func close() {
        guard descriptor >= 0 else { return }
        _ = systemClose(descriptor)
        descriptor = -1
    }
}

// `write` and `close` are also the names of this actor's methods.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

private func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
