import Foundation
import Sandbox
import Testing
@testable import EbayAPI

@Suite struct EbayOrdersPagingTests {
    /// 450 orders over an hour, polled in consecutive windows with pages of 200 (and of 7):
    /// every order is seen, none twice within a window.
    @Test func getOrders_pagingAcrossModificationWindows_missesNothing() async throws {
        try await Harness.withSandbox(products: 30) { host, state in
            let client = try Harness.client(host)
            let (policies, location) = try await Harness.setUpSeller(client)
            var inputs = Harness.listings(host.store, policies: policies, location: location)
            for index in inputs.indices {
                for variant in inputs[index].variants.indices { inputs[index].variants[variant].quantity = 1_000 }
            }
            _ = try await client.listProducts(inputs)
            let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 3_600)
            var placed: [String: Date] = [:]
            let listings = state.liveListings
            for index in 0..<450 {
                let at = start.addingTimeInterval(Double(index) * 8) // one every 8 s over an hour
                placed[try state.placeOrder(sku: listings[index % listings.count].sku, at: at)] = at
            }

            var seen: [String] = []
            var since = start
            for step in 1...6 {
                let until = start.addingTimeInterval(Double(step) * 600)
                let window = try await client.getNewOrders(since: since, until: until)
                #expect(Set(window.map(\.orderId)).count == window.count)
                seen += window.map(\.orderId)
                since = until
            }
            let small = try await client.allOrders(filter: .init(modifiedFrom: start, modifiedTo: start.addingTimeInterval(3_600)), pageSize: 7)

            #expect(Set(seen) == Set(placed.keys))
            #expect(Set(small.map(\.orderId)) == Set(placed.keys))
            #expect(small.count == 450)
            #expect((state.callsPerOperation["getOrders"] ?? 0) >= 6 + 65)
        }
    }

    @Test func buyer_neverOversells() async throws {
        try await Harness.withSandbox(products: 3) { host, state in
            let client = try Harness.client(host)
            let (policies, location) = try await Harness.setUpSeller(client)
            var inputs = Array(Harness.listings(host.store, policies: policies, location: location).prefix(1))
            inputs[0].variants = [inputs[0].variants[0]]
            inputs[0].variants[0].quantity = 2
            _ = try await client.listProducts(inputs)
            let sku = inputs[0].variants[0].sku

            try state.placeOrder(sku: sku, quantity: 2)
            #expect(throws: EbaySandboxState.PurchaseError.insufficientQuantity(sku: sku, available: 0, requested: 1)) {
                try state.placeOrder(sku: sku)
            }
            #expect(state.failedPurchases == 1)

            let cancelled = try #require(state.orders.first?.id)
            try state.cancelOrder(cancelled)
            try state.placeOrder(sku: sku) // the cancelled units are back
            let order = try await client.getOrder(id: cancelled)
            #expect(order.isCancelled)
        }
    }
}
