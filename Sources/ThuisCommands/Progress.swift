import Foundation
import Synchronization

/// Progress on stderr for long work: a bar when stderr is a terminal, otherwise a line per
/// phase with its time; silent with `--quiet`. Safe from any thread: its state is behind a
/// mutex (the reader's parsing thread reports while the command's thread waits).
public final class Progress: Sendable {
    private struct State {
        var phase = ""
        var phaseStart = Date()
        var lastDraw = Date.distantPast
    }

    private let quiet: Bool
    private let terminal: Bool
    private let start = Date()
    private let state = Mutex(State())

    public init(quiet: Bool) {
        self.quiet = quiet
        terminal = isatty(2) == 1
    }

    /// Starts a phase, ending the previous one.
    public func begin(_ name: String) {
        state.withLock { state in
            end(&state)
            state.phase = name
            state.phaseStart = Date()
            state.lastDraw = Date()
        }
    }

    /// Shows how far the phase is (0...1): a bar redrawn at most ten times a second on a
    /// terminal; elsewhere (a log, a pipe) a line at most once a second, so a long run is seen to move.
    public func update(_ fraction: Double) {
        guard !quiet else { return }
        state.withLock { state in
            guard Date().timeIntervalSince(state.lastDraw) > (terminal ? 0.1 : 1) else { return }
            state.lastDraw = Date()
            guard terminal else {
                write("thuis: \(state.phase) \(Int(min(max(fraction, 0), 1) * 100))%\n")
                return
            }
            let width = 30, filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded())
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            write("\r\(state.phase.padding(toLength: 28, withPad: " ", startingAt: 0)) [\(bar)] \(Int(fraction * 100))%")
        }
    }

    /// Ends the current phase with its time.
    public func end() {
        state.withLock { end(&$0) }
    }

    private func end(_ state: inout State) {
        guard !state.phase.isEmpty else { return }
        let seconds = Date().timeIntervalSince(state.phaseStart)
        if !quiet {
            let line = "\(state.phase.padding(toLength: 28, withPad: " ", startingAt: 0)) \(String(format: "%7.2f", seconds)) s"
            write(terminal ? "\r\(line)\u{1B}[K\n" : "thuis: \(line)\n")
        }
        state.phase = ""
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

/// Counts work finished on several threads and shows it on a ``Progress``.
final class ProgressCounter: Sendable {
    private let progress: Progress
    private let total: Int
    private let done = Mutex(0)

    init(_ progress: Progress, total: Int) {
        self.progress = progress
        self.total = max(1, total)
    }

    func add() {
        let count = done.withLock { done in
            done += 1
            return done
        }
        progress.update(Double(count) / Double(total))
    }
}
