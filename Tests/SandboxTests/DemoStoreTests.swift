import Foundation
import Testing
@testable import Sandbox

@Suite struct DemoStoreTests {
    @Test func generate_sameArguments_sameStore() {
        let first = DemoStore.generate(products: 300, seed: 42)
        let second = DemoStore.generate(products: 300, seed: 42)

        #expect(first == second)
        #expect(first.canonicalText == second.canonicalText)
    }

    @Test func generate_otherSeed_otherStore() {
        let one = DemoStore.generate(products: 50, seed: 1)
        let two = DemoStore.generate(products: 50, seed: 2)

        #expect(one != two)
        #expect(one.products.map(\.title) != two.products.map(\.title))
    }

    @Test func generate_defaults_fiftyProductsSeedOne() {
        let store = DemoStore.generate()

        #expect(store.products.count == 50)
        #expect(store.seed == 1)
        #expect(store == DemoStore.generate(products: 50, seed: 1))
    }

    @Test func generate_smallerStore_isPrefixOfLargerInContent() {
        // Each product draws from its own stream, so product 7 reads the same in a store
        // of 10 and of 1,000; only its creation date (spread over the store) differs.
        let small = DemoStore.generate(products: 10, seed: 9)
        let large = DemoStore.generate(products: 1_000, seed: 9)

        #expect(small.products[7].title == large.products[7].title)
        #expect(small.products[7].variants.map(\.sku) == large.products[7].variants.map(\.sku))
        #expect(small.locations == large.locations)
    }

    @Test(arguments: [1, 2, 3, 77] as [UInt64])
    func generate_invariants_hold(seed: UInt64) throws {
        let store = DemoStore.generate(products: 2_000, seed: seed)
        let locationIDs = Set(store.locations.map(\.id))
        let latest = Date(timeIntervalSince1970: TimeInterval(DemoStore.Anchor.now))

        #expect(store.products.count == 2_000)
        #expect((1...2).contains(store.locations.count))
        #expect(Set(store.products.map(\.id)).count == store.products.count)
        #expect(store.products.map(\.id) == store.products.map(\.id).sorted())
        #expect(Set(store.products.map(\.handle)).count == store.products.count)

        var skus = Set<String>()
        var variantIDs = Set<Int64>()
        var inventoryItemIDs = Set<Int64>()
        var imageIDs = Set<Int64>()
        var barcodes = Set<String>()
        for product in store.products {
            #expect((1...5).contains(product.variants.count), "\(product.handle)")
            #expect((1...3).contains(product.images.count))
            #expect(!product.title.isEmpty && !product.description.isEmpty)
            #expect(product.handle.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
            #expect(product.tags == Array(Set(product.tags)).sorted())
            #expect(product.status != .archived)
            #expect(product.createdAt <= product.updatedAt && product.updatedAt <= latest)
            for image in product.images {
                #expect(image.url.hasPrefix("https://cdn.sandbox.shoppyshop.invalid/"))
                #expect(imageIDs.insert(image.id).inserted)
            }
            for variant in product.variants {
                #expect(skus.insert(variant.sku).inserted, "duplicate SKU \(variant.sku)")
                #expect(variant.sku.count <= 50)
                #expect(variantIDs.insert(variant.id).inserted)
                #expect(inventoryItemIDs.insert(variant.inventoryItemID).inserted)
                #expect(variant.price > 0 && variant.price <= 249)
                #expect(hasAtMostTwoDecimals(variant.price), "\(variant.price)")
                if let compareAt = variant.compareAtPrice {
                    #expect(compareAt > variant.price && hasAtMostTwoDecimals(compareAt))
                }
                if let barcode = variant.barcode {
                    #expect(barcode.count == 12 && isValidUPCA(barcode), "\(barcode)")
                    #expect(barcodes.insert(barcode).inserted)
                }
                #expect((1...2).contains(variant.inventoryLevels.count))
                for level in variant.inventoryLevels {
                    #expect(level.available >= 0)
                    #expect(locationIDs.contains(level.locationID))
                }
                // Each variant's selected options are values its product offers.
                let offered = Dictionary(uniqueKeysWithValues: product.options.map { ($0.name, Set($0.values)) })
                for selected in variant.selectedOptions {
                    #expect(offered[selected.name]?.contains(selected.value) == true)
                }
            }
            let combinations = product.variants.map { $0.selectedOptions.map(\.value) }
            #expect(Set(combinations).count == combinations.count)
        }
        // A catalog worth syncing: some drafts, some sales, some out of stock, some multi-variant.
        #expect(store.products.contains { $0.status == .draft })
        #expect(store.products.contains { $0.variants.count == 5 })
        #expect(store.products.contains { $0.variants.contains { $0.compareAtPrice != nil } })
        #expect(store.products.contains { $0.variants.contains { $0.inventoryQuantity == 0 } })
    }

    /// Written down once from seed 1. If this fails, the generator changed: every recorded
    /// demo and golden file built on it changes too. Update only on purpose.
    @Test func generate_seedOne_matchesGolden() throws {
        let store = DemoStore.generate(products: 50, seed: 1)
        let first = try #require(store.products.first)
        let variant = try #require(first.variants.first)

        #expect(store.shop.name == "ShoppyShop Demo Store")
        #expect(store.shop.domain == "demo-store.myshopify.com")
        #expect(store.shop.currencyCode == "USD")
        #expect(store.locations.map(\.name) == ["Main Warehouse", "Shop Floor"])
        #expect(first.id == 8_000_000_000_001)
        #expect(first.title == "Stainless Steel Mixing Bowl")
        #expect(first.handle == "stainless-steel-mixing-bowl")
        #expect(variant.sku == "SS-000001-SM")
        #expect(variant.price == Decimal(string: "68.95"))
        #expect(store.variantCount == 92)
        #expect(fnv1a(store.canonicalText) == 6_173_893_782_622_385_023)
    }

    @Test func generate_maximumSize_works() {
        let clock = ContinuousClock()
        var store: DemoStore?
        let elapsed = clock.measure {
            store = DemoStore.generate(products: DemoStore.maximumProducts, seed: 1)
        }
        let products = store?.products ?? []

        #expect(products.count == 100_000)
        #expect(Set(products.lazy.flatMap(\.variants).map(\.sku)).count == store?.variantCount)
        #expect(Set(products.map(\.handle)).count == 100_000)
        print("DemoStore.generate(products: 100_000) took \(elapsed)")
    }
}

func hasAtMostTwoDecimals(_ value: Decimal) -> Bool {
    var scaled = value * 100
    var rounded = Decimal()
    NSDecimalRound(&rounded, &scaled, 0, .plain)
    return rounded == scaled
}

func isValidUPCA(_ code: String) -> Bool {
    let digits = code.compactMap(\.wholeNumberValue)
    guard digits.count == 12 else { return false }
    let sum = digits.prefix(11).enumerated().reduce(0) { $0 + ($1.offset % 2 == 0 ? $1.element * 3 : $1.element) }
    return (10 - sum % 10) % 10 == digits[11]
}

/// 64-bit FNV-1a: a digest with no platform or library behind it.
func fnv1a(_ text: String) -> UInt64 {
    text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
}

extension DemoStore {
    /// Every generated field as plain text, with dates as whole seconds: the same on
    /// every platform, unlike a JSONEncoder rendering of `Date` or `Decimal`.
    var canonicalText: String {
        var lines = [
            "\(seed)|\(shop.id)|\(shop.name)|\(shop.email)|\(shop.domain)|\(shop.currencyCode)|\(shop.timeZone)|\(shop.weightUnit.rawValue)|\(shop.plan.rawValue)",
            locations.map { "\($0.id) \($0.name) \($0.city) \($0.countryCode)" }.joined(separator: ";"),
        ]
        for product in products {
            lines.append([
                "\(product.id)", product.handle, product.title, product.description, product.productType,
                product.vendor, product.tags.joined(separator: ","), product.status.rawValue,
                product.options.map { "\($0.name)=\($0.values.joined(separator: ","))" }.joined(separator: ";"),
                product.images.map { "\($0.id) \($0.url) \($0.altText) \($0.width)x\($0.height)" }.joined(separator: ";"),
                "\(Int(product.createdAt.timeIntervalSince1970))", "\(Int(product.updatedAt.timeIntervalSince1970))",
            ].joined(separator: "|"))
            for variant in product.variants {
                lines.append([
                    "\(variant.id)", variant.title, variant.sku, "\(variant.position)",
                    "\(variant.price)", variant.compareAtPrice.map { "\($0)" } ?? "-", variant.barcode ?? "-",
                    "\(variant.weight.value)\(variant.weight.unit.rawValue)", "\(variant.inventoryItemID)",
                    variant.inventoryLevels.map { "\($0.locationID):\($0.available)" }.joined(separator: ","),
                ].joined(separator: "|"))
            }
        }
        return lines.joined(separator: "\n")
    }
}
