import Foundation
import Governance
import Testing
@testable import Planning

/// The apply order is one named enum; docs and help quote it, so they cannot drift from it.
@Suite("waves")
struct WaveTests {
    @Test("each kind of change lands in its wave, in the stated order")
    func order() {
        let flag = Change(address: .environment("eu"), action: .update, needs: [.owner])
        let env = Change(address: .environment("eu"), action: .create)
        let agent = Change(address: .agent("eu", "a"), action: .create)
        let policy = Change(address: .policy("eu", "p"), action: .update)
        let deletePolicy = Change(address: .policy("eu", "p"), action: .delete)
        let deleteAgent = Change(address: .agent("eu", "a"), action: .delete)
        let deleteEnv = Change(address: .environment("old"), action: .delete)
        #expect([flag, env, agent, policy, deletePolicy, deleteAgent, deleteEnv].map(\.wave) == Wave.allCases)
    }

    @Test("docs/apply.md states the order as Wave does")
    func docsQuoteTheOrder() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let docs = try String(contentsOf: root.appendingPathComponent("docs/apply.md"), encoding: .utf8)
        let flat = docs.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains(Wave.order + "."), "docs/apply.md must quote: \(Wave.order)")
    }
}
