import ArgumentParser
import Foundation
import Governance

/// The value of `--fail-on`: drift classes, `all` or `none`.
struct FailOnClasses: ExpressibleByArgument {
    let classes: Set<DriftClass>

    init(_ classes: Set<DriftClass>) {
        self.classes = classes
    }

    init?(argument: String) {
        var out: Set<DriftClass> = []
        for word in argument.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            switch word {
            case "all": out.formUnion(DriftClass.allCases)
            case "none": continue
            default:
                guard let driftClass = DriftClass(rawValue: word) else { return nil }
                out.insert(driftClass)
            }
        }
        guard !argument.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        classes = out
    }

    var defaultValueDescription: String {
        classes.isEmpty ? "none" : classes.sorted().map(\.rawValue).joined(separator: ",")
    }
}
