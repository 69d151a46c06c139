import Foundation
import Plot

/// Pieces the pages share: forms with their CSRF token, tables, pagination, badges, money.
enum Forms {
    static let csrfField = "_csrf"

    /// The hidden CSRF input every form carries.
    static func csrf(_ chrome: Chrome?) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name(csrfField), .value(Escaping.attribute(chrome?.csrfToken ?? "")))
    }

    /// A one-button form that POSTs to `action`.
    static func button(_ label: String, action: String, chrome: Chrome, style: String = "") -> Node<HTML.BodyContext> {
        .form(
            .class("inline"), .method(.post), .action(Escaping.attribute(action)),
            csrf(chrome),
            .button(.type(.submit), .class(style), .text(label))
        )
    }
}

/// A page of results and the links to its neighbours.
public struct Paging: Sendable, Equatable {
    public var page: Int
    public var perPage: Int
    public var total: Int
    /// The path and query without `page`, e.g. "/products?state=listed".
    public var base: String

    public init(page: Int, perPage: Int, total: Int, base: String) {
        self.page = page
        self.perPage = perPage
        self.total = total
        self.base = base
    }

    public var pages: Int { max(1, (total + perPage - 1) / perPage) }

    func link(_ page: Int) -> String {
        base + (base.contains("?") ? "&" : "?") + "page=\(page)"
    }

    var node: Node<HTML.BodyContext> {
        .nav(
            .class("paging"), .ariaLabel("Pages"),
            .if(page > 1, .a(.rel(.prev), .href(Escaping.attribute(link(page - 1))), .text("← Previous"))),
            .span(.text(" Page \(page) of \(pages) · \(total) in all ")),
            .if(page < pages, .a(.rel(.next), .href(Escaping.attribute(link(page + 1))), .text("Next →")))
        )
    }
}

/// An amount with its currency; never a Double.
public struct MoneyText: Sendable, Equatable {
    public var amount: Decimal
    public var currency: String

    public init(_ amount: Decimal, _ currency: String) {
        self.amount = amount
        self.currency = currency
    }

    /// "1,234.50 USD".
    public var text: String {
        var rounded = Decimal(), value = amount
        NSDecimalRound(&rounded, &value, 2, .bankers)
        let negative = rounded < 0
        let plain = "\(negative ? -rounded : rounded)"
        let parts = plain.split(separator: ".", maxSplits: 1).map(String.init)
        var whole = parts[0]
        let cents = parts.count > 1 ? (parts[1] + "00").prefix(2) : "00"
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        return (negative ? "-" : "") + whole + grouped + "." + cents + " " + currency
    }
}

enum Components {
    static func table(_ headers: [String], _ rows: [Node<HTML.TableContext>], empty: String) -> Node<HTML.BodyContext> {
        .if(rows.isEmpty,
            .p(.class("empty"), .text(empty)),
            else: .div(.class("table-scroll"), .table(
                .thead(.tr(.forEach(headers) { .th(.attribute(named: "scope", value: "col"), .text($0)) })),
                .tbody(.group(rows))
            )))
    }

    static func badge(_ text: String, _ kind: String? = nil) -> Node<HTML.BodyContext> {
        .span(.class("badge badge-\(Escaping.attribute(kind ?? text.lowercased().replacingOccurrences(of: " ", with: "-")))"), .text(text))
    }

    static func time(_ date: Date?) -> Node<HTML.BodyContext> {
        guard let date else { return .text(Formatting.none) }
        return Layout.time(date)
    }

    static func notices(_ notices: [Notice]) -> Node<HTML.BodyContext> {
        .forEach(notices) { notice in
            .div(
                .class("notice \(notice.level.rawValue)"),
                .attribute(named: "role", value: notice.level == .error ? "alert" : "status"),
                .strong(.text(notice.title)),
                .text(" "),
                .span(.text(notice.message))
            )
        }
    }

    /// A labelled input with its error next to it.
    static func field(_ label: String, name: String, value: String, error: String?, hint: String? = nil, type: HTMLInputType = .text) -> Node<HTML.FormContext> {
        let id = "f-" + name.replacingOccurrences(of: ".", with: "-")
        return .div(
            .class(error == nil ? "field" : "field invalid"),
            .label(.for(id), .text(label)),
            .input(.type(type), .id(id), .name(Escaping.attribute(name)), .value(Escaping.attribute(value)),
                   .attribute(named: "aria-invalid", value: error == nil ? "" : "true"),
                   .attribute(named: "aria-describedby", value: error == nil ? "" : id + "-error")),
            .unwrap(hint) { .small(.class("hint"), .text($0)) },
            .unwrap(error) { .p(.class("field-error"), .id(id + "-error"), .text($0)) }
        )
    }
}

extension Components {
    /// A `<select>` with its options (Plot's `option` takes no text).
    static func select<Context>(id: String, name: String, options: [(value: String, label: String)], selected: String) -> Node<Context> {
        .element(named: "select", nodes: [
            .attribute(named: "id", value: Escaping.attribute(id)),
            .attribute(named: "name", value: Escaping.attribute(name)),
        ] + options.map { option in
            .element(named: "option", nodes: [
                .attribute(named: "value", value: Escaping.attribute(option.value)),
                .attribute(named: "selected", value: option.value == selected ? "selected" : ""),
                .text(option.label),
            ])
        })
    }
}
