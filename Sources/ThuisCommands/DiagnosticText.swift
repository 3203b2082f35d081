import ThuisCore

/// Diagnostics as a person reads them on stderr: one `FILE:LINE:COL: severity: CODE: message`
/// line each; warnings past a limit are counted, not listed.
enum DiagnosticText {
    static func render(_ diagnostics: [Diagnostic], warningLimit: Int = 100) -> String {
        var text = ""
        var warnings = 0
        for d in diagnostics {
            if d.severity == .warning {
                warnings += 1
                if warnings > warningLimit { continue }
            }
            text += d.description + "\n"
        }
        if warnings > warningLimit {
            text += "thuis: note: \(warnings - warningLimit) more warnings not shown (--format json lists them all)\n"
        }
        return text
    }
}
