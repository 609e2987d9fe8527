import Testing
import YAMLNodes

/// YAMLWriter's output reads back as exactly what was written.
@Suite struct WriterTests {
    /// Strings that a careless writer would let some parser read as a bool, null, number, date or syntax.
    static let trickyStrings = [
        "yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF", "true", "False", "null", "Null", "~", "",
        "  lead", "trail ", "\ttab", "0777", "-012", "1_000", "12:30", "190:20:30", "0o17", "0x1F", "0b101", "1e3", "1.", ".5",
        ".inf", "-.inf", "+.INF", ".nan", ".NaN", "+1", "-1", "1.0", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
        "<<", "=", "- item", "-", "?", ":", ",", "#comment", "a #b", "a: b", "key:", "[x]", "{y}", "*alias", "&anchor",
        "!tag", "%dir", "@at", "`tick", "|", ">", "'quoted'", "\"dq\"", "---", "...", "tab\there",
        "multi\nline\n", "multi\nline no end", "  \n", "trailing\n\n\n", "é ü 日本", "\u{85}nel", "\u{2028}ls",
        "\u{FEFF}bom", "null ", "12", "0", "-0", "+", "1__0", "0.", "1e", "e3", "._", "._5", "-._1", "\\back", "back\\", "a\u{7}bell",
    ]

    @Test func simpleDocumentIsBlockStyleWithFlowEmpties() throws {
        let value = YAMLOutput.mapping([
            (key: "name", value: .string("staging")),
            (key: "mirror", value: .string("production")),
            (key: "production", value: .bool(false)),
            (key: "priority", value: .int(900)),
            (key: "weight", value: .double(0.5)),
            (key: "answer", value: .string("no")),
            (key: "labels", value: .mapping([])),
            (key: "policies", value: .sequence([.string("a"), .null])),
            (key: "exclude", value: .sequence([])),
        ])
        let text = try YAMLWriter.string(from: value)
        #expect(text == """
            name: staging
            mirror: production
            production: false
            priority: 900
            weight: 0.5
            answer: "no"
            labels: {}
            policies:
            - a
            - null
            exclude: []

            """)
    }

    @Test(arguments: trickyStrings)
    func trickyStringStaysAString(_ text: String) throws {
        let value = YAMLOutput.mapping([(key: text, value: .sequence([.string(text)]))])
        let written = try YAMLWriter.string(from: value)
        let result = YAMLReader.parse(Array(written.utf8), file: "out.yaml")
        #expect(result.errors.isEmpty, "\(written)")
        #expect(result.documents.first?.root.output == value, "\(written)")
    }

    @Test func aNULIsWrittenEscapedAndTheReaderRefusesIt() throws {
        // No value govctl keeps may hold U+0000: the writer escapes it, the reader names where it stands.
        let written = try YAMLWriter.string(from: .mapping([(key: "a", value: .string("\u{0}nul"))]))
        #expect(written.contains("\\0"))
        #expect(YAMLReader.parse(Array(written.utf8), file: "out.yaml").errors.map(\.code) == ["nul-character"])
    }

    @Test func doublesReadBackAsFloats() throws {
        for number in [0.0, -0.0, 1.0, 1e20, 1e-5, 123.456, 5e-324, .greatestFiniteMagnitude, .infinity, -.infinity, .nan] {
            let written = try YAMLWriter.string(from: .double(number))
            let text = written.split(separator: "\n").first.map(String.init) ?? ""
            // YAML 1.1 needs a dot in a float: 1.0e+20, not 1e+20.
            #expect(text.contains(".") || text.hasSuffix("inf") || text.hasSuffix("nan"), "\(text)")
            let result = YAMLReader.parse(Array(written.utf8), file: "out.yaml")
            #expect(result.documents.first?.root.output == .double(number), "\(written)")
        }
    }

    @Test func randomValuesRoundTrip() throws {
        var generator = SeededGenerator(seed: 20_261_125)
        for round in 0..<300 {
            let value = Self.randomValue(depth: 0, using: &generator)
            let written = try YAMLWriter.string(from: value)
            let result = YAMLReader.parse(Array(written.utf8), file: "out.yaml")
            #expect(result.errors.isEmpty, "round \(round): \(result.errors)\n\(written)")
            #expect(result.documents.first?.root.output == value, "round \(round):\n\(written)")
        }
    }

    @Test func severalDocumentsAreSeparated() throws {
        let written = try YAMLWriter.string(fromDocuments: [.int(1), .mapping([(key: "a", value: .string("b"))])])
        let result = YAMLReader.parse(Array(written.utf8), file: "out.yaml")
        #expect(result.documents.map(\.root.output) == [.int(1), .mapping([(key: "a", value: .string("b"))])])
    }

    private static func randomValue(depth: Int, using generator: inout SeededGenerator) -> YAMLOutput {
        let pick = Int.random(in: 0..<(depth >= 4 ? 5 : 8), using: &generator)
        switch pick {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .int(Int.random(in: Int.min...Int.max, using: &generator) >> Int.random(in: 0..<64, using: &generator))
        case 3: return .double(Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) / 64)
        case 4: return .string(randomString(using: &generator))
        case 5:
            let count = Int.random(in: 0..<5, using: &generator)
            return .sequence((0..<count).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            let count = Int.random(in: 0..<5, using: &generator)
            var keys: [String] = []
            while keys.count < count {
                let key = randomString(using: &generator)
                if !keys.contains(key) { keys.append(key) }
            }
            return .mapping(keys.map { (key: $0, value: randomValue(depth: depth + 1, using: &generator)) })
        }
    }

    private static func randomString(using generator: inout SeededGenerator) -> String {
        if Bool.random(using: &generator) { return trickyStrings[Int.random(in: 0..<trickyStrings.count, using: &generator)] }
        let alphabet = Array("abc xyz:#-?,[]{}'\"\\!&*|>%@`\n\t0123456789._+~éü日")
        let length = Int.random(in: 0..<12, using: &generator)
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
