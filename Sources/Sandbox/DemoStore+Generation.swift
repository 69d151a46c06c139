import Foundation

extension DemoStore {
    /// The largest store `generate` builds; the Shopify issue sizes bulk tests by it.
    public static let maximumProducts = 100_000

    /// Where ids and dates start. Shopify ids are opaque 64-bit numbers that grow with
    /// creation time; these bases give ids of the same size as a real store's.
    enum Anchor {
        static let shopID: Int64 = 61_000_000_001
        static let locationID: Int64 = 70_000_000_000
        static let productID: Int64 = 8_000_000_000_000
        static let variantID: Int64 = 45_000_000_000_000
        static let inventoryItemID: Int64 = 47_000_000_000_000
        static let imageID: Int64 = 30_000_000_000_000
        /// 2023-06-01T00:00:00Z: the first product's creation.
        static let opened: Int = 1_685_577_600
        /// 2025-06-01T00:00:00Z: no date in the store is later.
        static let now: Int = 1_748_736_000
        /// UPC-A payloads (11 digits) count up from here, one per barcoded variant.
        static let barcode: Int = 80_000_000_000
        /// Prices are drawn as whole dollars and kept at or below this, in cents.
        static let maximumPriceCents = 24_900
    }

    /// A store of `products` products (0…100,000), the same for the same arguments on
    /// every machine: own PRNG, integer cents, integer seconds, no locale, no clock.
    public static func generate(products count: Int = 50, seed: UInt64 = 1) -> DemoStore {
        precondition((0...maximumProducts).contains(count), "products must be in 0...\(maximumProducts)")
        var storeRandom = SplitMix64(seed: SplitMix64.mix(seed, 0))
        let locations = makeLocations(&storeRandom)
        var builder = Builder(count: count, locations: locations)
        var products: [Product] = []
        products.reserveCapacity(count)
        for index in 0..<count {
            // One stream per product: a product's draws never shift another's.
            var random = SplitMix64(seed: SplitMix64.mix(seed, UInt64(index) + 1))
            products.append(builder.product(index: index, random: &random))
        }
        return DemoStore(seed: seed, shop: shop, locations: locations, products: products)
    }

    static let shop = Shop(
        id: Anchor.shopID,
        name: "ShoppyShop Demo Store",
        email: "merchant@demo-store.shoppyshop.invalid",
        domain: "demo-store.myshopify.com",
        currencyCode: "USD",
        timeZone: "America/New_York",
        weightUnit: .grams,
        plan: .basic
    )

    static func makeLocations(_ random: inout SplitMix64) -> [Location] {
        let all = [
            Location(id: Anchor.locationID + 1, name: "Main Warehouse", city: "Columbus", countryCode: "US"),
            Location(id: Anchor.locationID + 2, name: "Shop Floor", city: "Brooklyn", countryCode: "US"),
        ]
        return random.chance(25) ? [all[0]] : all
    }

    /// Running state across products: serial numbers and handles already taken.
    struct Builder {
        let count: Int
        let locations: [Location]
        var variantSerial: Int64 = 0
        var imageSerial: Int64 = 0
        var barcodeSerial = 0
        /// Shopify makes a taken handle unique with "-1", "-2", …
        var handles: [String: Int] = [:]
        var slugs: [String: String] = [:]

        init(count: Int, locations: [Location]) {
            self.count = count
            self.locations = locations
            handles.reserveCapacity(min(count, 8_192))
        }

        mutating func product(index: Int, random: inout SplitMix64) -> Product {
            let number = index + 1
            let kind = random.pick(DemoStore.kinds)
            let item = random.pick(kind.items)
            let style: String? = random.chance(40) ? random.pick(DemoStore.styles) : nil
            let descriptor = random.pick(item.descriptors)
            let title = style.map { "\($0) \(descriptor) \(item.noun)" } ?? "\(descriptor) \(item.noun)"
            let vendor = random.pick(kind.vendors)
            let status: Status = random.chance(4) ? .draft : .active

            let (options, combinations) = Self.variantLayout(kind: kind, random: &random)
            let basePrice = Self.priceCents(kind: kind, random: &random)
            let compareAtPercent: Int? = random.chance(20) ? random.int(in: 120...150) : nil
            let grams = random.int(in: kind.grams) / 5 * 5

            var variants: [Variant] = []
            variants.reserveCapacity(combinations.count)
            for (position, selected) in combinations.enumerated() {
                variants.append(variant(
                    number: number, position: position + 1, selected: selected,
                    basePrice: basePrice, compareAtPercent: compareAtPercent, grams: grams,
                    random: &random
                ))
            }

            var tags = [kind.productType.lowercased(), random.pick(DemoStore.tagPool)]
            if random.chance(40) { tags.append(random.pick(DemoStore.tagPool)) }
            if compareAtPercent != nil { tags.append("sale") }

            let handle = uniqueHandle(for: title)
            let imageCount = random.int(in: 1...3)
            let square = random.chance(70)
            var images: [Image] = []
            for view in 0..<imageCount {
                imageSerial += 1
                images.append(Image(
                    id: Anchor.imageID + imageSerial,
                    url: "https://cdn.sandbox.shoppyshop.invalid/products/\(handle)-\(view + 1).jpg",
                    altText: view == 0 ? title : "\(title), \(DemoStore.imageViews[view])",
                    width: 2_048, height: square ? 2_048 : 2_560
                ))
            }

            // Spread creation evenly over two years, ids growing with time.
            let slot = (Anchor.now - Anchor.opened) / Swift.max(count, 1)
            let created = Anchor.opened + index * slot + random.below(Swift.max(slot, 1))
            let updated = random.chance(80) ? created + random.below(Anchor.now - created + 1) : created

            return Product(
                id: Anchor.productID + Int64(number),
                handle: handle,
                title: title,
                description: "\(title) by \(vendor). \(random.pick(kind.pitches)) \(random.pick(DemoStore.closers))",
                productType: kind.productType,
                vendor: vendor,
                tags: Self.sortedUnique(tags),
                status: status,
                options: options,
                variants: variants,
                images: images,
                createdAt: Date(timeIntervalSince1970: TimeInterval(created)),
                updatedAt: Date(timeIntervalSince1970: TimeInterval(updated))
            )
        }

        mutating func variant(
            number: Int, position: Int, selected: [SelectedOption],
            basePrice: Int, compareAtPercent: Int?, grams: Int,
            random: inout SplitMix64
        ) -> Variant {
            variantSerial += 1
            var sku = "SS-" + Self.padded(number, width: 6)
            var cents = basePrice
            for option in selected {
                if option.name == "Color", let code = DemoStore.colorCodes[option.value] {
                    sku += "-" + code
                } else if option.name == "Size", let code = DemoStore.sizeCodes[option.value] {
                    sku += "-" + code
                    // The largest sizes cost a little more, as they often do.
                    if option.value == "XL" || option.value == "XXL" || option.value == "Large" { cents += 200 }
                }
            }
            cents = Swift.min(cents, Anchor.maximumPriceCents)
            let compareAt = compareAtPercent.map { percent in
                // Round up to .99 of the whole dollar: always above the price.
                Self.decimal(cents: cents * percent / 100 / 100 * 100 + 99)
            }

            var barcode: String?
            if random.chance(60) {
                barcodeSerial += 1
                barcode = Self.upcA(payload: Anchor.barcode + barcodeSerial)
            }

            var levels: [InventoryLevel] = []
            levels.append(InventoryLevel(locationID: locations[0].id, available: Self.warehouseStock(&random)))
            if locations.count > 1, random.chance(50) {
                levels.append(InventoryLevel(locationID: locations[1].id, available: random.int(in: 0...12)))
            }

            let isDefault = selected.count == 1 && selected[0].name == "Title"
            return Variant(
                id: Anchor.variantID + variantSerial,
                title: isDefault ? "Default Title" : selected.map(\.value).joined(separator: " / "),
                sku: sku,
                position: position,
                selectedOptions: selected,
                price: Self.decimal(cents: cents),
                compareAtPrice: compareAt,
                barcode: barcode,
                weight: Weight(value: Decimal(grams), unit: .grams),
                inventoryItemID: Anchor.inventoryItemID + variantSerial,
                inventoryLevels: levels
            )
        }

        mutating func uniqueHandle(for title: String) -> String {
            // Titles repeat in a large store; slug each once.
            let base = slugs[title] ?? Self.slug(title)
            slugs[title] = base
            let taken = handles[base, default: 0]
            handles[base] = taken + 1
            return taken == 0 ? base : "\(base)-\(taken)"
        }

        /// The options and, in Shopify's order (first option slowest), each variant's values.
        static func variantLayout(kind: Kind, random: inout SplitMix64) -> ([Option], [[SelectedOption]]) {
            // 1–5 variants; one in three products has a single variant.
            let wanted = random.pick([1, 1, 1, 2, 3, 3, 4, 5, 5])
            let style = random.pick(kind.optionStyles)
            switch style {
            case .none:
                return defaultLayout
            case .color:
                guard wanted > 1 else { return defaultLayout }
                let colors = pickColors(wanted, random: &random)
                return ([Option(name: "Color", position: 1, values: colors)],
                        colors.map { [SelectedOption(name: "Color", value: $0)] })
            case .size(let sizes):
                let count = Swift.min(wanted, sizes.count)
                guard count > 1 else { return defaultLayout }
                let chosen = pickRun(of: sizes, count: count, random: &random)
                return ([Option(name: "Size", position: 1, values: chosen)],
                        chosen.map { [SelectedOption(name: "Size", value: $0)] })
            case .sizeAndColor(let sizes):
                guard wanted > 1 else { return defaultLayout }
                let colorCount = wanted >= 4 ? 2 : 1
                let sizeCount = (wanted + colorCount - 1) / colorCount
                let colors = pickColors(colorCount, random: &random)
                let chosenSizes = pickRun(of: sizes, count: Swift.min(sizeCount, sizes.count), random: &random)
                var combinations: [[SelectedOption]] = []
                for color in colors {
                    for size in chosenSizes where combinations.count < wanted {
                        combinations.append([SelectedOption(name: "Size", value: size), SelectedOption(name: "Color", value: color)])
                    }
                }
                let usedColors = colors.filter { color in combinations.contains { $0[1].value == color } }
                return ([Option(name: "Size", position: 1, values: chosenSizes),
                         Option(name: "Color", position: 2, values: usedColors)], combinations)
            }
        }

        static let defaultLayout: ([Option], [[SelectedOption]]) = (
            [Option(name: "Title", position: 1, values: ["Default Title"])],
            [[SelectedOption(name: "Title", value: "Default Title")]]
        )

        /// `count` distinct colors, consecutive in the palette from a random start.
        static func pickColors(_ count: Int, random: inout SplitMix64) -> [String] {
            let start = random.below(DemoStore.colors.count)
            return (0..<count).map { DemoStore.colors[(start + $0) % DemoStore.colors.count].name }
        }

        /// `count` consecutive sizes, so a product comes in S–L rather than XS, L, XXL.
        static func pickRun(of sizes: [String], count: Int, random: inout SplitMix64) -> [String] {
            let start = random.below(sizes.count - count + 1)
            return Array(sizes[start..<(start + count)])
        }

        static func priceCents(kind: Kind, random: inout SplitMix64) -> Int {
            let dollars = random.int(in: kind.dollars)
            let ending = random.pick([99, 99, 99, 95, 50, 0])
            let cents = ending == 0 ? dollars * 100 : dollars * 100 - (100 - ending)
            return Swift.min(cents, Anchor.maximumPriceCents)
        }

        static func warehouseStock(_ random: inout SplitMix64) -> Int {
            let roll = random.below(100)
            if roll < 8 { return 0 }
            if roll < 78 { return random.int(in: 1...60) }
            return random.int(in: 61...250)
        }

        static func sortedUnique(_ strings: [String]) -> [String] {
            var result: [String] = []
            for string in strings.sorted() where result.last != string {
                result.append(string)
            }
            return result
        }

        /// Exact: built from the integer, never through `Double`.
        static func decimal(cents: Int) -> Decimal {
            Decimal(sign: .plus, exponent: -2, significand: Decimal(cents))
        }

        static func padded(_ number: Int, width: Int) -> String {
            let digits = String(number)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }

        /// 12 digits: the 11-digit payload and its check digit.
        static func upcA(payload: Int) -> String {
            // Weights 3,1,3,… from the leftmost of the 11 digits: the rightmost gets 3.
            var sum = 0
            var rest = payload
            for position in 0..<11 {
                sum += rest % 10 * (position % 2 == 0 ? 3 : 1)
                rest /= 10
            }
            return padded(payload * 10 + (10 - sum % 10) % 10, width: 12)
        }

        /// Shopify's handle: lowercase ASCII letters and digits joined by single hyphens.
        static func slug(_ title: String) -> String {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(title.utf8.count)
            var pendingHyphen = false
            for byte in title.utf8 where byte != UInt8(ascii: "'") {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if pendingHyphen, !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                    pendingHyphen = false
                    bytes.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    if pendingHyphen, !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                    pendingHyphen = false
                    bytes.append(byte + 32)
                default:
                    pendingHyphen = true
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
