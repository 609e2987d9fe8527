import Dispatch
import Foundation
import Reconciler

/// Turns Ctrl-C (SIGINT) and a CI runner's cancel (SIGTERM) into a request to stop starting changes, for as long as
/// an apply runs; the changes in flight finish and the report is printed.
final class Interrupts: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private let lock = NSLock()
    private var first: Int32?

    /// The signals an apply survives with a report.
    static let signals: [Int32] = [SIGINT, SIGTERM]

    /// Catches SIGINT and SIGTERM from now on, setting `stop`.
    init(_ stop: StopSignal) {
        var sources: [any DispatchSourceSignal] = []
        for number in Self.signals {
            // The default action would kill the process mid-write; the source sees the signal instead.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            sources.append(source)
        }
        self.sources = sources
        for (number, source) in zip(Self.signals, sources) {
            source.setEventHandler { [self] in
                lock.withLock { if first == nil { first = number } }
                stop.request(.interrupted)
                let name = number == SIGTERM ? "Terminated (SIGTERM)" : "Interrupted"
                StandardError.print("\n\(name): letting the changes in flight finish, starting no more.")
            }
            source.resume()
        }
    }

    /// The exit code of an apply that was stopped: 128 plus the first signal's number, as a shell reports it
    /// (130 for SIGINT, 143 for SIGTERM).
    var exitCode: Int32 { 128 + (lock.withLock { first } ?? SIGINT) }

    /// Stops catching the signals: the next one ends the process as usual.
    func release() {
        for source in sources { source.cancel() }
        for number in Self.signals { signal(number, SIG_DFL) }
    }
}
