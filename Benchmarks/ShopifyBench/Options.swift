import Foundation
import Sandbox

/// Command line of the benchmark: `ShopifyBench [--products N] [--plan P] [--seed S] [--bulk-poll-ms MS]`.
struct Options: Sendable {
    var products = 10_000
    /// Plus (1,000 points/s, 20,000-point bucket): a 10,000-product paged read takes a few
    /// minutes; on Standard (100 points/s) it takes about half an hour, which is what
    /// Shopify would make it take too.
    var plan: ShopifyThrottleSettings.Plan = .plus
    var seed: UInt64 = 1
    var bulkPollInterval: Duration = .milliseconds(200)

    static let usage = """
        usage: ShopifyBench [--products N] [--plan standard|advanced|plus|enterprise] [--seed S] [--bulk-poll-ms MS]
          --products      products in the sandbox store (default 10000, at most \(DemoStore.maximumProducts))
          --plan          Shopify plan whose restore rate and bucket the sandbox enforces (default plus)
          --seed          demo store seed (default 1)
          --bulk-poll-ms  interval between polls of the bulk operation (default 200)
        """

    struct Invalid: Error, CustomStringConvertible { var description: String }

    init(arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw Invalid(description: "\(flag) needs a value") }
            return next
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--products":
                guard let n = Int(try value(flag)), (1...DemoStore.maximumProducts).contains(n) else {
                    throw Invalid(description: "--products: expected 1...\(DemoStore.maximumProducts)")
                }
                products = n
            case "--plan":
                let text = try value(flag)
                guard let plan = ShopifyThrottleSettings.Plan(rawValue: text.lowercased()) else {
                    throw Invalid(description: "--plan: expected one of \(ShopifyThrottleSettings.Plan.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                self.plan = plan
            case "--seed":
                guard let seed = UInt64(try value(flag)) else { throw Invalid(description: "--seed: expected an unsigned integer") }
                self.seed = seed
            case "--bulk-poll-ms":
                guard let ms = Int(try value(flag)), ms >= 0 else { throw Invalid(description: "--bulk-poll-ms: expected milliseconds ≥ 0") }
                bulkPollInterval = .milliseconds(ms)
            case "-h", "--help":
                throw Invalid(description: "")
            default:
                throw Invalid(description: "unknown argument \(flag)")
            }
        }
    }
}
