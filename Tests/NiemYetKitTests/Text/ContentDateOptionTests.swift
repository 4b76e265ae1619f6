import Testing
@testable import NiemYetKit

@Suite struct ContentDateOptionTests {
    @Test func nowIsTodayWhenNotGivenAndTheDateWhenGiven() throws {
        #expect(try ContentDate.option(nil) == nil)
        #expect(try ContentDate.option("2025-07-31") == ContentDate(parsing: "2025-07-31"))
    }

    @Test func aNowThatIsNotADateSaysWhatIsExpected() {
        // Vietnamese editors write dates day first; the option wants the ISO form and says so.
        #expect(throws: InvalidDateOption.self) { try ContentDate.option("31/07/2025") }
        #expect(InvalidDateOption().description.contains("2025-07-31"))
    }
}
