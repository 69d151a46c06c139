/// Something the merchant must act on, shown at the top of the dashboard.
public struct Notice: Sendable, Equatable {
    public enum Level: String, Sendable {
        case warning
        case error
    }

    public var level: Level
    public var title: String
    public var message: String

    public init(level: Level, title: String, message: String) {
        self.level = level
        self.title = title
        self.message = message
    }
}
