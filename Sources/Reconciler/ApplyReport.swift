import Planning

/// What an apply did to each change of its plan, in plan order.
public struct ApplyReport: Sendable {
    /// What happened to one change.
    public enum Outcome: Hashable, Sendable {
        case applied
        /// The write failed, with the error's stable code and message.
        case failed(code: String, message: String)
        /// Never sent: an earlier change failed, or the apply was interrupted.
        case notStarted
    }

    /// One change and its outcome.
    public struct Entry: Sendable {
        public let change: Change
        public let outcome: Outcome
    }

    public let entries: [Entry]
    /// True when Ctrl-C stopped the apply.
    public let interrupted: Bool

    /// Creates a report.
    public init(entries: [Entry], interrupted: Bool) {
        self.entries = entries
        self.interrupted = interrupted
    }

    /// True when every change was applied.
    public var isComplete: Bool { entries.allSatisfy { $0.outcome == .applied } }

    /// Counts of applied changes by action, and of failed and not-started ones.
    public struct Counts: Hashable, Sendable {
        public var added = 0, changed = 0, destroyed = 0, failed = 0, notStarted = 0
        /// All changes applied, whatever their action.
        public var applied: Int { added + changed + destroyed }
    }

    /// The counts the summary line prints.
    public var counts: Counts {
        var c = Counts()
        for entry in entries {
            switch (entry.outcome, entry.change.action) {
            case (.applied, .create): c.added += 1
            case (.applied, .update): c.changed += 1
            case (.applied, .delete): c.destroyed += 1
            case (.failed, _): c.failed += 1
            case (.notStarted, _): c.notStarted += 1
            }
        }
        return c
    }
}
