import Foundation
import ThuisCore

/// Reads a policy file (TOML) into a validated ``Policy``; every problem comes back located.
public enum PolicyFile {
    /// The policy, or every problem found in it.
    public static func load(_ path: String) -> Result<Policy, PolicyProblems> {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            return .failure(PolicyProblems(diagnostics: [.error(exists ? .readFailed : .fileNotFound,
                exists ? "cannot read the policy file" : "the policy file does not exist",
                at: SourceLocation(file: path, line: 0, column: 0))]))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(PolicyProblems(diagnostics: [.error(.invalidEncoding, "a policy file is UTF-8 text",
                                                                at: SourceLocation(file: path, line: 1, column: 1))]))
        }
        return parse(text, file: path)
    }

    /// Parses policy text; `file` names it in messages.
    public static func parse(_ text: String, file: String) -> Result<Policy, PolicyProblems> {
        let root: TOMLTable
        do {
            root = try TOMLParser.parse(text)
        } catch {
            return .failure(PolicyProblems(diagnostics: [.error(.policySyntax, error.message,
                at: SourceLocation(file: file, line: error.position.line, column: error.position.column))]))
        }
        var decoder = PolicyDecoder(root: TableReader(root, path: "", file: file))
        let policy = decoder.decode()
        let problems = decoder.problems.sorted { a, b in
            let la = a.location?.line ?? 0, lb = b.location?.line ?? 0
            return la != lb ? la < lb : (a.location?.column ?? 0) < (b.location?.column ?? 0)
        }
        return problems.isEmpty ? .success(policy) : .failure(PolicyProblems(diagnostics: problems))
    }
}
