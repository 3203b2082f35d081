/// The mark in the head of every HTML page Thuis writes, by which it knows a page it may replace
/// (an existing `--html` file without it is a user's and is left alone).
public enum PageMark {
    /// The `<meta>` element the pages carry.
    public static let meta = "<meta name=\"generator\" content=\"thuis\">"
    /// What every Thuis page's head holds (the monitor's mark, `content="thuis monitor"`, too).
    public static let prefix = "<meta name=\"generator\" content=\"thuis"
}
