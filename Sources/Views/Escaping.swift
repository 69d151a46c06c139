/// Escaping that Plot leaves to us.
///
/// Plot escapes text nodes (`.text`), but writes attribute values verbatim:
/// a vendor error containing `"` would end a `title="…"` attribute and could
/// add an event handler. Every attribute value that carries data goes through
/// `attribute(_:)` first.
enum Escaping {
    static func attribute(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
