import Governance
import Testing

@Suite("SimpleRegexSyntax: the quick scan only ever vouches for expressions that compile")
struct SimpleRegexSyntaxTests {
    @Test("plain expressions are recognised without compiling", arguments: [
        "^db\\.(drop|truncate)$", "[a-z0-9_]+\\.export", "a+?", "(x|y)*", "\\d+", "[^A-Z]", "email\\.send_external",
    ])
    func recognised(_ pattern: String) throws {
        #expect(SimpleRegexSyntax.isCertainlyValid(pattern))
        _ = try Regex(pattern)
    }

    @Test("anything unusual is left to the compiler", arguments: [
        "", "(", ")", "a|", "|a", "()", "(?i)a", "a{2}", "a**", "*a", "[]", "[z-a]", "[a-]", "é", "a b", "\\q", "^*",
    ])
    func deferred(_ pattern: String) {
        #expect(!SimpleRegexSyntax.isCertainlyValid(pattern))
    }

    @Test("every random expression the scan accepts compiles")
    func agreesWithCompiler() {
        var state: UInt64 = 7
        let alphabet = Array("ab1_.^$|()[]\\*+?-dw:Z")
        var accepted = 0
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 60) + 1
            var text = ""
            for k in 0..<length {
                let mixed = (state >> UInt64((k * 5) % 58)) ^ (state >> 3)
                text.append(alphabet[Int(mixed % UInt64(alphabet.count))])
            }
            guard SimpleRegexSyntax.isCertainlyValid(text) else { continue }
            accepted += 1
            #expect((try? Regex(text)) != nil, "'\(text)' was vouched for but does not compile")
        }
        #expect(accepted > 100)
    }
}
