import ArgumentParser
import ThuisVERA

extension VERABatchWriter.ReactionResource: ExpressibleByArgument {}

/// Where a written VERA batch puts its reactions.
struct ReactionOptions: ParsableArguments {
    @Option(help: "kandidaten (WRV: Kandidaten with status REA, as a WRV system gives them) or reacties (the domain model's Reacties).")
    var reactions: VERABatchWriter.ReactionResource = .kandidaten
}
