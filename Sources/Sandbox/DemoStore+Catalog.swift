/// The word lists the demo catalog is drawn from. Changing any list changes every
/// generated store (the golden test in `DemoStoreTests` will say so): append, don't edit.
extension DemoStore {
    enum OptionStyle: Sendable {
        /// Only Shopify's "Default Title" variant.
        case none
        case color
        case size([String])
        case sizeAndColor([String])
    }

    struct Kind: Sendable {
        let productType: String
        let descriptors: [String]
        let nouns: [String]
        let vendors: [String]
        let optionStyles: [OptionStyle]
        /// Whole dollars; a price ends in .99, .95, .50 or .00 below the drawn amount.
        let dollars: ClosedRange<Int>
        let grams: ClosedRange<Int>
        let pitches: [String]
    }

    struct Color: Sendable {
        let name: String
        let code: String
    }

    static let kinds: [Kind] = [
        Kind(
            productType: "Apparel",
            descriptors: ["Merino Wool", "Organic Cotton", "Linen", "Recycled Polyester", "Bamboo", "Heavyweight", "Brushed Fleece"],
            nouns: ["T-Shirt", "Hoodie", "Sweater", "Cardigan", "Joggers", "Chinos", "Flannel Shirt", "Rain Jacket", "Fleece Vest", "Polo Shirt", "Denim Jacket"],
            vendors: ["Northwind Apparel", "Harbor & Pine", "Alder Goods"],
            optionStyles: [.sizeAndColor(apparelSizes), .sizeAndColor(apparelSizes), .size(apparelSizes), .color],
            dollars: 19...129, grams: 150...900,
            pitches: [
                "Cut for an easy, relaxed fit that layers well.",
                "Soft against the skin and built to last wash after wash.",
                "A wardrobe staple in colors that go with everything.",
            ]
        ),
        Kind(
            productType: "Accessories",
            descriptors: ["Leather", "Canvas", "Waxed Canvas", "Merino Wool", "Cork", "Recycled Nylon"],
            nouns: ["Beanie", "Scarf", "Tote Bag", "Backpack", "Wallet", "Belt", "Cap", "Gloves", "Watch Strap"],
            vendors: ["Harbor & Pine", "Alder Goods", "Bluebird Makers"],
            optionStyles: [.color, .color, .none],
            dollars: 12...149, grams: 50...1_200,
            pitches: [
                "Small details, finished by hand.",
                "Made to carry the everyday essentials and then some.",
                "Ages beautifully with use.",
            ]
        ),
        Kind(
            productType: "Home",
            descriptors: ["Linen", "Stoneware", "Oak", "Rattan", "Jute", "Velvet", "Terracotta", "Marble"],
            nouns: ["Throw Blanket", "Cushion Cover", "Scented Candle", "Vase", "Wall Clock", "Table Lamp", "Bath Towel", "Doormat", "Picture Frame", "Storage Basket"],
            vendors: ["Fernhill Home", "Bluebird Makers", "Alder Goods"],
            optionStyles: [.color, .size(roomSizes), .none],
            dollars: 9...249, grams: 200...4_500,
            pitches: [
                "Brings warmth to any room without trying too hard.",
                "Designed to be lived with, not just looked at.",
                "A quiet piece that works in every season.",
            ]
        ),
        Kind(
            productType: "Kitchen",
            descriptors: ["Stainless Steel", "Acacia Wood", "Enamel", "Borosilicate Glass", "Ceramic", "Cast Iron", "Bamboo"],
            nouns: ["Chef's Knife", "Cutting Board", "Coffee Mug", "French Press", "Mixing Bowl", "Skillet", "Tea Kettle", "Salad Servers", "Apron", "Spice Jar Set"],
            vendors: ["Copper Kettle", "Fernhill Home"],
            optionStyles: [.size(roomSizes), .color, .none],
            dollars: 8...199, grams: 150...3_500,
            pitches: [
                "Built for daily cooking and easy cleaning.",
                "Balanced, sturdy and a pleasure to use.",
                "From weeknight dinners to slow Sunday breakfasts.",
            ]
        ),
        Kind(
            productType: "Outdoor",
            descriptors: ["Titanium", "Ripstop", "Aluminum", "Insulated", "Recycled", "Waterproof"],
            nouns: ["Camping Lantern", "Water Bottle", "Hiking Socks", "Trekking Poles", "Hammock", "Dry Bag", "Picnic Blanket", "Tumbler", "Camp Chair", "Headlamp"],
            vendors: ["Summit Outfitters", "Northwind Apparel"],
            optionStyles: [.sizeAndColor(gearSizes), .color, .size(gearSizes), .none],
            dollars: 14...249, grams: 80...3_000,
            pitches: [
                "Trail-tested through rain, dust and long weekends.",
                "Light enough to forget, tough enough to rely on.",
                "Packs down small and sets up in seconds.",
            ]
        ),
        Kind(
            productType: "Toys",
            descriptors: ["Classic", "Rainbow", "Mini", "Deluxe", "Eco", "Beechwood"],
            nouns: ["Building Blocks", "Train Set", "Plush Bear", "Floor Puzzle", "Kite", "Stacking Rings", "Jigsaw Puzzle", "Marble Run", "Rocking Horse", "Play Dough Set"],
            vendors: ["Little Acorn Toys", "Bluebird Makers"],
            optionStyles: [.none, .none, .color],
            dollars: 5...89, grams: 100...2_500,
            pitches: [
                "Encourages open-ended play for curious minds.",
                "Safety-tested and finished with non-toxic paints.",
                "A gift that gets played with long after the wrapping is gone.",
            ]
        ),
    ]

    static let apparelSizes = ["XS", "S", "M", "L", "XL", "XXL"]
    static let gearSizes = ["S", "M", "L", "XL"]
    static let roomSizes = ["Small", "Medium", "Large"]

    /// Sizes as they appear in SKUs.
    static let sizeCodes: [String: String] = [
        "XS": "XS", "S": "S", "M": "M", "L": "L", "XL": "XL", "XXL": "XXL",
        "Small": "SM", "Medium": "MD", "Large": "LG",
    ]

    static let colors: [Color] = [
        Color(name: "Black", code: "BLK"), Color(name: "White", code: "WHT"),
        Color(name: "Navy", code: "NVY"), Color(name: "Heather Gray", code: "GRY"),
        Color(name: "Forest Green", code: "GRN"), Color(name: "Rust", code: "RST"),
        Color(name: "Oatmeal", code: "OAT"), Color(name: "Charcoal", code: "CHR"),
        Color(name: "Sand", code: "SND"), Color(name: "Burgundy", code: "BRG"),
        Color(name: "Sky Blue", code: "SKY"), Color(name: "Mustard", code: "MUS"),
    ]

    static let styles = ["Classic", "Everyday", "Alpine", "Coastal", "Heritage", "Urban", "Nordic", "Summit", "Harbor", "Meadow"]

    static let tagPool = ["new-arrival", "bestseller", "gift-idea", "eco-friendly", "limited-edition", "staff-pick", "winter", "summer"]

    static let closers = [
        "Ships within two business days.",
        "Backed by our 30-day return policy.",
        "Each piece is inspected before it ships.",
        "Packed in recycled materials.",
    ]

    static let imageViews = ["front", "detail", "lifestyle"]
}
