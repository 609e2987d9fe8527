extension JSONValue {
    /// JSON text of the value, object keys sorted so equal values give equal text: compact when `indent` is nil,
    /// else indented by two spaces from that depth. Non-finite doubles, which JSON cannot hold, are written as null.
    public func jsonText(indent: Int? = nil) -> String {
        var out = ""
        write(into: &out, indent: indent)
        return out
    }

    /// `s` as a JSON string literal, with quotes, backslashes and control characters escaped.
    public static func quoted(_ s: String) -> String {
        var out = ""
        writeString(s, into: &out)
        return out
    }

    private func write(into out: inout String, indent: Int?) {
        let inner = indent.map { $0 + 1 }
        func newline(_ depth: Int?) {
            if let depth { out += "\n" + String(repeating: "  ", count: depth) }
        }
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? "\(d)" : "null"
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(inner)
                item.write(into: &out, indent: inner)
            }
            newline(indent)
            out += "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{"
            for (i, key) in fields.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                newline(inner)
                Self.writeString(key, into: &out)
                out += indent == nil ? ":" : ": "
                fields[key]?.write(into: &out, indent: inner)
            }
            newline(indent)
            out += "}"
        }
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        // Most strings need no escape: copy them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
