import ArgumentParser

/// A duration such as `90s`, `30m`, `24h`, `7d`, `2w` or `1y` (365 days, a production audit log's retention), as
/// `--since` takes it.
struct DurationArgument: ExpressibleByArgument {
    let seconds: Double

    init?(argument: String) {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800, "y": 31_536_000]
        guard let unit = argument.last, let factor = units[unit], let amount = Double(argument.dropLast()), amount >= 0,
              amount.isFinite else { return nil }
        seconds = amount * factor
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
