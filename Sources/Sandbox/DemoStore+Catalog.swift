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

    /// A thing the store sells and the materials it plausibly comes in.
    struct Item: Sendable {
        let noun: String
        let descriptors: [String]

        init(_ noun: String, _ descriptors: [String]) {
            self.noun = noun
            self.descriptors = descriptors
        }
    }

    struct Kind: Sendable {
        let productType: String
        let items: [Item]
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
            items: [
                Item("T-Shirt", ["Organic Cotton", "Heavyweight Cotton", "Linen", "Bamboo", "Merino Wool"]),
                Item("Hoodie", ["Organic Cotton", "Brushed Fleece", "Heavyweight Cotton"]),
                Item("Sweater", ["Merino Wool", "Lambswool", "Organic Cotton", "Cashmere Blend"]),
                Item("Cardigan", ["Merino Wool", "Lambswool", "Cotton Knit"]),
                Item("Joggers", ["Brushed Fleece", "Organic Cotton", "French Terry"]),
                Item("Chinos", ["Stretch Cotton", "Organic Cotton", "Linen Blend"]),
                Item("Flannel Shirt", ["Brushed Cotton", "Organic Cotton"]),
                Item("Rain Jacket", ["Waterproof", "Recycled Nylon", "Packable"]),
                Item("Fleece Vest", ["Recycled Polyester", "Sherpa"]),
                Item("Polo Shirt", ["Pique Cotton", "Organic Cotton", "Linen"]),
                Item("Denim Jacket", ["Selvedge", "Washed", "Organic Cotton"]),
            ],
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
            items: [
                Item("Beanie", ["Merino Wool", "Cashmere Blend", "Ribbed Knit", "Recycled Wool"]),
                Item("Scarf", ["Merino Wool", "Lambswool", "Linen", "Cashmere Blend"]),
                Item("Tote Bag", ["Canvas", "Waxed Canvas", "Leather", "Jute"]),
                Item("Backpack", ["Waxed Canvas", "Recycled Nylon", "Leather"]),
                Item("Wallet", ["Leather", "Cork", "Recycled Nylon"]),
                Item("Belt", ["Leather", "Woven Canvas"]),
                Item("Cap", ["Cotton Twill", "Waxed Canvas", "Corduroy"]),
                Item("Gloves", ["Leather", "Merino Wool", "Fleece-Lined"]),
                Item("Watch Strap", ["Leather", "Nylon", "Stainless Steel Mesh"]),
            ],
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
            items: [
                Item("Throw Blanket", ["Wool", "Cotton Waffle", "Chunky Knit", "Linen"]),
                Item("Cushion Cover", ["Linen", "Velvet", "Boucle", "Embroidered Cotton"]),
                Item("Scented Candle", ["Soy Wax", "Beeswax", "Cedar & Amber", "Fig & Vetiver"]),
                Item("Vase", ["Stoneware", "Terracotta", "Glass", "Marble"]),
                Item("Wall Clock", ["Oak", "Walnut", "Brass"]),
                Item("Table Lamp", ["Ceramic", "Brass", "Rattan", "Marble"]),
                Item("Bath Towel", ["Turkish Cotton", "Waffle Cotton", "Linen"]),
                Item("Doormat", ["Coir", "Jute", "Recycled Rubber"]),
                Item("Picture Frame", ["Oak", "Walnut", "Brass", "Recycled Wood"]),
                Item("Storage Basket", ["Rattan", "Seagrass", "Jute", "Felt"]),
            ],
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
            items: [
                Item("Chef's Knife", ["Stainless Steel", "Damascus Steel", "Carbon Steel"]),
                Item("Cutting Board", ["Acacia Wood", "Walnut", "Maple", "Bamboo"]),
                Item("Coffee Mug", ["Stoneware", "Enamel", "Ceramic", "Double-Wall Glass"]),
                Item("French Press", ["Borosilicate Glass", "Stainless Steel"]),
                Item("Mixing Bowl", ["Stainless Steel", "Ceramic", "Glass", "Bamboo"]),
                Item("Skillet", ["Cast Iron", "Carbon Steel", "Stainless Steel"]),
                Item("Tea Kettle", ["Enamel", "Stainless Steel", "Copper"]),
                Item("Salad Servers", ["Acacia Wood", "Olive Wood", "Brass"]),
                Item("Apron", ["Linen", "Waxed Canvas", "Denim"]),
                Item("Spice Jar Set", ["Glass", "Ceramic", "Bamboo-Lid"]),
            ],
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
            items: [
                Item("Camping Lantern", ["Rechargeable", "Solar", "Collapsible"]),
                Item("Water Bottle", ["Insulated Steel", "Titanium", "Recycled Plastic"]),
                Item("Hiking Socks", ["Merino Wool", "Cushioned", "Lightweight"]),
                Item("Trekking Poles", ["Aluminum", "Carbon Fiber", "Folding"]),
                Item("Hammock", ["Ripstop Nylon", "Cotton Rope", "Parachute Nylon"]),
                Item("Dry Bag", ["Waterproof", "Ripstop", "Roll-Top"]),
                Item("Picnic Blanket", ["Waterproof", "Wool", "Recycled Fleece"]),
                Item("Tumbler", ["Insulated Steel", "Titanium", "Enamel"]),
                Item("Camp Chair", ["Folding", "Ultralight", "Aluminum"]),
                Item("Headlamp", ["Rechargeable", "Waterproof", "Ultralight"]),
            ],
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
            items: [
                Item("Building Blocks", ["Wooden", "Beechwood", "Rainbow", "Magnetic"]),
                Item("Train Set", ["Wooden", "Beechwood", "Heirloom"]),
                Item("Plush Bear", ["Organic Cotton", "Cuddly", "Mini"]),
                Item("Floor Puzzle", ["Animal", "World Map", "Ocean"]),
                Item("Kite", ["Rainbow", "Delta", "Stunt"]),
                Item("Stacking Rings", ["Wooden", "Rainbow", "Silicone"]),
                Item("Jigsaw Puzzle", ["1000-Piece", "500-Piece", "Landscape"]),
                Item("Marble Run", ["Wooden", "Deluxe", "Glow"]),
                Item("Rocking Horse", ["Wooden", "Plush", "Heirloom"]),
                Item("Play Dough Set", ["Natural", "Rainbow", "Scented"]),
            ],
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

    static let colorCodes = Dictionary(uniqueKeysWithValues: colors.map { ($0.name, $0.code) })

    /// An optional first word of a title; never one of the descriptors, so no "Classic Classic".
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
