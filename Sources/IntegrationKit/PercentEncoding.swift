import Foundation

/// RFC 3986 percent-encoding for a path segment, a query name or value, or a form field:
/// only the unreserved ASCII characters (`A-Z a-z 0-9 - . _ ~`) stay; everything else,
/// non-ASCII letters included, becomes `%XX` of its UTF-8 bytes.
///
/// `CharacterSet.alphanumerics` is not a substitute: it holds every Unicode letter and digit
/// (é, ١, 鞋), which would reach `URLComponents.percentEncodedPath`/`percentEncodedQuery`
/// unencoded, and swift-foundation traps on those.
public enum PercentEncoding {
    public static func component(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output += "%"
                output.unicodeScalars.append(hexDigit(byte >> 4))
                output.unicodeScalars.append(hexDigit(byte & 0x0F))
            }
        }
        return output
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func hexDigit(_ value: UInt8) -> Unicode.Scalar {
        Unicode.Scalar(value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10)
    }
}
