/// Resolves plain scalars under the YAML 1.2 core schema, byte by byte, without Foundation.
enum ScalarResolver {
    /// A value, and the problem found when the text only looks like one.
    struct Resolution {
        var value: ScalarValue
        /// `ambiguous-number` or `invalid-value`, with its message; the value is then the text as a string.
        var problem: (code: String, message: String)?
    }

    /// What a plain scalar's bytes are, decided before any `String` is made from them.
    enum Kind {
        case string
        case value(ScalarValue)
        /// The text only looks like a value: it stays a string, and this problem is reported.
        case problem(code: String, message: String)
    }

    /// The core-schema value of the plain scalar `text`.
    static func resolve(plain text: String) -> Resolution {
        let found: Kind = text.utf8.withContiguousStorageIfAvailable { (b: UnsafeBufferPointer<UInt8>) -> Kind in kind(of: b) }
            ?? Array(text.utf8).withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) -> Kind in kind(of: b) }
        switch found {
        case .string: return Resolution(value: .string(text), problem: nil)
        case let .value(value): return Resolution(value: value, problem: nil)
        case let .problem(code, message): return Resolution(value: .string(text), problem: (code, message))
        }
    }

    /// The kind of the plain scalar spelled by `b`; most text is told apart from values by its first byte.
    static func kind(of b: UnsafeBufferPointer<UInt8>) -> Kind {
        guard let first = b.first else { return .value(.null) }
        switch first {
        case UInt8(ascii: "~"):
            return b.count == 1 ? .value(.null) : .string
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return spells(b, "null", "Null", "NULL") ? .value(.null) : .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return spells(b, "true", "True", "TRUE") ? .value(.bool(true)) : .string
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return spells(b, "false", "False", "FALSE") ? .value(.bool(false)) : .string
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return number(b)
        default:
            return .string
        }
    }

    /// True when `b` is one of the three spellings (lowercase, capitalised, uppercase) the core schema allows.
    private static func spells(_ b: UnsafeBufferPointer<UInt8>, _ lower: StaticString, _ capital: StaticString, _ upper: StaticString) -> Bool {
        guard b.count == lower.utf8CodeUnitCount else { return false }
        return equal(b, lower) || equal(b, capital) || equal(b, upper)
    }

    private static func equal(_ b: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        return b.elementsEqual(w)
    }

    /// Ints, floats and the special floats.
    private static func number(_ b: UnsafeBufferPointer<UInt8>) -> Kind {
        if let special = specialFloat(b) { return .value(.double(special)) }
        if b.count > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "x") || b[1] == UInt8(ascii: "o") {
            let radix = b[1] == UInt8(ascii: "x") ? 16 : 8
            guard let value = integer(b, from: 2, radix: radix, negative: false) else {
                return isDigits(b, from: 2, radix: radix) ? overflow(b) : .string
            }
            return .value(.int(value))
        }
        let signed = b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-")
        let start = signed ? 1 : 0
        if isDigits(b, from: start, radix: 10) {
            if b.count - start > 1, b[start] == UInt8(ascii: "0") { return ambiguous(b, from: start) }
            guard let value = integer(b, from: start, radix: 10, negative: b[0] == UInt8(ascii: "-")) else { return overflow(b) }
            return .value(.int(value))
        }
        guard isFloat(b, from: start), let value = Double(String(decoding: b, as: UTF8.self)) else { return .string }
        return .value(.double(value))
    }

    private static func specialFloat(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard b.count >= 4, b.count <= 5, b[b.count - 4] == UInt8(ascii: ".") else { return nil }
        let word = UnsafeBufferPointer(rebasing: b[(b.count - 3)...])
        let sign = b.count == 5 ? b[0] : nil
        if spells(word, "inf", "Inf", "INF") {
            switch sign {
            case nil, UInt8(ascii: "+"): return .infinity
            case UInt8(ascii: "-"): return -.infinity
            default: return nil
            }
        }
        return sign == nil && spells(word, "nan", "NaN", "NAN") ? .nan : nil
    }

    private static func digit(_ byte: UInt8, radix: Int) -> Int? {
        let value: Int
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
        return value < radix ? value : nil
    }

    private static func isDigits(_ b: UnsafeBufferPointer<UInt8>, from start: Int, radix: Int) -> Bool {
        guard start < b.count else { return false }
        for i in start..<b.count where digit(b[i], radix: radix) == nil { return false }
        return true
    }

    /// The value of the digits from `start`, or nil when they are not all digits or overflow `Int`.
    private static func integer(_ b: UnsafeBufferPointer<UInt8>, from start: Int, radix: Int, negative: Bool) -> Int? {
        guard start < b.count else { return nil }
        var value = 0
        for i in start..<b.count {
            guard let d = digit(b[i], radix: radix) else { return nil }
            // Accumulating negatively reaches Int.min, which has no positive counterpart.
            let (shifted, o1) = value.multipliedReportingOverflow(by: radix)
            let (next, o2) = negative ? shifted.subtractingReportingOverflow(d) : shifted.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            value = next
        }
        return value
    }

    /// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` from `start`.
    private static func isFloat(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var i = start
        let n = b.count
        func isDigit(_ i: Int) -> Bool { i < n && b[i] >= UInt8(ascii: "0") && b[i] <= UInt8(ascii: "9") }
        var mantissaDigits = 0
        while isDigit(i) { i += 1; mantissaDigits += 1 }
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            var fraction = 0
            while isDigit(i) { i += 1; fraction += 1 }
            // `.` alone is not a number, and `.5` needs its digits.
            if mantissaDigits == 0 && fraction == 0 { return false }
        } else if mantissaDigits == 0 {
            return false
        }
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { return false }
            while isDigit(i) { i += 1 }
        }
        return i == n
    }

    private static func ambiguous(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Kind {
        let text = Excerpt.of(String(decoding: b, as: UTF8.self))
        let sign = start == 1 ? String(decoding: UnsafeBufferPointer(rebasing: b[0..<1]), as: UTF8.self) : ""
        var rest = start
        while rest < b.count - 1, b[rest] == UInt8(ascii: "0") { rest += 1 }
        let decimal = Excerpt.of(sign + String(decoding: UnsafeBufferPointer(rebasing: b[rest...]), as: UTF8.self))
        let octalDigits = Excerpt.of(String(decoding: UnsafeBufferPointer(rebasing: b[(start + 1)...]), as: UTF8.self))
        // YAML 1.2 octal has no sign, so a signed number only gets the decimal and string advice.
        let octalHint = isDigits(b, from: start + 1, radix: 8) && sign.isEmpty ? "0o\(octalDigits) for octal, " : ""
        return .problem(code: "ambiguous-number",
                        message: "'\(text)' is ambiguous: write \(octalHint)\(decimal) for decimal, or \"\(text)\" for a string")
    }

    private static func overflow(_ b: UnsafeBufferPointer<UInt8>) -> Kind {
        let text = Excerpt.of(String(decoding: b, as: UTF8.self))
        return .problem(code: "invalid-value", message: "'\(text)' does not fit in a 64-bit integer; quote it to keep it as a string")
    }
}
