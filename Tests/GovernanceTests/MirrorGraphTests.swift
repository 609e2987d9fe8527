import Governance
import Testing

@Suite("MirrorGraph: chains resolve to their root; every cycle is found once")
struct MirrorGraphTests {
    @Test("no cycle in a chain; each member's root is the end of the chain")
    func chain() {
        let graph = MirrorGraph(links: ["staging": "production", "dev": "staging"])
        #expect(graph.cycles() == [])
        #expect(graph.root(of: "dev") == "production")
        #expect(graph.root(of: "staging") == "production")
        #expect(graph.root(of: "production") == "production")
        #expect(graph.root(of: "unrelated") == "unrelated")
    }

    @Test("a self-loop is a cycle of one")
    func selfLoop() {
        let graph = MirrorGraph(links: ["a": "a"])
        #expect(graph.cycles() == [["a"]])
        #expect(graph.root(of: "a") == nil)
    }

    @Test("a three-cycle is reported once, starting from its smallest slug, in link order")
    func threeCycle() {
        let graph = MirrorGraph(links: ["b": "c", "c": "a", "a": "b"])
        #expect(graph.cycles() == [["a", "b", "c"]])
    }

    @Test("two separate cycles are both reported, sorted")
    func twoCycles() {
        let graph = MirrorGraph(links: ["x": "y", "y": "x", "b": "a", "a": "b"])
        #expect(graph.cycles() == [["a", "b"], ["x", "y"]])
    }

    @Test("a chain leading into a cycle: only the cycle's members are reported, the chain has no root")
    func chainIntoCycle() {
        let graph = MirrorGraph(links: ["a": "b", "b": "c", "c": "d", "d": "c"])
        #expect(graph.cycles() == [["c", "d"]])
        #expect(graph.root(of: "a") == nil)
    }
}
