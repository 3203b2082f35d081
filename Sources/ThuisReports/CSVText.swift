import ThuisCore

/// RFC 4180 fields and lines, with cells a spreadsheet would run as a formula made inert.
///
/// The formula guard (OWASP's rule for CSV injection): a cell that starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return, and is not a plain number, is written with a `'` in front,
/// which spreadsheets read as "this is text". A cell that already starts with quotes before
/// such a character gets one more, so ``CSVReader`` can take exactly one away and give back the
/// value as it was. Numbers (`-2.04`) are left alone: a spreadsheet reads them as numbers.
public enum CSVText {
    public static func field(_ value: String) -> String {
        let value = needsFormulaGuard(value.utf8) ? "'" + value : value
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }

    /// Whether a cell's first byte may start a formula (or a run of `'` before one): the cheap
    /// test that writers of millions of ids make before ``needsFormulaGuard(_:)``.
    @inline(__always)
    static func mayStartFormula(_ first: UInt8) -> Bool {
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D, UInt8(ascii: "'"): return true
        default: return false
        }
    }

    /// Whether `cell` needs the formula guard: after any leading `'`, it starts with a formula
    /// character, and it is not a plain number.
    static func needsFormulaGuard<C: Collection<UInt8>>(_ cell: C) -> Bool {
        guard let first = cell.first, mayStartFormula(first) else { return false }
        let quotes = cell.prefix { $0 == UInt8(ascii: "'") }.count
        guard let next = cell.dropFirst(quotes).first, next != UInt8(ascii: "'"), mayStartFormula(next) else { return false }
        return quotes > 0 || !isPlainNumber(cell)
    }

    /// `-12`, `+3.5`, `-0.25`: a sign, digits, at most one point with digits after it.
    private static func isPlainNumber<C: Collection<UInt8>>(_ cell: C) -> Bool {
        var digits = 0, points = 0, afterPoint = 0
        for (i, c) in cell.enumerated() {
            if i == 0 && (c == UInt8(ascii: "-") || c == UInt8(ascii: "+")) { continue }
            if c == UInt8(ascii: ".") { points += 1; continue }
            guard c &- 48 < 10 else { return false }
            digits += 1
            if points > 0 { afterPoint += 1 }
        }
        return digits > 0 && points <= 1 && (points == 0 || afterPoint > 0)
    }

    /// The value a guarded cell was written from: one leading `'` taken away when a formula
    /// character follows the quotes (the inverse of the guard in ``field(_:)``).
    public static func unguarded(_ text: String) -> String {
        guard text.utf8.first == UInt8(ascii: "'") else { return text }
        let rest = text.utf8.drop { $0 == UInt8(ascii: "'") }
        guard let next = rest.first, mayStartFormula(next) else { return text }
        return String(text.dropFirst())
    }
}
