import Foundation
import ThuisCore
import ThuisReports

/// `thuis explain --out DIR --household ID [--letter [--lang nl|en]] | --advert ID`: explains a
/// run in plain language, for a complaints officer or, as a letter, for the household itself.
///
/// The run is recomputed from the export and policy that `summary.json` names (allocation is
/// deterministic), and checked against the folder's `allocations.csv` so an explanation never
/// describes a different allocation than the one delivered.
public struct ExplainCommand: ThuisCommand {
    public var outPath: String
    public var households: [String] = []
    public var adverts: [String] = []
    /// The run's exports where they are now, when they moved (each must have the recorded SHA-256).
    public var exports: [String] = []
    /// The run's policy file where it is now, when it moved.
    public var policyPath: String?
    /// Write each household's explanation as a letter to it (``HouseholdLetter``), in `language`.
    public var letter = false
    public var language = LetterLanguage.nl

    public init(outPath: String) { self.outPath = outPath }

    public func execute() throws -> CommandOutcome {
        let run = try RecordedRun(outPath: outPath)
        let facts = try run.recompute(exports: exports, policyPath: policyPath)
        let market = facts.market
        guard run.file("allocations.csv") == AllocationTables.allocations(facts) else {
            // The inputs were checked by SHA-256: either the folder was edited, or another Thuis made it.
            if case .foreign(let names) = OutputFolder.inspect(run.folder, requiringMark: false) {
                throw CommandFailure(.manifestMismatch, "\(names.joined(separator: ", ")) in \(outPath) \(names.count == 1 ? "is" : "are") not as manifest.sha256 lists \(names.count == 1 ? "it" : "them") (edited after the run): explain describes only the allocation Thuis delivered; run thuis verify \(outPath)")
            }
            throw CommandFailure(.batchMismatch, "recomputing from the run's own export and policy (the same SHA-256) does not give the allocations.csv in \(outPath): the run was made by a Thuis whose rules differ from this one's (\(ThuisVersion.current)); explain it with the Thuis that made it")
        }
        let explanation = Explanation(facts)
        let letters = letter ? HouseholdLetter(facts, language: language) : nil
        var out = ""
        var errors: [Diagnostic] = []
        for id in households {
            if let h = market.households.ids.index(of: id) { out += (letters?.letter(Int(h)) ?? explanation.household(Int(h))) + "\n" }
            else { errors.append(.error(.unknownHousehold, "the batch has no household \(id)", at: nil)) }
        }
        for id in adverts {
            if let a = market.adverts.ids.index(of: id) { out += explanation.advert(Int(a)) + "\n" }
            else { errors.append(.error(.unknownAdvert, "the batch has no advert \(id)", at: nil)) }
        }
        // Explanations of the ids that exist are printed even when others do not.
        return CommandOutcome(exit: SysExit(failingWith: errors), stdout: out, stderr: DiagnosticText.render(errors))
    }
}
