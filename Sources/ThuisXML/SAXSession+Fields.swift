import ThuisCore

/// Typed field reading with located, coded problems. Labels are built only when a problem
/// is reported, so correct records cost no string work.
extension SAXSession {
    func problem(_ code: DiagnosticCode, _ message: String, _ view: FieldView, _ field: Int?) {
        let (line, column) = view.position(field)
        report(.error(code, message, at: at(line, column)))
        if recordProblem == nil { recordProblem = (code, message) }
    }

    func name(_ view: FieldView, _ field: Int) -> String { view.type.fields[field] }

    /// A required value, or nil after reporting it missing.
    func required(_ view: FieldView, _ field: Int, _ label: @autoclosure () -> String) -> UnsafeRawBufferPointer? {
        if let v = view.value(field) { return v }
        problem(.missingField, "\(label()): \(name(view, field)) is missing", view, field)
        return nil
    }

    /// An id or a code that names a record, or nil: absent (reported when required) or not an id
    /// (too long, or holding a character an output cannot carry; see ``FieldBytes/idProblem(_:)``).
    func identifier(_ view: FieldView, _ field: Int, required isRequired: Bool,
                    _ label: @autoclosure () -> String) -> UnsafeRawBufferPointer? {
        guard let v = isRequired ? required(view, field, label()) : view.value(field) else { return nil }
        guard let (code, reason) = FieldBytes.idProblem(v) else { return v }
        problem(code, "\(label()): \(name(view, field)) \(reason)", view, field)
        return nil
    }

    /// The id in `field` as text for a message, or nil when it is absent or not an id.
    func idText(_ view: FieldView, _ field: Int) -> String? {
        guard let v = view.value(field), FieldBytes.idProblem(v) == nil else { return nil }
        return String(decoding: v, as: UTF8.self)
    }

    /// The field parsed by `parse`, or nil: absent (reported when required) or not parsable
    /// (reported as `code`: "'value' is not <expected>").
    @inline(__always)
    func parsed<T>(_ view: FieldView, _ field: Int, required isRequired: Bool, _ label: @autoclosure () -> String,
                   _ code: DiagnosticCode, expected: @autoclosure () -> String,
                   _ parse: (UnsafeRawBufferPointer) -> T?) -> T? {
        guard let v = isRequired ? required(view, field, label()) : view.value(field) else { return nil }
        if let value = parse(v) { return value }
        problem(code, "\(label()): \(name(view, field)) '\(FieldBytes.text(v))' is not \(expected())", view, field)
        return nil
    }

    func date(_ view: FieldView, _ field: Int, required isRequired: Bool,
              _ label: @autoclosure () -> String) -> Day? {
        parsed(view, field, required: isRequired, label(), .invalidDate, expected: "a date (YYYY-MM-DD)") { Day(isoBytes: $0) }
    }

    func integer(_ view: FieldView, _ field: Int, in range: ClosedRange<Int64>, required isRequired: Bool,
                 _ label: @autoclosure () -> String) -> Int64? {
        guard let n = parsed(view, field, required: isRequired, label(), .invalidNumber, expected: "a whole number",
                             FieldBytes.integer) else { return nil }
        guard range.contains(n) else {
            problem(.invalidValue, "\(label()): \(name(view, field)) \(n) is outside \(range.lowerBound)...\(range.upperBound)", view, field)
            return nil
        }
        return n
    }

    /// A decimal amount in hundredths (euro to cents).
    func hundredths(_ view: FieldView, _ field: Int, required isRequired: Bool,
                    _ label: @autoclosure () -> String) -> Int64? {
        guard let value = parsed(view, field, required: isRequired, label(), .invalidNumber,
                                 expected: "a number with at most two decimals (e.g. 682.96)", FieldBytes.hundredths) else { return nil }
        guard value.magnitude <= FieldBytes.maximumHundredths.magnitude else {
            problem(.valueOutOfRange, "\(label()): \(name(view, field)) is beyond ±1,000,000,000.00, the most an amount may be", view, field)
            return nil
        }
        return value
    }

    /// A rent or other amount that cannot be negative.
    func money(_ view: FieldView, _ field: Int, required isRequired: Bool,
               _ label: @autoclosure () -> String) -> Money? {
        guard let cents = hundredths(view, field, required: isRequired, label()) else { return nil }
        guard cents >= 0 else {
            problem(.invalidValue, "\(label()): \(name(view, field)) \(Money(cents: cents)) is negative", view, field)
            return nil
        }
        return Money(cents: cents)
    }

    func code<Code: VERACode>(_ view: FieldView, _ field: Int, _ type: Code.Type, required isRequired: Bool,
                              _ label: @autoclosure () -> String) -> Code? {
        parsed(view, field, required: isRequired, label(), .invalidCode,
               expected: "a \(Code.listName) code (one of \(Code.codeList))", Code.parse)
    }

    /// A CBS municipality code, interned; -1 when absent and optional.
    func municipality(_ view: FieldView, _ field: Int, required isRequired: Bool,
                      _ label: @autoclosure () -> String) -> Int32? {
        parsed(view, field, required: isRequired, label(), .invalidMunicipality,
               expected: "a CBS municipality code (four digits, e.g. 0363)", FieldBytes.municipality).map { builder.municipality($0) }
    }
}
