import Testing
@testable import Sandbox

@Suite struct FaultPlanTests {
    @Test func fault_samePlan_sameDecisions() {
        let plan = FaultPlan(rate: 0.3, seed: 11)
        let again = FaultPlan(rate: 0.3, seed: 11)

        let first = (0..<2_000).map { plan.fault(forRequest: $0, to: .ebay) }
        let second = (0..<2_000).map { again.fault(forRequest: $0, to: .ebay) }

        #expect(first == second)
    }

    @Test func fault_otherSeed_otherDecisions() {
        let one = (0..<500).map { FaultPlan(rate: 0.3, seed: 1).fault(forRequest: $0, to: .ebay) }
        let two = (0..<500).map { FaultPlan(rate: 0.3, seed: 2).fault(forRequest: $0, to: .ebay) }

        #expect(one != two)
    }

    @Test func fault_services_drawIndependently() {
        let plan = FaultPlan(rate: 0.3, seed: 5)

        let shopify = (0..<500).map { plan.fault(forRequest: $0, to: .shopify) }
        let ebay = (0..<500).map { plan.fault(forRequest: $0, to: .ebay) }

        #expect(shopify != ebay)
    }

    @Test func fault_rateZero_injectsNothing() {
        let plan = FaultPlan(rate: 0, seed: 3)

        let faults = SandboxService.allCases.flatMap { service in
            (0..<10_000).compactMap { plan.fault(forRequest: $0, to: service) }
        }

        #expect(faults.isEmpty)
    }

    @Test func fault_rateOne_faultsEveryRequest() {
        let plan = FaultPlan(rate: 1, kinds: [.tooManyRequests, .timeout], seed: 3)

        let faults = (0..<1_000).map { plan.fault(forRequest: $0, to: .meta) }

        #expect(faults.allSatisfy { $0 == .tooManyRequests || $0 == .timeout })
        #expect(Set(faults.compactMap { $0 }) == [.tooManyRequests, .timeout])
    }

    @Test func fault_rate_isMetOnAverage() {
        let plan = FaultPlan(rate: 0.1, seed: 8)

        let faults = (0..<20_000).compactMap { plan.fault(forRequest: $0, to: .shopify) }

        #expect((1_800...2_200).contains(faults.count))
        #expect(Set(faults) == Set(FaultKind.allCases))
    }

    @Test func fault_serviceOutsidePlan_untouched() {
        let plan = FaultPlan(rate: 1, seed: 1, services: [.ebay])

        #expect(plan.fault(forRequest: 0, to: .ebay) != nil)
        #expect((0..<100).allSatisfy { plan.fault(forRequest: $0, to: .shopify) == nil })
    }

    /// Written down once; a change to the draw shows here.
    @Test func fault_seedOne_matchesGolden() {
        let plan = FaultPlan(rate: 0.5, seed: 1)

        let faults = (0..<8).map { plan.fault(forRequest: $0, to: .ebay)?.rawValue ?? "-" }

        #expect(faults == ["-", "malformed", "timeout", "500", "-", "-", "429", "-"])
    }
}
