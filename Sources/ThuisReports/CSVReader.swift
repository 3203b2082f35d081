import ThuisCore

/// Reads CSV as RFC 4180 has it, and as spreadsheets write it: comma- (or semicolon-) separated fields, quoted
/// fields with `""` for a quote (and commas and line breaks inside), CRLF or LF line ends, an
/// optional UTF-8 byte order mark. Every field keeps its line and column, so every complaint about
/// a value points at it.
///
/// Written here rather than taken from a package for those positions, and for limits on hostile
/// input: a file of at most ``maximumBytes``, fields of at most ``maximumFieldBytes``, valid
/// UTF-8 without NUL. Time is linear in the file. A cell that ``CSVText`` guarded against
/// running as a formula (`'=x`) is read as the value it was written from (`=x`). `record-outcomes`, `merge`, `monitor` and the sweep page read CSV
/// through it; CSVText writes it.
public struct CSVReader {
    /// A field's text and where it starts (1-based line and column, in bytes).
    public struct Field: Equatable {
        public var text: String
        public var line: Int
        public var column: Int
    }

    public static let maximumBytes = 1 << 30
    public static let maximumFieldBytes = 1 << 16

    /// The separator a file's header line uses more: the semicolon of a Dutch spreadsheet or a
    /// CBS download, or the comma.
    public static func separator(ofHeader bytes: [UInt8]) -> UInt8 {
        let header = bytes.prefix { $0 != 0x0A }
        let semicolons = header.filter { $0 == UInt8(ascii: ";") }.count, commas = header.filter { $0 == UInt8(ascii: ",") }.count
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// The records of `bytes` (`file` names it in diagnostics), each a list of fields; blank lines
    /// are skipped. Throws a located ``Diagnostic`` at the first malformed place.
    /// `refusingNUL: false` keeps NUL bytes for a caller that reports them itself, with the file's
    /// other problems.
    public static func records(_ bytes: [UInt8], file: String, separator: UInt8 = UInt8(ascii: ","),
                               refusingNUL: Bool = true) throws -> [[Field]] {
        var records: [[Field]] = []
        try forEachRecord(bytes, file: file, separator: separator, refusingNUL: refusingNUL) { records.append($0) }
        return records
    }

    /// Calls `body` with each record of `bytes` in turn, without holding them all (a result's
    /// candidates.csv has millions). Throws what `body` throws, or a located ``Diagnostic``.
    /// `separator` is the comma, or the semicolon of Dutch spreadsheets and CBS's downloads.
    public static func forEachRecord(_ bytes: [UInt8], file: String, separator: UInt8 = UInt8(ascii: ","), refusingNUL: Bool = true,
                                     _ body: ([Field]) throws -> Void) throws {
        try bytes.withUnsafeBytes { try forEachRecord(in: $0, file: file, separator: separator, refusingNUL: refusingNUL, body) }
    }

    /// ``forEachRecord(_:file:separator:refusingNUL:_:)`` over bytes held elsewhere (a mapped file,
    /// so that reading a large file costs no copy of it).
    public static func forEachRecord(in bytes: UnsafeRawBufferPointer, file: String, separator: UInt8 = UInt8(ascii: ","),
                                     refusingNUL: Bool = true, _ body: ([Field]) throws -> Void) throws {
        func fail(_ code: DiagnosticCode, _ message: String, _ line: Int, _ column: Int) -> Diagnostic {
            .error(code, message, at: SourceLocation(file: file, line: line, column: column))
        }
        guard bytes.count <= maximumBytes else {
            throw fail(.valueTooLong, "the file is larger than \(maximumBytes >> 20) MiB", 1, 1)
        }
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF] as [UInt8]) ? 3 : 0
        var line = 1, lineStart = i
        var record: [Field] = []
        var field: [UInt8] = []
        while i <= bytes.count {
            // One field starts at i.
            let column = i - lineStart + 1, startLine = line
            field.removeAll(keepingCapacity: true)
            let quoted = i < bytes.count && bytes[i] == UInt8(ascii: "\"")
            if quoted {
                i += 1
                while true {
                    guard i < bytes.count else { throw fail(.truncated, "a quoted field is not closed", startLine, column) }
                    let b = bytes[i]
                    if b == UInt8(ascii: "\"") {
                        if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                            field.append(b)
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    if b == 0x0A { line += 1; lineStart = i + 1 }
                    field.append(b)
                    i += 1
                    if field.count > maximumFieldBytes { throw fail(.valueTooLong, "a field is longer than \(maximumFieldBytes) bytes", startLine, column) }
                }
                if i < bytes.count && ![separator, 0x0A, 0x0D].contains(bytes[i]) {
                    throw fail(.invalidValue, "text after a quoted field's closing quote", line, i - lineStart + 1)
                }
            } else {
                while i < bytes.count, bytes[i] != separator, bytes[i] != 0x0A, bytes[i] != 0x0D {
                    if bytes[i] == UInt8(ascii: "\"") {
                        throw fail(.invalidValue, "a quote inside an unquoted field (quote the whole field and double the quote)", line, i - lineStart + 1)
                    }
                    field.append(bytes[i])
                    i += 1
                    if field.count > maximumFieldBytes { throw fail(.valueTooLong, "a field is longer than \(maximumFieldBytes) bytes", startLine, column) }
                }
            }
            guard let text = String(validating: field, as: UTF8.self) else {
                throw fail(.invalidEncoding, "a field is not valid UTF-8", startLine, column)
            }
            // SQLite and C strings end at a NUL: `P1\0EVIL` would answer the offer P1.
            if refusingNUL, let nul = field.firstIndex(of: 0) {
                throw fail(.invalidValue, "a field holds a NUL byte (at its byte \(nul + 1)); a CSV file is text", startLine, column)
            }
            record.append(Field(text: CSVText.unguarded(text), line: startLine, column: column))
            // What ends the field: a separator, a line end, or the end of the file.
            if i < bytes.count && bytes[i] == separator {
                i += 1
                continue
            }
            if i < bytes.count && bytes[i] == 0x0D { i += 1 }
            if i < bytes.count && bytes[i] == 0x0A { i += 1 }
            // A blank line is no record; a line holding `""` is one with an empty field.
            if !(record.count == 1 && record[0].text.isEmpty && !quoted) { try body(record) }
            record = []
            line += 1
            lineStart = i
            if i >= bytes.count { break }
        }
    }

}
