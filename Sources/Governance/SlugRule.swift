/// The vendor's slug rule: lowercase letters, digits and hyphens, starting with a letter, 3–50 characters.
public enum SlugRule {
    /// Shortest slug the vendor accepts.
    public static let minLength = 3
    /// Longest slug the vendor accepts.
    public static let maxLength = 50

    /// Returns why `slug` breaks the rule, or nil when it is valid.
    public static func check(_ slug: String) -> RuleViolation? {
        let bytes = Array(slug.utf8)
        guard let first = bytes.first else {
            return violation("slug is empty; use 3–50 lowercase letters, digits or hyphens, starting with a letter")
        }
        if let bad = bytes.first(where: { !isSlugByte($0) }) {
            let shown = bad < 0x80 ? "'\(Character(Unicode.Scalar(bad)))'" : "a non-ASCII character"
            return violation("slug '\(slug)' contains \(shown); use lowercase letters, digits and hyphens only (try '\(suggestion(for: slug))')")
        }
        if !first.isASCIILower {
            return violation("slug '\(slug)' must start with a lowercase letter (try '\(suggestion(for: slug))')")
        }
        if bytes.count < minLength {
            // The vendor's own strategy table recommends `qa`, which this rule refuses.
            return violation("slug '\(slug)' is \(bytes.count) character\(bytes.count == 1 ? "" : "s"); slugs need \(minLength)–\(maxLength) (for example '\(suggestion(for: slug))')")
        }
        if bytes.count > maxLength {
            return violation("slug '\(slug.prefix(20))…' is \(bytes.count) characters; slugs need at most \(maxLength)")
        }
        return nil
    }

    /// A valid slug close to `text`, offered in error messages.
    public static func suggestion(for text: String) -> String {
        let known = ["qa": "qa-env", "ci": "ci-env", "dev": "development", "prd": "production", "prod": "production", "stg": "staging"]
        if let hit = known[text] { return hit }
        var out = ""
        for ch in text.lowercased() {
            if ch.isASCII, ch.isLetter || ch.isNumber { out.append(ch) } else if out.last != "-" { out.append("-") }
        }
        out = String(out.drop(while: { !$0.isLetter }))
        while out.hasSuffix("-") { out.removeLast() }
        if out.isEmpty { out = "env" }
        while out.count < minLength { out += "-env" }
        return String(out.prefix(maxLength))
    }

    private static func isSlugByte(_ b: UInt8) -> Bool {
        b.isASCIILower || b.isASCIIDigit || b == UInt8(ascii: "-")
    }

    private static func violation(_ message: String) -> RuleViolation {
        RuleViolation(.invalidSlug, message: message)
    }
}
