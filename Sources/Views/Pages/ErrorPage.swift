import Plot

/// What a person sees instead of a page when a request fails.
public enum ErrorPage {
    public struct Model: Sendable, Equatable {
        /// `nil` when the failure came before the configuration was known.
        public var chrome: Chrome?
        public var status: Int
        public var title: String
        public var message: String

        public init(chrome: Chrome?, status: Int, title: String, message: String) {
            self.chrome = chrome
            self.status = status
            self.title = title
            self.message = message
        }
    }

    public static func render(_ model: Model) -> String {
        Formatting.zoned(model.chrome) {
            Layout.render(
                title: model.title,
                chrome: model.chrome,
                current: nil,
                content: .section(
                    .class("error-page"),
                    .p(.class("error-status"), .text("Error \(model.status)")),
                    .h1(.text(model.title)),
                    .p(.class("error-message"), .text(model.message)),
                    .p(.a(.href(Layout.NavItem.dashboard.path), .text("Back to the dashboard")))
                )
            )
        }
    }
}
