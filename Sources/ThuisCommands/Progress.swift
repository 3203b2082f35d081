import Foundation

/// Progress on stderr for long work: a bar when stderr is a terminal, otherwise a line per
/// phase with its time; silent with `--quiet`.
/// Used from the thread that runs the command (and the reader's parsing thread, one at a time).
public final class Progress: @unchecked Sendable {
    private let quiet: Bool
    private let terminal: Bool
    private var phase = ""
    private var phaseStart = Date()
    private let start = Date()
    private var lastDraw = Date.distantPast

    public init(quiet: Bool) {
        self.quiet = quiet
        terminal = isatty(2) == 1
    }

    /// Starts a phase, ending the previous one.
    public func begin(_ name: String) {
        end()
        phase = name
        phaseStart = Date()
    }

    /// Shows how far the phase is (0...1), at most ten times a second, on a terminal only.
    public func update(_ fraction: Double) {
        guard !quiet, terminal, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        let width = 30, filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded())
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        write("\r\(phase.padding(toLength: 28, withPad: " ", startingAt: 0)) [\(bar)] \(Int(fraction * 100))%")
    }

    /// Ends the current phase with its time.
    public func end() {
        guard !phase.isEmpty else { return }
        let seconds = Date().timeIntervalSince(phaseStart)
        if !quiet {
            let line = "\(phase.padding(toLength: 28, withPad: " ", startingAt: 0)) \(String(format: "%7.2f", seconds)) s"
            write(terminal ? "\r\(line)\u{1B}[K\n" : "thuis: \(line)\n")
        }
        phase = ""
    }

    /// Ends the last phase and prints the total.
    public func finish() {
        end()
        if !quiet { write((terminal ? "" : "thuis: ") + "total \(String(format: "%.2f", Date().timeIntervalSince(start))) s\n") }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Counts work finished on several threads and shows it on a ``Progress``, one thread at a time.
final class ProgressCounter: @unchecked Sendable {
    private let progress: Progress
    private let total: Int
    private var done = 0
    private let lock = NSLock()

    init(_ progress: Progress, total: Int) {
        self.progress = progress
        self.total = max(1, total)
    }

    func add() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        progress.update(Double(done) / Double(total))
    }
}
