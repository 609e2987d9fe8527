/// Finished nodes waiting for their collection to end.
///
/// When a collection ends its children are moved out of the stack, not copied and then destroyed:
/// on a tree of a few hundred thousand nodes that saves a retain and a release per node.
final class NodeStack {
    private var storage: UnsafeMutablePointer<YAMLNode>
    private var capacity: Int
    /// How many nodes wait on the stack.
    private(set) var count = 0

    init() {
        capacity = 256
        storage = UnsafeMutablePointer<YAMLNode>.allocate(capacity: capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func push(_ node: YAMLNode) {
        if count == capacity {
            let grown = UnsafeMutablePointer<YAMLNode>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: storage, count: count)
            storage.deallocate()
            storage = grown
            capacity *= 2
        }
        (storage + count).initialize(to: node)
        count += 1
    }

    func popLast() -> YAMLNode? {
        guard count > 0 else { return nil }
        count -= 1
        return (storage + count).move()
    }

    /// The nodes from `base` to the top, in order, leaving the stack `base` long.
    func take(from base: Int) -> [YAMLNode] {
        let taken = max(count - base, 0)
        let nodes = [YAMLNode](unsafeUninitializedCapacity: taken) { buffer, initialized in
            if let target = buffer.baseAddress { target.moveInitialize(from: storage + base, count: taken) }
            initialized = taken
        }
        count -= taken
        return nodes
    }

    /// Moves the nodes from `base` to the top out in (key, value) pairs, leaving the stack `base` long.
    func takePairs(from base: Int, _ body: (_ pair: Int, _ key: YAMLNode, _ value: YAMLNode) -> Void) {
        var position = base
        var pair = 0
        while position + 1 < count {
            body(pair, (storage + position).move(), (storage + position + 1).move())
            position += 2
            pair += 1
        }
        // An unpaired last node cannot come from libyaml, but it must not leak either.
        if position < count { (storage + position).deinitialize(count: 1) }
        count = min(base, count)
    }

    func removeAll() {
        storage.deinitialize(count: count)
        count = 0
    }
}
