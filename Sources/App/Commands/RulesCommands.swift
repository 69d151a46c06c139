import Foundation
import ShoppyShopCore
import Vapor

/// `shoppyshop rules …`: the merchant's listing rules (price, stock, category, item
/// specifics, policies). docs/rules.md explains how they combine.
struct RulesCommands: AsyncCommandGroup {
    var help: String { "Listing rules: list | set <name> … | remove <name> | export [--file F] | import <file>" }

    var commands: [String: any AnyAsyncCommand] {
        ["list": List(), "set": Set(), "remove": Remove(), "export": Export(), "import": Import()]
    }

    struct List: AsyncCommand {
        struct Signature: CommandSignature {
            @Flag(name: "json", help: "Print the rules as a rules file (JSON).")
            var json: Bool
            init() {}
        }

        var help: String { "Lists the rules, most specific scope first." }

        func run(using context: CommandContext, signature: Signature) async throws {
            try await context.application.prepareDatabase()
            let rules = RuleResolver(rules: try await RuleStore.all(on: context.application.db)).rules
            if signature.json {
                FileHandle.standardOutput.write(try RulesFile.encode(rules))
                FileHandle.standardOutput.write(Data("\n".utf8))
                return
            }
            if rules.isEmpty {
                context.console.print("No rules: every product lists at its Shopify price, with Shopify's stock less STOCK_BUFFER, in the category eBay's Taxonomy suggests for its product type.")
                return
            }
            for rule in rules {
                context.console.print("\(rule.name)  (\(rule.scope))  \(try rule.settings.json())")
            }
        }
    }

    struct Set: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "name", help: "The rule's name (plans cite it), e.g. apparel.")
            var name: String
            @Flag(name: "all", help: "Scope: every product.")
            var all: Bool
            @Option(name: "product-type", help: "Scope: products of this product type.")
            var productType: String?
            @Option(name: "vendor", help: "Scope: products of this vendor.")
            var vendor: String?
            @Option(name: "tag", help: "Scope: products with this tag.")
            var tag: String?
            @Option(name: "collection", help: "Scope: products in this collection (handle or title).")
            var collection: String?
            @Option(name: "product", help: "Scope: one product (its Shopify id).")
            var product: String?
            @Option(name: "sku", help: "Scope: one SKU.")
            var sku: String?
            @Option(name: "price-percent", help: "Add this percentage to the Shopify price, e.g. 10 or -5.")
            var pricePercent: String?
            @Option(name: "price-amount", help: "Add this amount to the Shopify price, e.g. 2.00 or -1.50.")
            var priceAmount: String?
            @Option(name: "price-fixed", help: "List at this price, whatever Shopify's.")
            var priceFixed: String?
            @Option(name: "round", help: "Round prices: 99 (to .99), whole, or none.")
            var round: String?
            @Option(name: "buffer", help: "Units held back from eBay.")
            var buffer: Int?
            @Option(name: "max", help: "Most units shown on eBay.")
            var max: Int?
            @Option(name: "quantity", help: "List this quantity, whatever Shopify's stock.")
            var quantity: Int?
            @Option(name: "out-of-stock", help: "zero (stay listed, quantity 0) or withdraw (end the listing until stock returns).")
            var outOfStock: String?
            @Option(name: "category", help: "eBay category id for these products.")
            var category: String?
            @Option(name: "aspect", help: "Item specifics, Name=source, several separated by ';': e.g. 'Type=metafield:custom.item_type;Size=option:Size'. Sources: vendor, product_type, option:<name>, metafield:<ns.key>, value:<text>, none.")
            var aspect: String?
            @Option(name: "fulfillment-policy", help: "eBay fulfillment (shipping) policy id.")
            var fulfillmentPolicy: String?
            @Option(name: "payment-policy", help: "eBay payment policy id.")
            var paymentPolicy: String?
            @Option(name: "return-policy", help: "eBay return policy id.")
            var returnPolicy: String?
            @Option(name: "location", help: "eBay inventory location key (merchantLocationKey).")
            var location: String?
            @Option(name: "condition", help: "eBay item condition, e.g. NEW, USED_EXCELLENT.")
            var condition: String?
            @Option(name: "drift", help: "What reconcile does with a hand edit on eBay: ours (push ours again), theirs (keep eBay's), report.")
            var drift: String?
            init() {}
        }

        var help: String {
            "Creates a rule or changes one (only the settings given change). Example: rules set apparel --product-type Apparel --price-percent 10 --round 99 --buffer 2"
        }

        func run(using context: CommandContext, signature s: Signature) async throws {
            var problems: [String] = []
            let scopes: [(RuleScope.Kind, String?)] = [
                (.all, s.all ? "" : nil), (.productType, s.productType), (.vendor, s.vendor), (.tag, s.tag),
                (.collection, s.collection), (.product, s.product), (.sku, s.sku),
            ].filter { $0.1 != nil }
            if scopes.count > 1 { problems.append("scope: give one of --all, --product-type, --vendor, --tag, --collection, --product, --sku (got \(scopes.count))") }
            let scope = scopes.first.map { RuleScope(kind: $0.0, value: $0.1) }
            var settings = RuleSettings()
            func decimal(_ flag: String, _ text: String?) -> Decimal? {
                guard let text else { return nil }
                guard let value = Decimal(exactly: text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
                    problems.append("--\(flag) \(text): write a decimal such as 10 or -2.50")
                    return nil
                }
                return value
            }
            func choice<T: RawRepresentable & CaseIterable>(_ flag: String, _ text: String?, _ type: T.Type) -> T? where T.RawValue == String {
                guard let text else { return nil }
                guard let value = T(rawValue: text.hasPrefix(".") ? String(text.dropFirst()) : text) else {
                    problems.append("--\(flag) \(text): use one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
                    return nil
                }
                return value
            }
            settings.pricePercent = decimal("price-percent", s.pricePercent?.replacingOccurrences(of: "%", with: ""))
            settings.priceAmount = decimal("price-amount", s.priceAmount)
            settings.priceFixed = decimal("price-fixed", s.priceFixed)
            settings.rounding = choice("round", s.round, RuleSettings.Rounding.self)
            settings.stockBuffer = s.buffer
            settings.stockMax = s.max
            settings.stockFixed = s.quantity
            settings.outOfStock = choice("out-of-stock", s.outOfStock, RuleSettings.OutOfStock.self)
            settings.categoryID = s.category
            if let text = s.aspect {
                var aspects: [String: AspectSource] = [:]
                for part in text.split(separator: ";") {
                    let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard pieces.count == 2, !pieces[0].isEmpty, let source = AspectSource(pieces[1]) else {
                        problems.append("--aspect \(part): write Name=source; \(AspectSource.syntax)")
                        continue
                    }
                    aspects[pieces[0]] = source
                }
                settings.aspects = aspects
            }
            settings.fulfillmentPolicyID = s.fulfillmentPolicy
            settings.paymentPolicyID = s.paymentPolicy
            settings.returnPolicyID = s.returnPolicy
            settings.locationKey = s.location
            settings.condition = s.condition
            settings.drift = choice("drift", s.drift, RuleSettings.DriftRepair.self)
            problems += settings.problems() // every problem at once, not the first kind found
            guard problems.isEmpty else { throw RulesCommands.fail(context, RuleError(problems: problems).description) }
            try await context.application.prepareDatabase()
            do {
                let rule = try await RuleStore.set(name: s.name, scope: scope, settings: settings, on: context.application.db)
                context.console.print("Saved rule \(rule.name) (\(rule.scope)): \(try rule.settings.json())")
                context.console.print("See its effect with: shoppyshop sync listings --dry-run")
            } catch let error as RuleError {
                throw RulesCommands.fail(context, error.description)
            }
        }
    }

    struct Remove: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "name", help: "The rule's name.")
            var name: String
            init() {}
        }

        var help: String { "Removes a rule." }

        func run(using context: CommandContext, signature: Signature) async throws {
            try await context.application.prepareDatabase()
            guard try await RuleStore.remove(name: signature.name, on: context.application.db) else {
                throw RulesCommands.fail(context, "no rule named \(signature.name); `shoppyshop rules list` shows them", code: 1)
            }
            context.console.print("Removed rule \(signature.name).")
        }
    }

    struct Export: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "file", short: "f", help: "Write to this file (default: print).")
            var file: String?
            init() {}
        }

        var help: String { "Writes every rule as a rules file (JSON) to keep in git. Example: rules export --file rules.json" }

        func run(using context: CommandContext, signature: Signature) async throws {
            try await context.application.prepareDatabase()
            let data = try RulesFile.encode(try await RuleStore.all(on: context.application.db)) + Data("\n".utf8)
            if let file = signature.file {
                try data.write(to: URL(fileURLWithPath: file, relativeTo: URL(fileURLWithPath: context.application.boot.directory)))
                context.console.print("Wrote \(file).")
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }

    struct Import: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "file", help: "A rules file (JSON), as `rules export` writes it.")
            var file: String
            init() {}
        }

        var help: String { "Replaces every rule with those of a rules file; nothing changes if any rule is invalid. Example: rules import rules.json" }

        func run(using context: CommandContext, signature: Signature) async throws {
            let url = URL(fileURLWithPath: signature.file, relativeTo: URL(fileURLWithPath: context.application.boot.directory))
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw RulesCommands.fail(context, "cannot read \(signature.file)", code: 66)
            }
            try await context.application.prepareDatabase()
            do {
                let rules = try RulesFile.decode(data)
                try await RuleStore.replaceAll(rules, on: context.application.db)
                context.console.print("Imported \(rules.count) rules from \(signature.file).")
            } catch let error as RuleError {
                throw RulesCommands.fail(context, error.description)
            }
        }
    }

    static func fail(_ context: CommandContext, _ message: String, code: Int32 = 65) -> CommandFailure {
        context.console.error(message)
        return CommandFailure(code: code, description: message)
    }
}
