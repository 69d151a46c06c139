import Foundation
import Plot

/// Inline SVG charts drawn here (no chart library, no CDN). Pixel positions are computed in
/// `Decimal` too, so no amount ever passes through a Double.
enum Charts {
    struct Series: Sendable, Equatable {
        var label: String
        var css: String
        var values: [Decimal]
    }

    /// Stacked bars (`bars`, e.g. revenue per channel) with a line (`line`, e.g. ad spend) on
    /// the same scale, one slot per label.
    static func barsWithLine(title: String, labels: [String], bars: [Series], line: Series, currency: String) -> Node<HTML.BodyContext> {
        let width: Decimal = 720, height: Decimal = 220, left: Decimal = 56, bottom: Decimal = 24, top: Decimal = 10
        let plotHeight = height - bottom - top
        let count = max(labels.count, 1)
        let slot = (width - left) / Decimal(count)
        let stacked = (0..<labels.count).map { index in bars.reduce(Decimal(0)) { $0 + ($1.values[safe: index] ?? 0) } }
        let peak = max(stacked.max() ?? 0, line.values.max() ?? 0, 1)
        func y(_ value: Decimal) -> Decimal { top + plotHeight - value / peak * plotHeight }
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" role=\"img\" aria-labelledby=\"chart-title\" preserveAspectRatio=\"none\">"
        svg += "<title id=\"chart-title\">\(Escaping.attribute(title))</title>"
        // Axis: zero and the peak.
        svg += "<line class=\"axis\" x1=\"\(fmt(left))\" y1=\"\(fmt(y(0)))\" x2=\"\(fmt(width))\" y2=\"\(fmt(y(0)))\"/>"
        svg += "<text class=\"tick\" x=\"\(fmt(left - 4))\" y=\"\(fmt(y(peak) + 4))\" text-anchor=\"end\">\(Escaping.attribute(MoneyText(peak, "").text.trimmingCharacters(in: .whitespaces)))</text>"
        svg += "<text class=\"tick\" x=\"\(fmt(left - 4))\" y=\"\(fmt(y(0)))\" text-anchor=\"end\">0</text>"
        for index in labels.indices {
            var base: Decimal = 0
            let x = left + slot * Decimal(index) + slot / 10
            for series in bars {
                let value = series.values[safe: index] ?? 0
                guard value > 0 else { continue }
                let top = y(base + value), bottomY = y(base)
                svg += "<rect class=\"\(series.css)\" x=\"\(fmt(x))\" y=\"\(fmt(top))\" width=\"\(fmt(slot * 8 / 10))\" height=\"\(fmt(bottomY - top))\">"
                svg += "<title>\(Escaping.attribute("\(labels[index]) \(series.label): \(MoneyText(value, currency).text)"))</title></rect>"
                base += value
            }
            if index % max(1, count / 6) == 0 {
                svg += "<text class=\"tick\" x=\"\(fmt(x))\" y=\"\(fmt(height - 6))\">\(Escaping.attribute(String(labels[index].suffix(5))))</text>"
            }
        }
        let points = labels.indices.map { index in "\(fmt(left + slot * Decimal(index) + slot / 2)),\(fmt(y(line.values[safe: index] ?? 0)))" }
        svg += "<polyline class=\"\(line.css)\" fill=\"none\" points=\"\(points.joined(separator: " "))\"><title>\(Escaping.attribute(line.label))</title></polyline>"
        svg += "</svg>"
        return .div(
            .class("chart-box"),
            .raw(svg),
            .ul(.class("legend"),
                .forEach(bars + [line]) { series in .li(.span(.class("swatch \(series.css)")), .text(series.label)) })
        )
    }

    /// One decimal place is plenty for pixels.
    static func fmt(_ value: Decimal) -> String {
        var value = value, rounded = Decimal()
        NSDecimalRound(&rounded, &value, 1, .plain)
        return "\(rounded)"
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
