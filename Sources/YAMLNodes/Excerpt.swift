/// Shortens text quoted in a message, so a hostile megabyte-long key or number cannot flood the output.
enum Excerpt {
    static let limit = 80

    /// `text` itself, or its first characters followed by `…` when it is longer than `limit`.
    static func of(_ text: String) -> String {
        guard text.utf8.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }
}
