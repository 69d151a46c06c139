import FluentKit
import Foundation

/// A merchant's listing rule: which products it covers (`scope`) and what it sets
/// (`settings`, JSON of `RuleSettings`). See `RuleResolver` for how rules combine.
public final class ListingRule: Model, @unchecked Sendable {
    public static let schema = "listing_rules"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "scope") public var scope: RuleScope.Kind
    @OptionalField(key: "scope_value") public var scopeValue: String?
    @Field(key: "settings") public var settingsJSON: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(_ rule: Rule) throws {
        self.name = rule.name
        self.scope = rule.scope.kind
        self.scopeValue = rule.scope.value
        self.settingsJSON = try rule.settings.json()
    }

    /// The rule as the resolver reads it.
    public func rule() throws -> Rule {
        Rule(name: name, scope: RuleScope(kind: scope, value: scopeValue), settings: try RuleSettings.decode(settingsJSON))
    }
}
