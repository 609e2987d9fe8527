import Testing
import YAMLNodes

/// The raw event layer: libyaml's events as values, with 1-based marks and directives passed through.
@Suite struct EventReaderTests {
    @Test func eventsCarryTheirDataAndPositions() throws {
        let events = try YAMLEventReader(bytes: Array("a: &x [b, 'c']\nd: *x\n".utf8)).readAll()
        #expect(events.map(TestEventFormat.line) == [
            "+STR", "+DOC", "+MAP", "=VAL :a", "+SEQ [] &x", "=VAL :b", "=VAL 'c", "-SEQ", "=VAL :d", "=ALI *x", "-MAP", "-DOC", "-STR",
        ])
        #expect(events[4].mark == YAMLMark(line: 1, column: 4))
        #expect(events[9].mark == YAMLMark(line: 2, column: 4))
    }

    @Test func directivesArePassedThrough() throws {
        let events = try YAMLEventReader(bytes: Array("%YAML 1.2\n%TAG !e! tag:example.com,2000:\n--- !e!x a\n...\n".utf8)).readAll()
        guard case let .documentStart(implicit, version, tags) = events[1].kind else {
            Issue.record("no document start: \(events)")
            return
        }
        #expect(!implicit)
        #expect(version == YAMLVersionDirective(major: 1, minor: 2))
        #expect(tags == [YAMLTagDirective(handle: "!e!", prefix: "tag:example.com,2000:")])
        if case let .scalar(scalar) = events[2].kind {
            #expect(scalar.tag == "tag:example.com,2000:x" && !scalar.plainImplicit)
        } else {
            Issue.record("no scalar: \(events)")
        }
        #expect(events[3].kind == .documentEnd(implicit: false))
    }

    @Test func syntaxErrorCarriesLibyamlsProblemAndPosition() {
        let reader = YAMLEventReader(bytes: Array("a: [1, 2\nb: 3\n".utf8), file: "x.yaml")
        #expect(throws: YAMLError.self) { try reader.readAll() }
        do {
            _ = try YAMLEventReader(bytes: Array("a: b: c\n".utf8), file: "x.yaml").readAll()
            Issue.record("accepted invalid YAML")
        } catch {
            #expect(error.code == "yaml-syntax")
            #expect(error.location == SourceLocation(file: "x.yaml", line: 1, column: 5))
            #expect(error.message.contains("mapping values are not allowed"))
        }
        // After the error the reader stays finished rather than trapping.
        #expect((try? reader.next()) == nil)
    }
}
