import Testing
import YAMLNodes

/// Each strictness rule of the YAML layer, with its exact code and position.
@Suite struct StrictnessTests {
    @Test func duplicateKeyNamesBothLinesAndTreatsQuotedAndPlainAlike() throws {
        let result = parse("a: 1\nb: 2\n\"a\": 3\n")
        #expect(codes(result) == ["duplicate-key@3:1"])
        let message = try #require(result.errors.first?.message)
        #expect(message == "duplicate key 'a': first at line 1, column 1, again at line 3, column 1; keep one")
        // Reading goes on, and the first definition stays.
        #expect(result.documents.first?.root["a"]?.scalarValue == .int(1))
        #expect(result.documents.first?.root["b"]?.scalarValue == .int(2))
    }

    @Test func aNULCharacterInAValueOrKeyIsRefusedWhereItStands() {
        #expect(codes(parse("a: \"x\\0y\"\nb: ok\n")) == ["nul-character@1:4"])
        #expect(codes(parse("\"k\\0\": 1\n")) == ["nul-character@1:1"])
        #expect(codes(parse("a: \"x\\ty\"\n")) == [])
    }

    @Test func duplicateKeysInLargeMappingsAreFoundToo() {
        var text = (0..<50).map { "k\($0): \($0)\n" }.joined()
        text += "k7: again\n"
        #expect(codes(parse(text)) == ["duplicate-key@51:1"])
    }

    @Test func billionLaughsFailsWithAliasLimit() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let result = parse(text)
        #expect(result.errors.map(\.code) == ["alias-limit"])
        #expect(result.documents.isEmpty)
    }

    /// One document whose aliases expand to 9^5 leaves (74,718 alias nodes): under the budget on its own.
    private func ninePowerFive(_ index: Int) -> String {
        var text = "doc: \(index)\nx0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9]\n"
        for level in 1...4 {
            text += "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        return text
    }

    @Test func aliasBudgetCoversEveryDocumentOfAFile() throws {
        // Budgets per document let 500 such documents expand to 30 million nodes; per file, the second one stops.
        let text = (0..<500).map(ninePowerFive).joined(separator: "---\n")
        let result = parse(text)
        // Document 2 starts on line 8; its x4 is line 13, and its third *a3 crosses 100,000.
        #expect(codes(result) == ["alias-limit@13:20"])
        #expect(result.errors.first?.message.contains("in this file") == true)
        #expect(result.documents.count == 1)
        #expect(parse(ninePowerFive(0)).errors.isEmpty)
    }

    @Test func aliasBudgetOfARunCarriesFromFileToFile() throws {
        let one = parse(ninePowerFive(0))
        #expect(one.aliasNodes == 74_718)
        var limits = YAMLLimits()
        limits.maxAliasExpansionPerRun = 350_000
        let fifth = YAMLReader.parse(Array(ninePowerFive(0).utf8), file: "e.yaml", limits: limits, aliasNodesBefore: 4 * one.aliasNodes)
        #expect(codes(fifth) == ["alias-limit@6:35"])
        #expect(fifth.errors.first?.message.contains("in all the files read so far") == true)
    }

    @Test func aliasesWithinTheLimitShareTheAnchoredNode() throws {
        let result = parse("base: &b {x: 1}\ncopy: *b\n")
        #expect(result.errors.isEmpty)
        let copy = try #require(result.documents.first?.root["copy"])
        #expect(copy["x"]?.scalarValue == .int(1))
        #expect(copy.mark == YAMLMark(line: 1, column: 7))
    }

    @Test func aFatalErrorDropsTheProblemsOfItsUnfinishedDocumentOnly() throws {
        #expect(codes(parse("a: 0777\nb: [\n")) == ["yaml-syntax@3:1"])
        let result = parse("a: 0777\n---\nb: 0777\nc: [\n")
        #expect(codes(result) == ["ambiguous-number@1:4", "yaml-syntax@5:1"])
        let document = try #require(result.documents.first)
        #expect(document.contains(SourceLocation(file: "test.yaml", line: 1, column: 4)))
        #expect(!document.contains(SourceLocation(file: "test.yaml", line: 3, column: 4)))
    }

    @Test func undefinedAndRecursiveAliasesAreSyntaxErrors() {
        #expect(codes(parse("a: *nope\n")) == ["yaml-syntax@1:4"])
        #expect(codes(parse("a: &x [*x]\n")) == ["yaml-syntax@1:8"])
    }

    @Test func hundredThousandOpenBracketsStopAtDepth65() {
        let result = parse(String(repeating: "[", count: 100_000))
        #expect(codes(result) == ["max-depth@1:65"])
    }

    @Test func deepBlockNestingStopsAtDepth65() {
        let text = (0..<70).map { String(repeating: "  ", count: $0) + "a:\n" }.joined()
        #expect(codes(parse(text)) == ["max-depth@65:129"])
        let shallow = (0..<64).map { String(repeating: "  ", count: $0) + "a:\n" }.joined()
        #expect(parse(shallow).errors.isEmpty)
    }

    @Test func chainedAliasesCannotNestPastTheDepthLimit() {
        // Each anchor is 40 levels deep and holds the previous one: the tree would be 40 levels per link.
        var text = ""
        for link in 0..<3 {
            let inner = link == 0 ? "x" : "*a\(link - 1)"
            text += "a\(link): &a\(link) " + String(repeating: "[", count: 40) + inner + String(repeating: "]", count: 40) + "\n"
        }
        #expect(codes(parse(text)) == ["max-depth@2:49"])
    }

    @Test func controlCharactersAreSyntaxErrorsAtTheirPosition() {
        #expect(codes(parse("a: 1\nb: x\u{1}y\n")) == ["yaml-syntax@2:5"])
    }

    @Test func tooManyDocuments() {
        var limits = YAMLLimits()
        limits.maxDocumentsPerFile = 3
        let result = parse("a\n---\nb\n---\nc\n---\nd\n", limits: limits)
        #expect(codes(result) == ["too-many-documents@6:1"])
        #expect(result.documents.count == 3)
    }

    @Test func tooManyNodes() {
        var limits = YAMLLimits()
        limits.maxNodesPerDocument = 5
        #expect(codes(parse("[1, 2, 3, 4, 5]\n", limits: limits)) == ["too-many-nodes@1:14"])
        #expect(parse("[1, 2, 3, 4]\n", limits: limits).errors.isEmpty)
    }

    @Test func fileOverTheLimitIsRefusedBeforeReading() throws {
        let path = try temporaryFile(bytes: [UInt8](repeating: UInt8(ascii: "a"), count: 4 * 1024 * 1024 + 1))
        defer { removeFile(path) }
        let result = YAMLReader.read(path: path, displayPath: "big.yaml")
        #expect(codes(result) == ["file-too-large@1:1"])
        #expect(result.errors.first?.location.file == "big.yaml")
    }

    @Test func endlessDeviceIsCutOffAtTheLimit() {
        var limits = YAMLLimits()
        limits.maxFileBytes = 1024
        #expect(codes(YAMLReader.read(path: "/dev/zero", displayPath: "zero", limits: limits)) == ["file-too-large@1:1"])
    }

    @Test func fileAtTheLimitIsRead() throws {
        let path = try temporaryFile(bytes: Array("a: 1\n".utf8))
        defer { removeFile(path) }
        let result = YAMLReader.read(path: path, displayPath: "small.yaml")
        #expect(result.errors.isEmpty)
        #expect(result.documents.first?.root["a"]?.scalarValue == .int(1))
        #expect(result.documents.first?.file == "small.yaml")
    }

    @Test func unreadableFileIsAReadError() throws {
        let result = YAMLReader.read(path: "/nonexistent/govctl/x.yaml", displayPath: "x.yaml")
        #expect(codes(result) == ["read-error@1:1"])
        #expect(result.errors.first?.message.contains("No such file") == true)
    }

    @Test func invalidUTF8IsReportedOnItsLine() {
        let bytes = Array("a: 1\nb: 2\nc: x".utf8) + [0xFF] + Array("y\n".utf8)
        let result = YAMLReader.parse(bytes, file: "bad.yaml")
        #expect(codes(result) == ["invalid-utf8@3:5"])
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let result = YAMLReader.parse([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8), file: "bom.yaml")
        #expect(result.errors.isEmpty)
        let entry = try #require(result.documents.first.flatMap { doc -> YAMLEntry? in
            if case let .mapping(entries) = doc.root.content { return entries.first }
            return nil
        })
        #expect(entry.keyMark == YAMLMark(line: 1, column: 1))
    }

    @Test func utf16IsRefused() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "a: 1\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let result = YAMLReader.parse(bytes, file: "wide.yaml")
        #expect(codes(result) == ["invalid-utf8@1:1"])
        #expect(result.errors.first?.message.contains("UTF-16") == true)
        let noMark = Array("a: 1\n".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        #expect(YAMLReader.parse(noMark, file: "wide.yaml").errors.first?.message.contains("UTF-16") == true)
    }

    @Test func pythonAndLocalTagsAreUnsupported() {
        #expect(codes(parse("a: !!python/object:os.system {x: 1}\n")) == ["unsupported-tag@1:4"])
        #expect(codes(parse("a: !foo x\n")) == ["unsupported-tag@1:4"])
        #expect(parse("a: !!python/object:os.system {x: 1}\n").errors.first?.message.contains("!!python/object") == true)
    }

    @Test func coreTagsAreAccepted() throws {
        let result = parse("a: !!str 12\nb: !!int 12\nc: !!float 1\nd: ! 12\ne: !!seq [1]\nf: !!map {x: 1}\ng: !!null ~\n")
        #expect(result.errors.isEmpty)
        let root = try #require(result.documents.first?.root)
        #expect(root["a"]?.scalarValue == .string("12"))
        #expect(root["b"]?.scalarValue == .int(12))
        #expect(root["c"]?.scalarValue == .double(1))
        #expect(root["d"]?.scalarValue == .string("12"))
        #expect(root["g"]?.scalarValue == .null)
    }

    @Test func coreTagOnTheWrongValueIsInvalidValue() {
        #expect(codes(parse("a: !!int x\n")) == ["invalid-value@1:4"])
        #expect(codes(parse("a: !!bool yes\n")) == ["invalid-value@1:4"])
        #expect(codes(parse("a: !!map [1]\n")) == ["invalid-value@1:4"])
    }

    @Test func tagDirectiveIsUnsupported() {
        #expect(codes(parse("%TAG !e! tag:example.com,2000:\n--- a\n")) == ["unsupported-tag@1:1"])
    }

    @Test func yamlVersionOtherThan12IsRefused() {
        #expect(codes(parse("%YAML 1.1\n--- a\n")) == ["yaml-version@1:1"])
        #expect(codes(parse("%YAML 1.3\n--- a\n")) == ["yaml-version@1:1"])
        #expect(parse("%YAML 1.2\n--- a\n").errors.isEmpty)
    }

    @Test func mergeKeyIsRefused() throws {
        let result = parse("base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n")
        #expect(codes(result) == ["merge-key@3:3"])
        #expect(result.errors.first?.message == "merge keys are not supported; repeat the fields or use a PolicySet")
        let child = try #require(result.documents.first?.root["child"])
        #expect(child["<<"] == nil && child["y"]?.scalarValue == .int(2))
        #expect(parse("\"<<\": 1\n").errors.isEmpty)
    }

    @Test func nonScalarKeysAreRefused() {
        #expect(codes(parse("? [a]\n: b\nc: d\n")) == ["non-scalar-key@1:3"])
        #expect(codes(parse("{{x: 1}: b}\n")) == ["non-scalar-key@1:2"])
        #expect(codes(parse("a: &s [1]\n*s : b\n")) == ["non-scalar-key@2:1"])
    }

    @Test func yaml11WordsAreStrings() throws {
        let root = try #require(parse("a: no\nb: on\nc: yes\nd: off\ne: y\nf: n\n").documents.first?.root)
        for (key, word) in [("a", "no"), ("b", "on"), ("c", "yes"), ("d", "off"), ("e", "y"), ("f", "n")] {
            #expect(root[key]?.scalarValue == .string(word))
        }
    }

    @Test func onlyTrueAndFalseAreBools() throws {
        let root = try #require(parse("a: true\nb: false\nc: True\nd: FALSE\ne: tRUE\n").documents.first?.root)
        #expect(root["a"]?.scalarValue == .bool(true))
        #expect(root["b"]?.scalarValue == .bool(false))
        #expect(root["c"]?.scalarValue == .bool(true))
        #expect(root["d"]?.scalarValue == .bool(false))
        #expect(root["e"]?.scalarValue == .string("tRUE"))
    }

    @Test func leadingZeroDecimalIsAmbiguous() throws {
        let result = parse("mode: 0777\n")
        #expect(codes(result) == ["ambiguous-number@1:7"])
        #expect(result.errors.first?.message == "'0777' is ambiguous: write 0o777 for octal, 777 for decimal, or \"0777\" for a string")
        #expect(result.documents.first?.root["mode"]?.scalarValue == .string("0777"))
        #expect(codes(parse("a: -012\n")) == ["ambiguous-number@1:4"])
        #expect(parse("a: \"0777\"\n").errors.isEmpty)
    }

    @Test func numbersFollowTheCoreSchema() throws {
        let text = "o: 0o777\nx: 0x1F\ni: .inf\nm: -.Inf\nn: .nan\nt: ~\ne: \nu: 1_000\nf: 1.5e3\nz: 0\nd: -42\ns: 12:30\n"
        let result = parse(text)
        #expect(result.errors.isEmpty)
        let root = try #require(result.documents.first?.root)
        #expect(root["o"]?.scalarValue == .int(0o777))
        #expect(root["x"]?.scalarValue == .int(31))
        #expect(root["i"]?.scalarValue == .double(.infinity))
        #expect(root["m"]?.scalarValue == .double(-.infinity))
        if case let .double(nan) = root["n"]?.scalarValue { #expect(nan.isNaN) } else { Issue.record(".nan is not a double") }
        #expect(root["t"]?.scalarValue == .null)
        #expect(root["e"]?.scalarValue == .null)
        #expect(root["u"]?.scalarValue == .string("1_000"))
        #expect(root["f"]?.scalarValue == .double(1500))
        #expect(root["z"]?.scalarValue == .int(0))
        #expect(root["d"]?.scalarValue == .int(-42))
        #expect(root["s"]?.scalarValue == .string("12:30"))
    }

    @Test func intOverflowIsInvalidValue() throws {
        let result = parse("a: 9223372036854775808\nb: -9223372036854775808\n")
        #expect(codes(result) == ["invalid-value@1:4"])
        #expect(result.documents.first?.root["b"]?.scalarValue == .int(Int.min))
    }

    @Test func syntaxErrorStopsTheFileWithLibyamlsPosition() {
        let result = parse("a: 1\n---\nb: [1, 2\n")
        #expect(result.errors.map(\.code) == ["yaml-syntax"])
        #expect(result.documents.count == 1)
    }

    @Test func tabIndentationSaysToUseSpaces() throws {
        let result = parse("a:\n\tb: 1\n")
        #expect(codes(result) == ["yaml-syntax@2:1"])
        #expect(try #require(result.errors.first).message.hasSuffix("YAML cannot indent with tabs: use spaces"))
    }

    @Test func hugeTextIsShortenedInMessages() throws {
        let digits = "0" + String(repeating: "7", count: 100_000)
        let result = parse("a: \(digits)\n")
        #expect(codes(result) == ["ambiguous-number@1:4"])
        #expect(try #require(result.errors.first).message.utf8.count < 600)
    }

    @Test func collectedErrorsAreSortedByPosition() {
        let result = parse("a: 0777\nb: !foo x\na: 2\n")
        #expect(codes(result) == ["ambiguous-number@1:4", "unsupported-tag@2:4", "duplicate-key@3:1"])
    }
}
