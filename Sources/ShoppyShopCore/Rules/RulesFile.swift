import Foundation

/// The rules file a merchant can keep in git (`shoppyshop rules export` / `rules import`):
/// a JSON list of rules, each with its name, exactly one scope key and its settings, money as
/// strings. docs/rules.md documents every key.
///
/// ```json
/// {"rules": [
///   {"name": "default", "all": true, "rounding": "99", "stockBuffer": 1},
///   {"name": "apparel", "productType": "Apparel", "pricePercent": "10", "aspects": {"Size": "option:Size"}}
/// ]}
/// ```
public enum RulesFile {
    public static func encode(_ rules: [Rule]) throws -> Data {
        var list: [[String: Any]] = []
        for rule in rules {
            let settings = try JSONSerialization.jsonObject(with: Data(try rule.settings.json().utf8)) as? [String: Any] ?? [:]
            var entry: [String: Any] = ["name": rule.name]
            entry[rule.scope.kind.fileKey] = rule.scope.kind == .all ? true : (rule.scope.value ?? "")
            entry.merge(settings) { own, _ in own }
            list.append(entry)
        }
        return try JSONSerialization.data(withJSONObject: ["rules": list], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// Every problem of the file at once, each naming the rule and the key.
    public static func decode(_ data: Data) throws -> [Rule] {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let list = root["rules"] as? [Any] else {
            throw RuleError(problems: ["the file must be a JSON object {\"rules\": [ … ]} (see docs/rules.md)"])
        }
        let scopeKeys = Dictionary(uniqueKeysWithValues: RuleScope.Kind.allCases.map { ($0.fileKey, $0) })
        let settingKeys: Set<String> = [
            "pricePercent", "priceAmount", "priceFixed", "rounding", "stockBuffer", "stockMax", "stockFixed", "outOfStock",
            "categoryID", "aspects", "fulfillmentPolicyID", "paymentPolicyID", "returnPolicyID", "locationKey", "condition", "drift", "restockOnCancel",
        ]
        var rules: [Rule] = []
        var problems: [String] = []
        for (index, element) in list.enumerated() {
            guard let entry = element as? [String: Any] else { problems.append("rule \(index + 1): not a JSON object"); continue }
            let label = (entry["name"] as? String).map { "rule \"\($0)\"" } ?? "rule \(index + 1)"
            guard let name = entry["name"] as? String else { problems.append("\(label): missing \"name\""); continue }
            let scopes = entry.keys.compactMap { scopeKeys[$0] }
            guard scopes.count == 1, let kind = scopes.first else {
                problems.append("\(label): give exactly one scope key of \(scopeKeys.keys.sorted().joined(separator: ", ")); found \(scopes.count)")
                continue
            }
            let value: String? = kind == .all ? nil : (entry[kind.fileKey] as? String) ?? (entry[kind.fileKey] as? NSNumber)?.stringValue
            if kind != .all, (value ?? "").isEmpty { problems.append("\(label): \(kind.fileKey) needs a text value") }
            let unknown = entry.keys.filter { $0 != "name" && scopeKeys[$0] == nil && !settingKeys.contains($0) }
            for key in unknown.sorted() { problems.append("\(label): unknown key \"\(key)\"") }
            var settingsObject = entry.filter { settingKeys.contains($0.key) }
            // Money may be written as numbers by hand; read their text, never as a float.
            for key in ["pricePercent", "priceAmount", "priceFixed"] {
                if let number = settingsObject[key] as? NSNumber { settingsObject[key] = number.stringValue }
            }
            do {
                let json = try JSONSerialization.data(withJSONObject: settingsObject)
                let settings = try JSONDecoder().decode(RuleSettings.self, from: json)
                problems += settings.problems().map { "\(label): \($0)" }
                rules.append(Rule(name: name, scope: RuleScope(kind: kind, value: value), settings: settings))
            } catch let DecodingError.dataCorrupted(context) {
                problems.append("\(label): \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)")
            } catch let DecodingError.typeMismatch(_, context) {
                problems.append("\(label): \(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type (\(context.debugDescription))")
            } catch {
                problems.append("\(label): \(error)")
            }
        }
        guard problems.isEmpty else { throw RuleError(problems: problems) }
        return rules
    }
}
