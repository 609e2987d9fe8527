/// A quick scan that recognises the plain regular expressions most policies use (`^db\.(drop|truncate)$`,
/// `[a-z0-9_]+\.export`), so validating thousands of them does not cost a full compile each.
///
/// It answers only "certainly valid": anything it is unsure of (special groups, braces, non-ASCII, …)
/// returns false, and the caller compiles the expression to know.
public enum SimpleRegexSyntax {
    /// True only when `pattern` is certainly a valid regular expression.
    public static func isCertainlyValid(_ pattern: String) -> Bool {
        var scanner = Scanner(bytes: Array(pattern.utf8))
        return scanner.scan()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var depth = 0
        /// The last token was an atom a quantifier may follow.
        var canQuantify = false
        /// Nothing yet in the current alternative: an empty alternative or group is left to the compiler.
        var alternativeEmpty = true

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func scan() -> Bool {
            guard !bytes.isEmpty else { return false }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "."):
                    atom()
                case UInt8(ascii: "^"), UInt8(ascii: "$"):
                    canQuantify = false
                    alternativeEmpty = false
                case UInt8(ascii: "\\"):
                    guard index < bytes.count, Self.isEscapable(bytes[index]) else { return false }
                    index += 1
                    atom()
                case UInt8(ascii: "("):
                    // `(?…` and `(*…` open special constructs; the compiler judges those.
                    guard index < bytes.count, bytes[index] != UInt8(ascii: "?"), bytes[index] != UInt8(ascii: "*") else { return false }
                    depth += 1
                    canQuantify = false
                    alternativeEmpty = true
                case UInt8(ascii: ")"):
                    guard depth > 0, !alternativeEmpty else { return false }
                    depth -= 1
                    atom()
                case UInt8(ascii: "|"):
                    guard !alternativeEmpty else { return false }
                    canQuantify = false
                    alternativeEmpty = true
                case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                    guard canQuantify else { return false }
                    if index < bytes.count, bytes[index] == UInt8(ascii: "?") { index += 1 }
                    canQuantify = false
                case UInt8(ascii: "["):
                    guard scanClass() else { return false }
                    atom()
                default:
                    guard Self.isLiteral(byte) else { return false }
                    atom()
                }
            }
            return depth == 0 && !alternativeEmpty
        }

        private mutating func atom() {
            canQuantify = true
            alternativeEmpty = false
        }

        /// A class of literals, escapes and ascending letter or digit ranges; the opening `[` is consumed.
        private mutating func scanClass() -> Bool {
            if index < bytes.count, bytes[index] == UInt8(ascii: "^") { index += 1 }
            var members = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "]") { return members > 0 }
                if byte == UInt8(ascii: "\\") {
                    guard index < bytes.count, Self.isEscapable(bytes[index]) else { return false }
                    index += 1
                } else if byte.isASCIIAlphanumeric || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") {
                    if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] != UInt8(ascii: "]") {
                        let upper = bytes[index + 1]
                        guard Self.sameRange(byte, upper), byte <= upper else { return false }
                        index += 2
                    }
                } else {
                    return false
                }
                members += 1
            }
            return false
        }

        private static func sameRange(_ a: UInt8, _ b: UInt8) -> Bool {
            (a.isASCIILower && b.isASCIILower) || (a.isASCIIUpper && b.isASCIIUpper) || (a.isASCIIDigit && b.isASCIIDigit)
        }

        /// Characters that stand for themselves outside a class.
        private static func isLiteral(_ b: UInt8) -> Bool {
            b.isASCIIAlphanumeric || "_-:/=@,".utf8.contains(b)
        }

        /// What may follow a backslash: a metacharacter, or a digit, word or space class.
        private static func isEscapable(_ b: UInt8) -> Bool {
            ".^$|()[]{}*+?\\/-".utf8.contains(b) || "dwsDWS".utf8.contains(b)
        }
    }
}
