@testable import Governance
import Testing

@Suite("PatternBounds reads a POSIX name one way in both of its counts")
struct PosixNameTests {
    @Test("only letters make a POSIX name: '[:' followed by brackets is a nested class, in the raw count too")
    func strictNames() {
        #expect(PatternBounds.rawNestingProblem(Array("[:[[[[a:]".utf8)) != nil)
        #expect(PatternBounds.rawNestingProblem(Array("[[:alpha:][:^digit:]]".utf8)) == nil)
    }
}
