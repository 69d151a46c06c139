import FluentKit
import Foundation

/// Rules in the database: what the CLI (and later the dashboard) edits and the planner reads.
public enum RuleStore {
    public static func all(on db: any Database) async throws -> [Rule] {
        try await ListingRule.query(on: db).sort(\.$name).all().map { try $0.rule() }
    }

    /// Creates the rule, or merges the settings into the existing one of that name (the scope
    /// is replaced when given).
    @discardableResult
    /// - Parameter replace: the settings given are the whole rule (a form), instead of changes to it (the CLI).
    public static func set(name: String, scope: RuleScope?, settings: RuleSettings, replace: Bool = false, on db: any Database) async throws -> Rule {
        var problems: [String] = []
        if !Rule.validName(name) { problems.append("name \"\(name)\": use 1 to 64 letters, digits, - _ . or :") }
        let existing = try await ListingRule.query(on: db).filter(\.$name == name).first()
        let current = try existing?.rule()
        guard let finalScope = scope ?? current?.scope else {
            throw RuleError(problems: problems + ["scope: a new rule needs one of --all, --product-type, --vendor, --tag, --collection, --product, --sku"])
        }
        if finalScope.kind != .all, (finalScope.value ?? "").isEmpty { problems.append("scope \(finalScope.kind.rawValue): needs a value") }
        let merged = replace ? settings : (current?.settings ?? RuleSettings()).merging(settings)
        problems += merged.problems()
        if merged.isEmpty { problems.append("settings: the rule sets nothing; give at least one setting (see `shoppyshop rules set --help`)") }
        guard problems.isEmpty else { throw RuleError(problems: problems) }
        let rule = Rule(name: name, scope: finalScope, settings: merged)
        let row = existing ?? ListingRule()
        row.name = rule.name
        row.scope = rule.scope.kind
        row.scopeValue = rule.scope.value
        row.settingsJSON = try rule.settings.json()
        try await row.save(on: db)
        return rule
    }

    /// Removes a rule; false when there is none of that name.
    public static func remove(name: String, on db: any Database) async throws -> Bool {
        guard let row = try await ListingRule.query(on: db).filter(\.$name == name).first() else { return false }
        try await row.delete(on: db)
        return true
    }

    /// Replaces every rule with `rules`, all or nothing.
    public static func replaceAll(_ rules: [Rule], on db: any Database) async throws {
        var problems: [String] = []
        var names = Set<String>()
        for rule in rules {
            if !Rule.validName(rule.name) { problems.append("rule \"\(rule.name)\": name must be 1 to 64 letters, digits, - _ . or :") }
            if !names.insert(rule.name).inserted { problems.append("rule \"\(rule.name)\": the name is used twice") }
            problems += rule.settings.problems().map { "rule \(rule.name): \($0)" }
        }
        guard problems.isEmpty else { throw RuleError(problems: problems) }
        try await db.writeTransaction { db in
            try await ListingRule.query(on: db).delete()
            for rule in rules { try await ListingRule(rule).create(on: db) }
        }
    }
}

/// Every problem with a rule at once.
public struct RuleError: Error, CustomStringConvertible {
    public var problems: [String]
    public init(problems: [String]) { self.problems = problems }
    public var description: String {
        "rule not saved — \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
