import CLibXML2
import ThuisCore

/// Turns libxml2's errors into Thuis diagnostics: the one place C error codes are mapped.
enum LibXMLDiagnostic {
    /// The diagnostic for a libxml2 error, or nil for one Thuis raised itself (a stop).
    static func make(_ error: xmlError, file: String, terminating: Bool, openElements: Int) -> Diagnostic? {
        let code = Int(error.code)
        if code == Int(XML_ERR_USER_STOP.rawValue) { return nil }
        var message = error.message.map { String(cString: $0) } ?? "libxml2 error \(code)"
        while message.last?.isNewline == true || message.last == " " { message.removeLast() }
        let location = SourceLocation(file: file, line: Int(error.line), column: Int(max(error.int2, 1)))
        if error.level == XML_ERR_WARNING {
            return .warning(.malformedXML, "libxml2 warns: \(message)", at: location)
        }
        let thuisCode: DiagnosticCode
        if message.hasPrefix("Input is not proper UTF-8") || message.contains("Bytes:") && code == Int(XML_ERR_INVALID_CHAR.rawValue) {
            thuisCode = .invalidEncoding
            message = "the bytes are not valid in the document's encoding (\(message.split(separator: "\n").last.map(String.init) ?? "")); declare the encoding the file is really in, e.g. <?xml version=\"1.0\" encoding=\"windows-1252\"?>"
        } else if [XML_ERR_UNSUPPORTED_ENCODING, XML_ERR_UNKNOWN_ENCODING, XML_ERR_INVALID_ENCODING]
                    .contains(where: { Int($0.rawValue) == code }) {
            thuisCode = .invalidEncoding
        } else if message.contains("Excessive depth") {
            thuisCode = .tooDeep
        } else if message.contains("too long") || message.lowercased().contains("huge input") {
            // "AttValue length too long", or the push parser's "Huge input lookup".
            thuisCode = .valueTooLong
            message = "a value or tag is longer than libxml2's safe limit (\(message))"
        } else if message.lowercased().contains("entity") {
            thuisCode = .malformedXML
            message += " (Thuis expands no entities but the five predefined ones)"
        } else if terminating && openElements > 0 {
            thuisCode = .truncated
            message = "the file ends inside an element; it was cut off (\(message))"
        } else if code == Int(XML_ERR_DOCUMENT_EMPTY.rawValue) {
            thuisCode = terminating ? .truncated : .malformedXML
        } else {
            thuisCode = .malformedXML
        }
        return .error(thuisCode, message, at: location)
    }
}
