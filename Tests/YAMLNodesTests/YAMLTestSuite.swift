import Foundation
import YAMLNodes

/// The official YAML test suite on disk, and how to run one of its cases through the raw event layer.
enum YAMLTestSuite {
    /// The suite's folder, kept in the repository beside this file (`Fixtures/yaml-test-suite`, with its licence).
    static let root: URL? = {
        let candidate = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/yaml-test-suite")
        return FileManager.default.fileExists(atPath: candidate.appendingPathComponent("README.md").path) ? candidate : nil
    }()

    /// Every case id: `<ID>` or `<ID>-<NN>` for the folder `<ID>/<NN>`.
    static let caseIDs: [String] = {
        guard let root else { return [] }
        let fm = FileManager.default
        var ids: [String] = []
        for name in ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).sorted() {
            let folder = root.appendingPathComponent(name)
            if fm.fileExists(atPath: folder.appendingPathComponent("in.yaml").path) {
                ids.append(name)
                continue
            }
            for sub in ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            where fm.fileExists(atPath: folder.appendingPathComponent(sub).appendingPathComponent("in.yaml").path) {
                ids.append("\(name)-\(sub)")
            }
        }
        return ids
    }()

    /// The ids that `KNOWN-LIBYAML-0.2.5-FAILURES.txt` lists.
    static let knownFailures: Set<String> = {
        guard let root,
              let text = try? String(contentsOf: root.appendingPathComponent("KNOWN-LIBYAML-0.2.5-FAILURES.txt"), encoding: .utf8)
        else { return [] }
        var ids = Set<String>()
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            for word in line.split(separator: " ") { ids.insert(String(word)) }
        }
        return ids
    }()

    /// What running one case gave.
    struct Outcome {
        var passed: Bool
        var detail: String
    }

    /// Runs case `id`: a valid case passes when the events equal `test.event`, an error case when reading fails.
    /// Error cases do not compare the events before the error: libyaml reports 21 of them a few events
    /// later than the reference parser, and the known-failure list was measured the same way.
    static func run(_ id: String) -> Outcome {
        guard let root else { return Outcome(passed: false, detail: "suite not found") }
        let parts = id.split(separator: "-", maxSplits: 1).map(String.init)
        var folder = root.appendingPathComponent(parts[0])
        if parts.count == 2 { folder.appendPathComponent(parts[1]) }
        guard let input = try? Data(contentsOf: folder.appendingPathComponent("in.yaml")),
              let expectedText = try? String(contentsOf: folder.appendingPathComponent("test.event"), encoding: .utf8)
        else { return Outcome(passed: false, detail: "cannot read the case's files") }
        let expected = expectedText.split(separator: "\n").map(String.init)
        let mustFail = FileManager.default.fileExists(atPath: folder.appendingPathComponent("error").path)

        let reader = YAMLEventReader(bytes: [UInt8](input), file: "in.yaml")
        var lines: [String] = []
        do {
            while let event = try reader.next() { lines.append(TestEventFormat.line(event)) }
        } catch {
            return mustFail
                ? Outcome(passed: true, detail: "failed as expected: \(error)")
                : Outcome(passed: false, detail: "valid input rejected: \(error)\ngot so far:\n\(lines.joined(separator: "\n"))")
        }
        if mustFail { return Outcome(passed: false, detail: "invalid input accepted") }
        if lines == expected { return Outcome(passed: true, detail: "") }
        return Outcome(passed: false, detail: "expected:\n\(expected.joined(separator: "\n"))\ngot:\n\(lines.joined(separator: "\n"))")
    }
}

/// Renders events the way the suite's `test.event` files write them.
enum TestEventFormat {
    static func line(_ event: YAMLEvent) -> String {
        switch event.kind {
        case .streamStart: return "+STR"
        case .streamEnd: return "-STR"
        case let .documentStart(implicit, _, _): return implicit ? "+DOC" : "+DOC ---"
        case let .documentEnd(implicit): return implicit ? "-DOC" : "-DOC ..."
        case let .sequenceStart(start): return "+SEQ" + (start.flow ? " []" : "") + properties(start.anchor, start.tag)
        case .sequenceEnd: return "-SEQ"
        case let .mappingStart(start): return "+MAP" + (start.flow ? " {}" : "") + properties(start.anchor, start.tag)
        case .mappingEnd: return "-MAP"
        case let .alias(anchor): return "=ALI *" + anchor
        case let .scalar(scalar):
            let indicator: String
            switch scalar.style {
            case .plain: indicator = ":"
            case .singleQuoted: indicator = "'"
            case .doubleQuoted: indicator = "\""
            case .literal: indicator = "|"
            case .folded: indicator = ">"
            }
            return "=VAL" + properties(scalar.anchor, scalar.tag) + " " + indicator + escape(scalar.value)
        }
    }

    private static func properties(_ anchor: String?, _ tag: String?) -> String {
        (anchor.map { " &" + $0 } ?? "") + (tag.map { " <" + $0 + ">" } ?? "")
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\0": out += "\\0"
            case "\u{08}": out += "\\b"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
