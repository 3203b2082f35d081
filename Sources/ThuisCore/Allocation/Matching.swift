/// A matching: per advert the reaction it holds (-1 when none), and the reactions a cap turned away.
struct Matching {
    var holder: ContiguousArray<Int32>
    var capBlocked: ContiguousArray<Bool>
    var caps: [CapConstraint]
}
