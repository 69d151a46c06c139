import Foundation
import Testing
@testable import Sandbox
let GOLDEN_LOCATIONS = [""]
let GOLDEN_TITLE = ""
let GOLDEN_HANDLE = ""
let GOLDEN_SKU = ""
let GOLDEN_PRICE = ""
let GOLDEN_VARIANTS = 0
let GOLDEN_DIGEST: UInt64 = 0
@Test func scratch_print() {
    let store = DemoStore.generate(products: 50, seed: 1)
    let p = store.products[0]
    print("GOLD", store.locations.map(\.name), p.title, p.handle, p.variants[0].sku, p.variants[0].price, store.variantCount, fnv1a(store.canonicalText))
    for p in store.products.prefix(12) {
        print("P", p.id, p.title, "|", p.handle, "|", p.productType, p.vendor, p.status, p.tags, p.options.map { "\($0.name)=\($0.values)" })
        print("  ", p.description)
        for v in p.variants { print("   V", v.id, v.title, v.sku, v.price, v.compareAtPrice as Any, v.barcode ?? "-", v.weight.value, v.inventoryLevels.map { "\($0.locationID):\($0.available)" }) }
        print("   I", p.images.map(\.url), p.createdAt, p.updatedAt)
    }
}
let GOLDEN_FAULTS = [""]
@Test func scratch_faults() {
    let plan = FaultPlan(rate: 0.5, seed: 1)
    print("FAULTS", (0..<8).map { plan.fault(forRequest: $0, to: .ebay)?.rawValue ?? "-" })
}
