/// Which reactions a run's `candidates.csv` lists (`thuis allocate --candidates`).
///
/// A national `candidates.csv` is 1.54 GB, a third of its rows (0.47 GB) reactions that no
/// ranking saw. A run that does not want them, or the file at all, says so, and its
/// summary.json records it (key `run.candidates`, absent for `all`) so that `thuis verify`
/// knows which rows the file must hold.
public enum CandidatesContent: String, Codable, CaseIterable, Sendable {
    /// Every reaction, eligible or not, with its reason and outcome (the default).
    case all
    /// Only the eligible reactions, the ones ranked, each with its place and outcome: every
    /// claim verify checks is still in the file.
    case eligible
    /// No candidates.csv at all.
    case none
}
