import ArgumentParser

/// A number of seconds as an option takes it (`--retry-deadline 60`, `--progress-interval 0.5`). Help shows a whole
/// default as `60`, where a plain Double option would show `60.0`.
struct SecondsArgument: ExpressibleByArgument, ExpressibleByIntegerLiteral {
    let value: Double

    init?(argument: String) {
        guard let value = Double(argument) else { return nil }
        self.value = value
    }

    init(integerLiteral value: Int) {
        self.value = Double(value)
    }

    var defaultValueDescription: String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
