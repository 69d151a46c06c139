import Foundation
import ShoppyShopCore
import Testing

@Suite("Revision budget (250 per listing per day)")
struct RevisionBudgetTests {
    // 2027-01-15T12:00:00Z.
    let noon = Date(timeIntervalSince1970: 1_800_014_400)

    @Test func plentyLeft_pushesAtOnce_thenPacesTheRestOfTheDay() async {
        let budget = RevisionBudget(perDay: 20, reserve: 2, paceBelow: 10)
        for _ in 0..<8 {
            #expect(await budget.decide(listing: "L", newQuantity: 5, now: noon) == .push)
            await budget.spend(listing: "L", now: noon)
        }
        // 20 − 2 reserved − 8 used = 10 left: still not paced.
        #expect(await budget.decide(listing: "L", newQuantity: 5, now: noon) == .push)
        await budget.spend(listing: "L", now: noon)
        // A minute later 9 are left for the 43,140 s to midnight: one push every 4,793.3 s after the last.
        let decision = await budget.decide(listing: "L", newQuantity: 5, now: noon.addingTimeInterval(60))
        #expect(decision == .wait(until: noon.addingTimeInterval((43_200 - 60) / 9.0)))
        #expect(await budget.decide(listing: "L", newQuantity: 5, now: noon.addingTimeInterval(4_800)) == .push)
    }

    @Test func sellingOut_isNeverHeldBack_whileAnyRevisionIsLeft() async {
        let budget = RevisionBudget(perDay: 12, reserve: 2, paceBelow: 100)
        await budget.spend(listing: "L", now: noon)
        #expect(await budget.decide(listing: "L", newQuantity: 0, now: noon) == .push)
        for _ in 0..<9 { await budget.spend(listing: "L", now: noon) }
        #expect(await budget.decide(listing: "L", newQuantity: 0, now: noon) == .exhausted)
        // A new UTC day starts over; other listings never shared the count.
        #expect(await budget.decide(listing: "L", newQuantity: 3, now: noon.addingTimeInterval(86_400)) == .push)
        #expect(await budget.decide(listing: "M", newQuantity: 3, now: noon) == .push)
    }
}

@Suite("Stock latency figures")
struct StockLatencyPercentilesTests {
    @Test func percentiles_nearestRank() {
        let values = (1...100).map { Double($0) / 1_000 }
        let p = StockLatency.Percentiles(values.shuffled())
        #expect(p.count == 100)
        #expect(p.p50 == 0.050)
        #expect(p.p90 == 0.090)
        #expect(p.p99 == 0.099)
        #expect(p.max == 0.100)
        #expect(StockLatency.Percentiles([]).p99 == nil)
    }
}
