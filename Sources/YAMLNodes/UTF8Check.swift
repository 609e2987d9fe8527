/// Checks that input is UTF-8 before libyaml sees it, so the error names the line of the bad byte.
enum UTF8Check {
    /// The first problem in `bytes`, or nil when they are UTF-8 without NUL characters.
    static func firstProblem(in bytes: UnsafeBufferPointer<UInt8>, file: String) -> YAMLError? {
        if let encoding = wideEncoding(bytes) {
            return YAMLError(code: "invalid-utf8", location: SourceLocation(file: file, line: 1, column: 1),
                             message: "the file is \(encoding), not UTF-8; save it as UTF-8")
        }
        guard let offset = firstInvalidByte(bytes) else { return nil }
        let mark = YAMLEventReader.mark(ofByte: offset, in: bytes)
        let location = SourceLocation(file: file, mark: mark)
        if bytes[offset] == 0 {
            return YAMLError(code: "invalid-utf8", location: location, message: "NUL byte: YAML text cannot contain NUL characters")
        }
        let hex = String(bytes[offset], radix: 16, uppercase: true)
        return YAMLError(code: "invalid-utf8", location: location,
                         message: "invalid UTF-8 byte 0x\(hex); the file must be UTF-8")
    }

    /// Recognises UTF-16 and UTF-32 by their byte order marks or by the NUL bytes ASCII text gets in them.
    private static func wideEncoding(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        if b.count >= 4 {
            if b[0] == 0, b[1] == 0 { return "UTF-32" }
            if b[1] == 0, b[2] == 0, b[3] == 0 { return "UTF-32" }
        }
        if b.count >= 2 {
            if (b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE) { return "UTF-16" }
            if b[0] == 0 || b[1] == 0 { return "UTF-16" }
        }
        return nil
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or to a NUL.
    static func firstInvalidByte(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = b.count
        guard let base = UnsafeRawPointer(b.baseAddress) else { return nil }
        while i < n {
            // Manifests are mostly ASCII: skip eight bytes at a time while none has its high bit set or is NUL.
            while i + 8 <= n {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                if word & high != 0 || (word &- 0x0101_0101_0101_0101) & ~word & high != 0 { break }
                i += 8
            }
            guard i < n else { break }
            let lead = b[i]
            if lead < 0x80 {
                if lead == 0 { return i }
                i += 1
                continue
            }
            // Ranges from the Unicode standard, table 3-7: no overlongs, no surrogates, nothing past U+10FFFF.
            var length = 0
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            // A sequence that breaks off is reported at its first byte.
            guard i + 1 < n, b[i + 1] >= low, b[i + 1] <= high else { return i }
            var k = 2
            while k < length {
                guard i + k < n, b[i + k] & 0xC0 == 0x80 else { return i }
                k += 1
            }
            i += length
        }
        return nil
    }
}
