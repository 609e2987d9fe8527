import Foundation
import Reconciler

/// Questions asked on a terminal, and whether there is one to ask on.
enum Terminal {
    /// True when standard input is a terminal a person can answer on.
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 }

    /// True when standard error is a terminal, where a progress line may be redrawn.
    static var showsProgress: Bool { isatty(STDERR_FILENO) == 1 }

    /// Prints `question` to stderr and reads one line of answer, trimmed; nil at end of input.
    static func ask(_ question: String) -> String? {
        FileHandle.standardError.write(Data(question.utf8))
        return readLine()?.trimmingCharacters(in: .whitespaces)
    }

    /// Progress on stderr for an apply of `changes` changes, when there is something to wait for: one line redrawn
    /// on a terminal; elsewhere (a CI log) a new line at most every `interval` seconds and only after another tenth
    /// of the changes, so a long apply shows it is alive without flooding the log.
    static func progress(for changes: Int, interval: Double) -> (@Sendable (Applier.Progress) -> Void)? {
        guard changes > 5 else { return nil }
        guard showsProgress else { return ProgressLog(interval: interval).line }
        return { progress in
            FileHandle.standardError.write(Data("\r\u{1B}[2KApplying: \(progress.done)/\(progress.total) changes done".utf8))
            if progress.done == progress.total { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }
}

/// The progress lines of an apply without a terminal.
private final class ProgressLog: @unchecked Sendable {
    private let interval: Double
    private let started = Date()
    private let lock = NSLock()
    private var lastTime = Date()
    private var lastDone = 0

    init(interval: Double) { self.interval = interval }

    /// Prints `progress` when enough time and enough changes have passed since the last line; never the last step,
    /// whose report follows at once.
    func line(_ progress: Applier.Progress) {
        let now = Date()
        let due: Bool = lock.withLock {
            let step = max(1, progress.total / 10)
            guard progress.done < progress.total, progress.done - lastDone >= step,
                  now.timeIntervalSince(lastTime) >= interval else { return false }
            lastTime = now
            lastDone = progress.done
            return true
        }
        guard due else { return }
        let percent = progress.done * 100 / progress.total
        let elapsed = Int(now.timeIntervalSince(started).rounded())
        StandardError.print("Applying: \(progress.done)/\(progress.total) changes done (\(percent)%), \(elapsed)s elapsed")
}
}
