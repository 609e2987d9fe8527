/// Decides when a string can be written plain, and how numbers are written so every parser reads them back.
enum PlainSafety {
    /// YAML 1.1 words that resolve to bools or nulls (compared lowercased), plus its merge and value keys.
    private static let yaml11Words: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "<<", "="]

    /// True when `text` written plain would read back as anything but this string under YAML 1.2 core or 1.1.
    static func needsQuotes(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return true }
        if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            return true
        }
        let resolution = ScalarResolver.resolve(plain: text)
        if resolution.problem != nil { return true }
        if case .string = resolution.value {} else { return true }
        if text.utf8.count <= 5, yaml11Words.contains(text.lowercased()) { return true }
        // YAML 1.1 reads digits with `_`, `:` (sexagesimal), dates and leading-zero octals as numbers or
        // timestamps; anything that starts like a number is quoted rather than second-guessed.
        if isDigit(first) { return true }
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: ".") {
            var rest = Substring(text).dropFirst()
            if first != UInt8(ascii: "."), rest.first == "." { rest = rest.dropFirst() }
            // YAML 1.1 also reads `._5` (and PyYAML even `._`) as a float.
            if let next = rest.utf8.first, isDigit(next) || next == UInt8(ascii: ".") || next == UInt8(ascii: "_") { return true }
            let word = rest.prefix(3).lowercased()
            if word == "inf" || word == "nan" { return true }
        }
        return false
    }

    /// A double as a YAML float that YAML 1.1 reads as a float too (it needs a `.` in the mantissa).
    static func text(of number: Double) -> String {
        if number.isNaN { return ".nan" }
        if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
        var text = number.description
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), !text[..<e].contains(".") {
            text.insert(contentsOf: ".0", at: e)
        } else if !text.contains(".") && !text.contains("e") {
            text += ".0"
        }
        return text
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
