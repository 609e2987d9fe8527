/// The documented bounds every action pattern must keep, checked by one linear, non-recursive scan before
/// anything recursive (the regular-expression parser) sees the pattern.
///
/// Without them, a few kilobytes of nested classes (`[[[[…a]]]]`) drive the regex parser's recursion into a
/// stack overflow: one pull request or one API call would crash `validate` or the server.
public enum PatternBounds {
    /// The longest pattern, `regex:` prefix included, in UTF-8 bytes.
    public static let maxLength = 1_024
    /// The deepest nesting of groups `( … )` in a regular expression.
    public static let maxGroupDepth = 16
    /// The largest count in a repetition `{m}`, `{m,}` or `{m,n}`.
    public static let maxRepetition = 1_000
    /// The largest size of the expanded expression: every literal, class or dot counts one, times the counts of
    /// the repetitions around it, so `(ab){3}` is 6 and `(a{100}){100}` is 10,000.
    public static let maxExpandedSize = 10_000

    /// Why `pattern` (the whole text, prefix included) is over a length bound, or nil.
    static func lengthProblem(_ pattern: String) -> String? {
        let length = pattern.utf8.count
        guard length > maxLength else { return nil }
        return "is \(length) bytes long; an action pattern is at most \(maxLength) bytes"
    }

    /// Why the regular expression `body` is over a bound, or nil; linear in its length and never recursive.
    static func regexProblem(_ body: String) -> String? {
        let bytes = Array(body.utf8)
        var scanner = Scanner(bytes: bytes)
        return scanner.scan() ?? rawNestingProblem(bytes)
    }

    /// The same nesting bounds counted without reading any syntax but backslashes: every unescaped `(` and `[`
    /// counts. It can only over-count what the parser nests, so whatever the scan above misreads, the parser
    /// never sees more nesting than the bounds. (Rare valid patterns, such as many brackets in `\Q…\E`, are refused.)
    static func rawNestingProblem(_ bytes: [UInt8]) -> String? {
        var groups = 0, classes = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\\"):
                index += 1
            case UInt8(ascii: "("):
                groups += 1
                if groups > maxGroupDepth { return "nests groups more than \(maxGroupDepth) deep" }
            case UInt8(ascii: ")"):
                groups = max(groups - 1, 0)
            case UInt8(ascii: "["):
                // A POSIX name `[:alpha:]` is one token: its `]` closes nothing.
                if let end = posixNameEnd(bytes, at: index) {
                    index = end
                    continue
                }
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") || (bytes[index] == UInt8(ascii: "^") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "]")) {
                    return "starts a character class with ']'; write '\\]' for a literal ']'"
                }
                classes += 1
                if classes > 1 { return "puts a character class inside a character class; write '\\[' for a literal '['" }
            case UInt8(ascii: "]"):
                classes = max(classes - 1, 0)
            default:
                break
            }
        }
        return nil
    }

    /// Where a POSIX name `:name:]` (or `:^name:]`) that starts at `index`, just after a `[`, ends; nil when
    /// there is none. Only letters make a name, as the parser reads one: anything else is a nested class.
    static func posixNameEnd(_ bytes: [UInt8], at index: Int) -> Int? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        var cursor = index + 1
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "^") { cursor += 1 }
        let start = cursor
        while cursor < bytes.count, bytes[cursor].isASCIILetter { cursor += 1 }
        guard cursor > start, cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: ":"),
              bytes[cursor + 1] == UInt8(ascii: "]") else { return nil }
        return cursor + 2
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        /// The expanded size of each open group's items so far; the last entry is the top level.
        var sizes: [Int] = [0]
        /// The expanded size of the item a quantifier would repeat (0 when none may follow).
        var lastItem = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func scan() -> String? {
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\\"):
                    if let problem = escape() { return problem }
                case UInt8(ascii: "("):
                    guard sizes.count <= PatternBounds.maxGroupDepth else {
                        return "nests groups more than \(PatternBounds.maxGroupDepth) deep"
                    }
                    if peek(UInt8(ascii: "?")), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "#") {
                        // `(?#…)` is a comment to its first `)`: nothing in it is syntax, as the parser reads it.
                        while index < bytes.count, bytes[index] != UInt8(ascii: ")") { index += 1 }
                        index += 1
                        continue
                    }
                    if peek(UInt8(ascii: "?")), let problem = groupOptions() { return problem }
                    sizes.append(0)
                    lastItem = 0
                case UInt8(ascii: ")"):
                    // An unbalanced `)` is the regex parser's to report; it cannot deepen anything.
                    guard sizes.count > 1 else { lastItem = 0; continue }
                    let group = sizes.removeLast()
                    if let problem = add(group) { return problem }
                case UInt8(ascii: "["):
                    if let problem = characterClass() { return problem }
                    if let problem = add(1) { return problem }
                case UInt8(ascii: "{"):
                    if let problem = repetition() { return problem }
                case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "|"),
                     UInt8(ascii: "^"), UInt8(ascii: "$"):
                    lastItem = 0
                default:
                    if let problem = add(1) { return problem }
                }
            }
            return nil
        }

        private func peek(_ byte: UInt8) -> Bool {
            index < bytes.count && bytes[index] == byte
        }

        /// Adds an item of expanded size `size` to the innermost open group.
        private mutating func add(_ size: Int) -> String? {
            sizes[sizes.count - 1] += size
            lastItem = size
            return sizes[sizes.count - 1] > PatternBounds.maxExpandedSize ? expandedProblem : nil
        }

        private var expandedProblem: String {
            "expands to more than \(PatternBounds.maxExpandedSize) elements through its repetitions"
        }

        /// After a backslash: one escaped character, a braced argument (`\p{L}`, `\x{41}`), or a `\Q…\E` run.
        private mutating func escape() -> String? {
            guard index < bytes.count else { return nil }
            let escaped = bytes[index]
            index += 1
            if let problem = escapeArgument(escaped) { return problem }
            return add(1)
        }

        /// What follows the escaped character: `\Q…\E`, the braces of the escapes that take them, or the one
        /// character of `\cX`. Any other `{` after an escape is a repetition, read as one.
        private mutating func escapeArgument(_ escaped: UInt8) -> String? {
            if escaped == UInt8(ascii: "Q") {
                skipQuoted()
            } else if escaped == UInt8(ascii: "c") {
                index = min(index + 1, bytes.count)
            } else if "pPxuNogkK".utf8.contains(escaped), peek(UInt8(ascii: "{")) {
                return skipBraces()
            }
            return nil
        }

        /// Skips a `\Q…\E` literal run: nothing inside it is syntax.
        private mutating func skipQuoted() {
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "E") {
                    index += 2
                    return
                }
                index += 1
            }
        }

        /// Skips an escape's braces, which hold a name or a number; brackets or groups there are refused, so the
        /// scan and the parser can never disagree on where syntax resumes.
        private mutating func skipBraces() -> String? {
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "}") { return nil }
                if "()[]{}\\".utf8.contains(byte) {
                    return "puts '\(Character(Unicode.Scalar(byte)))' inside the braces of an escape, which hold a name or a number"
                }
            }
            return nil
        }

        /// The flags of `(?…`: refuses extended syntax (`x`), whose comments the bound on groups cannot see.
        private mutating func groupOptions() -> String? {
            var cursor = index + 1
            while cursor < bytes.count {
                let byte = bytes[cursor]
                if byte == UInt8(ascii: "x") {
                    return "switches on extended syntax with (?x); write the expression without it"
                }
                guard byte.isASCIILetter || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "^") else { return nil }
                cursor += 1
            }
            return nil
        }

        /// A class `[…]`, the opening `[` consumed. A class inside a class is refused: nested classes are what
        /// drive a parser's recursion, and action patterns never need them. POSIX names (`[:alpha:]`) stay.
        private mutating func characterClass() -> String? {
            if peek(UInt8(ascii: "^")) { index += 1 }
            if peek(UInt8(ascii: "]")) {
                return "starts a character class with ']'; write '\\]' for a literal ']'"
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "]"):
                    return nil
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return nil }
                    let escaped = bytes[index]
                    index += 1
                    if let problem = escapeArgument(escaped) { return problem }
                case UInt8(ascii: "["):
                    guard let end = PatternBounds.posixNameEnd(bytes, at: index) else {
                        return "puts a character class inside a character class; write '\\[' for a literal '['"
                    }
                    index = end
                default:
                    continue
                }
            }
            return nil
        }

        /// `{m}`, `{m,}`, `{,n}` or `{m,n}` repeats the last item; any other `{` is a literal.
        private mutating func repetition() -> String? {
            var cursor = index
            var counts: [Int] = []
            var current: Int?
            while cursor < bytes.count {
                let byte = bytes[cursor]
                if byte.isASCIIDigit {
                    let value = (current ?? 0) * 10 + Int(byte - UInt8(ascii: "0"))
                    guard value <= PatternBounds.maxRepetition else {
                        return "repeats something more than \(PatternBounds.maxRepetition) times"
                    }
                    current = value
                } else if byte == UInt8(ascii: ","), counts.isEmpty {
                    counts.append(current ?? 0)
                    current = nil
                } else if byte == UInt8(ascii: "}") {
                    break
                } else {
                    return add(1)
                }
                cursor += 1
            }
            guard cursor < bytes.count, current != nil || !counts.isEmpty else { return add(1) }
            index = cursor + 1
            // `{m,}` may run to any count; an engine unrolls its first m (and one loop), like `{m+1}`.
            let most = current ?? (counts[0] + 1)
            let times = max(most, counts.first ?? 0, 1)
            let previous = lastItem
            sizes[sizes.count - 1] += previous * (times - 1)
            lastItem = 0
            return sizes[sizes.count - 1] > PatternBounds.maxExpandedSize ? expandedProblem : nil
        }
    }
}
