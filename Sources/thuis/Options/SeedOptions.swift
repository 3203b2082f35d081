import ArgumentParser
import ThuisCommands

/// Repetition over seeds, and a part of them for one process of a cluster run.
struct SeedOptions: ParsableArguments {
    @Option(help: "Lottery seeds 1...N.")
    var seeds = 1

    @Option(help: "Run only part I of N (0-based), e.g. 0/4; join the parts with thuis merge.")
    var shard: Shard?

    func validate() throws {
        if seeds < 1 { throw ValidationError("--seeds must be at least 1") }
    }
}

extension Shard: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
