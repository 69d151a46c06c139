import Plot

/// The sign-in form. Its CSRF token is double-submitted (cookie and field), since there is
/// no session yet to keep it in.
public enum SignInPage {
    public struct Model: Sendable, Equatable {
        public var chrome: Chrome
        public var email: String
        public var next: String
        public var error: String?

        public init(chrome: Chrome, email: String = "", next: String = "/", error: String? = nil) {
            self.chrome = chrome
            self.email = email
            self.next = next
            self.error = error
        }
    }

    public static func render(_ model: Model) -> String {
        Formatting.zoned(model.chrome) {
            Layout.render(
                title: "Sign in",
                chrome: model.chrome,
                current: nil,
                content: .section(
                    .class("sign-in"),
                    .h1(.text("Sign in")),
                    .unwrap(model.error) { .div(.class("notice error"), .attribute(named: "role", value: "alert"), .text($0)) },
                    .form(
                        .method(.post), .action("/login"),
                        Forms.csrf(model.chrome),
                        .input(.type(.hidden), .name("next"), .value(Escaping.attribute(model.next))),
                        .div(.class("field"),
                             .label(.for("email"), .text("Email")),
                             .input(.type(.email), .id("email"), .name("email"), .value(Escaping.attribute(model.email)),
                                    .attribute(named: "autocomplete", value: "username"), .required(true), .autofocus(model.email.isEmpty))),
                        .div(.class("field"),
                             .label(.for("password"), .text("Password")),
                             .input(.type(.password), .id("password"), .name("password"),
                                    .attribute(named: "autocomplete", value: "current-password"), .required(true), .autofocus(!model.email.isEmpty))),
                        .button(.type(.submit), .class("primary"), .text("Sign in"))
                    ),
                    .p(.class("hint"), .text("The first start printed the sign-in (or used ADMIN_EMAIL and ADMIN_PASSWORD). More users: shoppyshop users create --email you@example.com"))
                )
            )
        }
    }
}
