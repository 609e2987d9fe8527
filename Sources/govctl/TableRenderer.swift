/// Lays out rows under upper-case headers in aligned columns, the way kubectl prints lists.
struct TableRenderer {
    let headers: [String]
    let rows: [[String]]

    /// The table as text, one line per row, columns separated by at least three spaces.
    func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (i, cell) in cells.enumerated() {
                let last = i == cells.count - 1
                out += last ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 3)
            }
            return out
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}

/// How long ago something happened, in kubectl's style: `45s`, `12m`, `5h`, `3d`.
enum Age {
    static func text(seconds: Double) -> String {
        let s = max(0, Int(seconds))
        if s < 120 { return "\(s)s" }
        if s < 7_200 { return "\(s / 60)m" }
        if s < 172_800 { return "\(s / 3_600)h" }
        return "\(s / 86_400)d"
    }
}
