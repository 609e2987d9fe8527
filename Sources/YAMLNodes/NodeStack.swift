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

    func push(_ node: consuming YAMLNode) {
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

    /// Moves the node at `index` out, leaving its slot uninitialized; `forget(from:)` must follow.
    func moveOut(at index: Int) -> YAMLNode {
        (storage + index).move()
    }

    /// Shortens the stack to `base` after every node above it was moved out.
    func forget(from base: Int) {
        count = base
    }

    func removeAll() {
        storage.deinitialize(count: count)
        count = 0
    }
}
