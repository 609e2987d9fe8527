import ArgumentParser
import Foundation

/// Whether to colour output: `--color auto` (the default) colours a terminal unless `TERM=dumb` or `NO_COLOR` says
/// not to; `--color always` colours a pipe too, for CI logs that render colour; `--no-color` is `--color never`.
struct ColorOptions: ParsableArguments {
    /// When to colour, as `--color` takes it.
    enum When: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Option(help: ArgumentHelp(
        "When to colour the output: auto (on a terminal, unless TERM=dumb or NO_COLOR is set), always (also into a pipe, for CI logs that show colour) or never.",
        valueName: "when"))
    var color: When = .auto

    @Flag(name: .long, help: "The same as --color never.")
    var noColor = false

    func validate() throws {
        if noColor && color == .always {
            throw ValidationError("--no-color and --color always contradict each other; give one of them")
        }
    }

    var enabled: Bool {
        Self.colours(noColor ? .never : color, environment: ProcessInfo.processInfo.environment,
                     terminal: isatty(STDOUT_FILENO) == 1)
    }

    /// The decision itself: an explicit `always` or `never` outranks the environment (as no-color.org asks of
    /// command-line flags); `auto` needs a terminal that can show colour and no `NO_COLOR`.
    static func colours(_ when: When, environment: [String: String], terminal: Bool) -> Bool {
        switch when {
        case .always: true
        case .never: false
        case .auto:
            // no-color.org: NO_COLOR counts when set to anything but the empty string. A dumb terminal (an editor's
            // shell buffer, some CI runners) prints escape codes as text.
            terminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
    }
}
