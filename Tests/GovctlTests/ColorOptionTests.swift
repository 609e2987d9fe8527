import Foundation
import Testing

@Suite("--color for output that is not a terminal: a CI log that renders colour")
struct ColorOptionTests {
    @Test("--color always colours a pipe, even with NO_COLOR set; auto and never do not; --no-color still works")
    func alwaysColoursAPipe() async throws {
        let story = try Story()
        defer { story.remove() }
        let plan = ["plan", Story.fixture("base")]
        let escape = "\u{1B}["
        // GovctlRunner sets NO_COLOR=1: an explicit flag outranks it, as no-color.org asks.
        let always = try await story.run(plan + ["--color", "always"])
        #expect(always.status == 0, "\(always.stderr)")
        #expect(always.stdout.contains(escape))
        let unset = ["NO_COLOR": ""]
        await #expect(!(try story.run(plan, environment: unset).stdout.contains(escape)), "auto: stdout is a pipe")
        await #expect(!(try story.run(plan + ["--color", "auto"], environment: unset).stdout.contains(escape)))
        await #expect(!(try story.run(plan + ["--color", "never"], environment: unset).stdout.contains(escape)))
        await #expect(!(try story.run(plan + ["--no-color"], environment: unset).stdout.contains(escape)))
        let both = try await story.run(plan + ["--no-color", "--color", "always"])
        #expect(both.status == 1)
        #expect(both.stderr.contains("--no-color and --color always contradict each other"), "\(both.stderr)")
    }
}
