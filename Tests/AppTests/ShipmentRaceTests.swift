@testable import App
import Fluent
import Foundation
@testable import ShoppyShopCore
import Testing
import TestSupport

@Suite("Shipments seen twice at once")
struct ShipmentRaceTests {
    /// A fulfillments/create webhook and the order poll record the same Shopify fulfillment
    /// concurrently: one row, neither fails (a failure would delay the tracking by a retry).
    @Test func concurrentRecords_ofOneFulfillment_makeOneRow_andNeitherFails() async throws {
        try await withConfiguredApp { app in
            try await OrderLink(ebayOrderID: "15-00001-00001", shopifyOrderID: 4242, state: .created).save(on: app.db)
            for round in 0..<20 {
                let fulfillment = Int64(9_000 + round)
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    for tracking in ["1Z999AA10123456784", "1Z999AA10123456784", nil] as [String?] {
                        group.addTask {
                            try await OrderEvents.record(shipment: fulfillment, order: 4242, tracking: tracking, carrier: "UPS",
                                                         lines: [.init(sku: "SKU-1", quantity: 1)], shippedAt: nil, on: app.db)
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(try await EbayShipment.query(on: app.db).filter(\.$shopifyFulfillmentID == fulfillment).count() == 1)
            }
        }
    }
}

@Suite("Plan summary counts")
struct PlanCountsTests {
    @Test func readsBlockedAndTotal_fromEitherSummaryLine() throws {
        let plan = try #require(PlanCounts("Plan (dry run, nothing sent): 3 to list, 0 to update, 0 to end, 37 unchanged, 12 blocked, 1 not listed"))
        #expect(plan.blocked == 12)
        #expect(plan.total == 53)
        let applied = try #require(PlanCounts("Listings: 8 to list, 0 to update, 0 to end, 37 unchanged, 4 blocked, 1 not listed; 5 eBay write calls, 0 products failed"))
        #expect(applied.blocked == 4)
        #expect(applied.total == 50)
        #expect(PlanCounts("catalog full import: 50 products") == nil)
    }
}
