#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import ThuisCommands

/// Unbuffered writes to stdout and stderr.
enum StandardStream {
    case output, error

    func write(_ text: String) {
        var text = text
        let fd: Int32 = self == .output ? 1 : 2
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Self.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }

    private static func write(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, bytes, count)
        #else
        Darwin.write(fd, bytes, count)
        #endif
    }
}

extension ThuisCommand {
    /// Runs the command, prints what it printed, and ends with its exit status.
    func runAndReport() throws {
        let outcome = run()
        if !outcome.stderr.isEmpty { StandardStream.error.write(outcome.stderr) }
        if !outcome.stdout.isEmpty { StandardStream.output.write(outcome.stdout) }
        if outcome.exit != .ok { throw ExitCode(outcome.exit.rawValue) }
    }
}
