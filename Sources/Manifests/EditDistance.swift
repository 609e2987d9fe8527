/// Finds the known word a misspelt one was probably meant to be, for "did you mean …?" hints.
enum EditDistance {
    /// Optimal-string-alignment distance (a swap of two neighbours costs 1), compared case-insensitively.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().unicodeScalars)
        let y = Array(b.lowercased().unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var before = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    best = min(best, before[j - 2] + 1)
                }
                current[j] = best
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[y.count]
    }

    /// The largest distance still worth suggesting for a word of this length: short words need close matches.
    static func threshold(for word: String) -> Int {
        switch word.count {
        case ..<4: 1
        case ..<9: 2
        default: 3
        }
    }

    /// What one run may spend on hints drawn from the manifests' own names (environments, sets, agents), in cells
    /// of the distance table: 5,000 misspelt references among 5,000 environments took minutes without it. Once it
    /// is spent, errors come without a hint.
    final class Budget {
        private(set) var cells: Int

        /// A budget of `cells` (the default is about a tenth of a second).
        init(cells: Int = 20_000_000) {
            self.cells = cells
        }

        /// Takes `cost` cells, or says there are not that many left.
        func spend(_ cost: Int) -> Bool {
            guard cost <= cells else { return false }
            cells -= cost
            return true
        }
    }

    /// The candidate nearest to `word`, when it is close enough to be a plausible typo; ties go to the first.
    /// `budget` bounds the work for candidate lists the input makes; nil for the short lists govctl fixes itself.
    static func nearest<S: Sequence>(to word: String, in candidates: S, budget: Budget? = nil) -> String? where S.Element == String {
        let limit = threshold(for: word)
        var best: (String, Int)?
        for candidate in candidates where candidate != word {
            // Lengths alone bound the distance from below; skip the work when they are too far apart.
            if abs(candidate.count - word.count) > limit { continue }
            if let budget, !budget.spend((word.count + 1) * (candidate.count + 1)) { break }
            let d = distance(word, candidate)
            if d <= limit, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
        }
        return best?.0
    }

    /// `; did you mean 'x'?` when a candidate is close, else an empty string.
    static func hint<S: Sequence>(for word: String, in candidates: S, budget: Budget? = nil) -> String where S.Element == String {
        nearest(to: word, in: candidates, budget: budget).map { "; did you mean '\($0)'?" } ?? ""
    }
}
