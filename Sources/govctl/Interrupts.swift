import Dispatch
import Foundation
import Reconciler

/// Turns Ctrl-C into a request to stop starting changes, for as long as an apply runs; the changes in flight finish.
final class Interrupts {
    private let source: any DispatchSourceSignal

    /// Catches SIGINT from now on, setting `stop`.
    init(_ stop: StopSignal) {
        // The default action would kill the process mid-write; the source sees the signal instead.
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            stop.request(.interrupted)
            StandardError.print("\nInterrupted: letting the changes in flight finish, starting no more.")
        }
        source.resume()
    }

    /// Stops catching SIGINT: the next Ctrl-C ends the process as usual.
    func release() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
