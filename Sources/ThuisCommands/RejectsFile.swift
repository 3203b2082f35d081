import ThuisCore
import ThuisReports

/// The CSV of records left out under `--skip-invalid`: one row per record with its first reason.
public enum RejectsFile {
    /// The header line's fields.
    public static let columns = ["entity", "id", "file", "line", "column", "code", "reason"]

    /// The whole file.
    public static func render(_ rejections: [Rejection]) -> String {
        var text = CSVText.line(columns)
        for r in rejections {
            text += CSVText.line([r.entity.rawValue, r.id, r.location.file, String(r.location.line),
                              String(r.location.column), r.code.rawValue, r.reason])
        }
        return text
    }
}
