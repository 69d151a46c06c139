import ShoppyShopCore
import Testing

struct BackoffTests {
    @Test func delay_doublesPerAttempt_capped_withJitterBetweenHalfAndFull() {
        let backoff = Backoff(base: 15, cap: 100)

        #expect(backoff.delay(afterAttempt: 1, unit: 1) == 15)
        #expect(backoff.delay(afterAttempt: 2, unit: 1) == 30)
        #expect(backoff.delay(afterAttempt: 3, unit: 1) == 60)
        #expect(backoff.delay(afterAttempt: 4, unit: 1) == 100)
        #expect(backoff.delay(afterAttempt: 40, unit: 1) == 100)
        #expect(backoff.delay(afterAttempt: 1, unit: 0) == 7.5)
        #expect(backoff.delay(afterAttempt: 2, unit: 0.5) == 22.5)
    }
}
