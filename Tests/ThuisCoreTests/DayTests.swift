import Testing
import ThuisCore

@Suite struct DayTests {
    @Test("ISO dates round-trip", arguments: ["1970-01-01", "2026-11-25", "2024-02-29", "1900-03-01", "2100-12-31"])
    func roundTrip(_ text: String) throws {
        let day = try #require(Day(iso: text))
        #expect(day.description == text)
    }

    @Test("days that do not exist are refused", arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-11-25", "2026-11-25T00:00"])
    func invalid(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("day numbers count from 1970-01-01")
    func epoch() {
        #expect(Day(iso: "1970-01-01")?.rawValue == 0)
        #expect(Day(iso: "2000-01-01")?.rawValue == 10957)
    }

    @Test("age in whole years, birthday included")
    func age() throws {
        let birth = try #require(Day(iso: "1960-11-25"))
        #expect(try #require(Day(iso: "2026-11-24")).years(since: birth) == 65)
        #expect(try #require(Day(iso: "2026-11-25")).years(since: birth) == 66)
    }
}

@Suite struct MoneyTests {
    @Test("amounts print with two decimals")
    func description() {
        #expect(Money(cents: 68296).description == "682.96")
        #expect(Money(cents: 5).description == "0.05")
        #expect(Money(cents: -120).description == "-1.20")
    }
}
