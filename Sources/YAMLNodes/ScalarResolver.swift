/// Resolves plain scalars under the YAML 1.2 core schema, byte by byte, without Foundation.
enum ScalarResolver {
    /// A value, and the problem found when the text only looks like one.
    struct Resolution {
        var value: ScalarValue
        /// `ambiguous-number` or `invalid-value`, with its message; the value is then the text as a string.
        var problem: (code: String, message: String)?
    }

    /// The core-schema value of the plain scalar `text`.
    static func resolve(plain text: String) -> Resolution {
        if let fast = text.utf8.withContiguousStorageIfAvailable({ resolve(bytes: $0, text: text) }) { return fast }
        let copy = Array(text.utf8)
        return copy.withUnsafeBufferPointer { resolve(bytes: $0, text: text) }
    }

    private static func resolve(bytes b: UnsafeBufferPointer<UInt8>, text: String) -> Resolution {
        let string = Resolution(value: .string(text), problem: nil)
        guard let first = b.first else { return Resolution(value: .null, problem: nil) }
        switch first {
        case UInt8(ascii: "~"):
            return b.count == 1 ? Resolution(value: .null, problem: nil) : string
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return text == "null" || text == "Null" || text == "NULL" ? Resolution(value: .null, problem: nil) : string
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return text == "true" || text == "True" || text == "TRUE" ? Resolution(value: .bool(true), problem: nil) : string
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return text == "false" || text == "False" || text == "FALSE" ? Resolution(value: .bool(false), problem: nil) : string
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return number(b, text: text) ?? string
        default:
            return string
        }
    }

    /// Ints, floats and the special floats; nil when the text is none of them.
    private static func number(_ b: UnsafeBufferPointer<UInt8>, text: String) -> Resolution? {
        if let special = specialFloat(text) { return Resolution(value: .double(special), problem: nil) }
        if b.count > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "x") || b[1] == UInt8(ascii: "o") {
            let radix = b[1] == UInt8(ascii: "x") ? 16 : 8
            guard let value = integer(b, from: 2, radix: radix, negative: false) else {
                return isDigits(b, from: 2, radix: radix) ? overflow(text) : nil
            }
            return Resolution(value: .int(value), problem: nil)
        }
        let signed = b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-")
        let start = signed ? 1 : 0
        if isDigits(b, from: start, radix: 10) {
            if b.count - start > 1, b[start] == UInt8(ascii: "0") { return ambiguous(text, digits: b, from: start) }
            guard let value = integer(b, from: start, radix: 10, negative: b[0] == UInt8(ascii: "-")) else { return overflow(text) }
            return Resolution(value: .int(value), problem: nil)
        }
        guard isFloat(b, from: start), let value = Double(text) else { return nil }
        return Resolution(value: .double(value), problem: nil)
    }

    private static func specialFloat(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: return nil
        }
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

    private static func ambiguous(_ text: String, digits b: UnsafeBufferPointer<UInt8>, from start: Int) -> Resolution {
        let sign = start == 1 ? String(decoding: UnsafeBufferPointer(rebasing: b[0..<1]), as: UTF8.self) : ""
        var rest = start
        while rest < b.count - 1, b[rest] == UInt8(ascii: "0") { rest += 1 }
        let decimal = sign + String(decoding: UnsafeBufferPointer(rebasing: b[rest...]), as: UTF8.self)
        let octalDigits = String(decoding: UnsafeBufferPointer(rebasing: b[(start + 1)...]), as: UTF8.self)
        let octalHint = isDigits(b, from: start + 1, radix: 8) && sign.isEmpty ? "0o\(octalDigits) for octal, " : ""
        let message = "'\(text)' is ambiguous: write \(octalHint)\(decimal) for decimal, or \"\(text)\" for a string"
        return Resolution(value: .string(text), problem: (code: "ambiguous-number", message: message))
    }

    private static func overflow(_ text: String) -> Resolution {
        Resolution(value: .string(text),
                   problem: (code: "invalid-value", message: "'\(text)' does not fit in a 64-bit integer; quote it to keep it as a string"))
    }
}
