/// Resolves `mirror:` links between environments: every chain to its root, every cycle found.
public struct MirrorGraph: Sendable {
    /// For each mirroring environment, the environment it mirrors.
    public let links: [String: String]

    /// Builds the graph from `mirroring slug -> mirrored slug` links.
    public init(links: [String: String]) {
        self.links = links
    }

    /// Every cycle, each as its members in link order starting from the smallest slug; sorted.
    public func cycles() -> [[String]] {
        var state: [String: Int] = [:]  // 1 = on the current path, 2 = done
        var found: [[String]] = []
        for start in links.keys.sorted() where state[start] == nil {
            var path: [String] = []
            var node: String? = start
            while let current = node, state[current] == nil {
                state[current] = 1
                path.append(current)
                node = links[current]
            }
            if let current = node, state[current] == 1, let index = path.firstIndex(of: current) {
                let cycle = Array(path[index...])
                let smallest = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) ?? 0
                found.append(Array(cycle[smallest...] + cycle[..<smallest]))
            }
            for member in path { state[member] = 2 }
        }
        return found.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The environment at the end of `slug`'s chain (itself when it mirrors nothing); nil on a cycle.
    public func root(of slug: String) -> String? {
        var seen: Set<String> = [slug]
        var current = slug
        while let next = links[current] {
            guard seen.insert(next).inserted else { return nil }
            current = next
        }
        return current
    }
}
