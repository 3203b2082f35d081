/// A matching: per advert the reaction it holds (-1 when none), and the caps that turned each
/// reaction away.
struct Matching {
    var holder: ContiguousArray<Int32>
    /// Per reaction: bit `c` set when cap `c` (in ``AllocationRun/caps`` order) refused it at its advert.
    var refusedBy: CapRefusals
    var caps: [CapConstraint]
}
