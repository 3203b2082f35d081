/// A calendar day, counted from 1970-01-01 (day 0), in the proleptic Gregorian calendar.
///
/// Dates in exports carry no time of day or zone; a plain day count keeps comparisons and
/// storage to one integer.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var rawValue: Int32

    /// The day with the given count since 1970-01-01.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The day for a valid year, month and day of month; nil when the date does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysInMonth(year: year, month: month) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.rawValue = Int32(era * 146_097 + doe - 719_468)
    }

    /// Parses `YYYY-MM-DD`; nil for anything else or a day that does not exist.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard let day = bytes.withUnsafeBufferPointer({ Day(isoBytes: UnsafeRawBufferPointer($0)) })
        else { return nil }
        self = day
    }

    /// Parses `YYYY-MM-DD` straight from bytes; nil for anything else.
    public init?(isoBytes b: UnsafeRawBufferPointer) {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let year = Day.digits(b, 0, 4), let month = Day.digits(b, 5, 2),
              let day = Day.digits(b, 8, 2),
              let value = Day(year: year, month: month, day: day) else { return nil }
        self = value
    }

    @inline(__always)
    private static func digits(_ b: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int? {
        var v = 0
        for j in start..<(start + count) {
            let c = b[j] &- 48
            guard c < 10 else { return nil }
            v = v * 10 + Int(c)
        }
        return v
    }

    /// Year, month and day of month.
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(rawValue) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// Whole years from `birth` to this day: a person's age on this day.
    public func years(since birth: Day) -> Int {
        let a = components, b = birth.components
        var years = a.year - b.year
        if (a.month, a.day) < (b.month, b.day) { years -= 1 }
        return years
    }

    /// The day `n` days later (earlier when negative).
    public func adding(days n: Int) -> Day { Day(rawValue: rawValue + Int32(n)) }

    public static func < (l: Day, r: Day) -> Bool { l.rawValue < r.rawValue }

    /// Number of days in a month of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
