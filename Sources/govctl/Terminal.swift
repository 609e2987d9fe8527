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

    /// A progress line on stderr for an apply of `changes` changes: only where someone watches, and only when there
    /// is something to wait for.
    static func progressLine(for changes: Int) -> (@Sendable (Applier.Progress) -> Void)? {
        guard showsProgress, changes > 5 else { return nil }
        return { progress in
            FileHandle.standardError.write(Data("\r\u{1B}[2KApplying: \(progress.done)/\(progress.total) changes done".utf8))
            if progress.done == progress.total { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }
}
