/// The version of Thuis: printed by `thuis --version` and recorded with every batch in the ledger.
public enum ThuisVersion {
    public static let current = "thuis 0.5"
}
