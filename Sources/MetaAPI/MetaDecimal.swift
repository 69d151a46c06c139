import Foundation

/// Meta sends money and counts as JSON strings (`"spend": "12.34"`, `"impressions": "1043"`;
/// AdsInsights.json types them `string`). They are parsed exactly here, never through Double.
enum MetaNumber {
    /// A plain decimal literal ("12.34", "-0.5", "7"); nil for anything else.
    static func decimal(_ text: String?) -> Decimal? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespaces),
              trimmed.range(of: #"^-?\d+(\.\d+)?$"#, options: .regularExpression) != nil
        else { return nil }
        return Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// A whole count; also accepts "12.0" (Meta has sent counts with a decimal part).
    static func count(_ text: String?) -> Int64? {
        if let text, let whole = Int64(text.trimmingCharacters(in: .whitespaces)) { return whole }
        guard let value = decimal(text) else { return nil }
        var rounded = Decimal()
        var copy = value
        NSDecimalRound(&rounded, &copy, 0, .down)
        return Int64(exactly: NSDecimalNumber(decimal: rounded).int64Value)
    }
}
