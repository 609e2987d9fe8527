/// The kinds of difference `govctl drift` reports.
public enum DriftClass: String, Hashable, Sendable, CaseIterable, Comparable {
    /// A declared resource's field differs from git.
    case changed
    /// Declared in git, not live.
    case missing
    /// Live, not declared in git.
    case unmanaged
    /// An environment that mirrors another no longer has, live, the same policies as its source has live.
    case mirrorOutOfSync = "mirror-out-of-sync"
    /// A live environment with no agents and no audit events for a while.
    case dormant

    /// What a nightly job fails on unless told otherwise: what is wrong (git and live disagree about something git
    /// declares), not what is merely there (unmanaged) or unused (dormant).
    public static let failingByDefault: Set<DriftClass> = [.changed, .missing, .mirrorOutOfSync]

    /// The classes an ignore rule may name: a missing resource is declared, so the next apply creates it; hiding
    /// it would make drift and apply disagree.
    public static let ignorable: [DriftClass] = [.changed, .unmanaged, .mirrorOutOfSync, .dormant]

    /// The classes whose findings have fields, which a rule's `fields` narrows.
    public static let withFields: Set<DriftClass> = [.changed, .mirrorOutOfSync]

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (a: DriftClass, b: DriftClass) -> Bool { a.rank < b.rank }
}

/// A rule of `Settings` (`spec.drift.ignore`) that sets findings aside: resources made or edited outside git on
/// purpose (a console hot-fix, a description support edits). Plan and drift both honour it, so an ignored policy is
/// neither deleted by apply nor reported by drift; the reason is required, because the next reader needs it.
public struct DriftIgnoreRule: Hashable, Sendable {
    /// An address or a pattern of addresses: `policy/staging/console-*`, `agent/*/*`, `apikey/bootstrap-owner`.
    public let address: String
    /// The classes it ignores; empty means every class it may ignore.
    public let classes: [DriftClass]
    /// For `changed` and `mirror-out-of-sync`, only these fields; empty means the whole finding.
    public let fields: [String]
    /// Why, as written in the manifests.
    public let reason: String

    /// Creates a rule; `check` says whether it is well formed.
    public init(address: String, classes: [DriftClass] = [], fields: [String] = [], reason: String) {
        self.address = address
        self.classes = classes
        self.fields = fields
        self.reason = reason
    }

    /// Longest address pattern accepted, so matching stays cheap whatever a manifest holds.
    public static let maxPatternLength = 300

    /// The part of a rule a problem is about, so a reader can point at it.
    public enum Part: Hashable, Sendable {
        case address, reason
        /// The class at this index of `classes`.
        case driftClass(Int)
        /// The field at this index of `fields`.
        case field(Int)
    }

    /// The first thing wrong with the rule, with the way out and where; nil when it is well formed.
    public func problem() -> (violation: RuleViolation, part: Part)? {
        if let problem = Self.patternProblem(address) { return (problem, .address) }
        if reason.allSatisfy(\.isWhitespace) {
            return (RuleViolation(.missingReason,
                                  message: "drift ignore rule '\(address)' needs a reason: say why this difference is expected"), .reason)
        }
        if let index = classes.firstIndex(where: { !Self.ignorableSet.contains($0) }) {
            let bad = classes[index]
            return (RuleViolation(.invalidValue, message: bad == .missing
                ? "drift ignore rule '\(address)' cannot ignore 'missing': a declared resource is created by the next apply; remove it from the manifests instead"
                : "drift ignore rule '\(address)' cannot ignore '\(bad.rawValue)'"), .driftClass(index))
        }
        if !fields.isEmpty, let index = classes.firstIndex(where: { !DriftClass.withFields.contains($0) }) {
            return (RuleViolation(.invalidValue,
                                  message: "drift ignore rule '\(address)' names fields, which only 'changed' and 'mirror-out-of-sync' findings have, but also '\(classes[index].rawValue)'; split it into two rules"),
                    .driftClass(index))
        }
        if let index = fields.firstIndex(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) {
            return (RuleViolation(.invalidValue,
                                  message: "drift ignore rule '\(address)' names the field '\(fields[index])'; write field names as plan shows them, such as description"),
                    .field(index))
        }
        return nil
    }

    private static let ignorableSet = Set(DriftClass.ignorable)

    /// Why `pattern` is not an address pattern: one to three segments split by `/`, each of letters, digits, `.`,
    /// `_`, `-` and `*` (any run of characters within the segment).
    static func patternProblem(_ pattern: String) -> RuleViolation? {
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = { (c: Unicode.Scalar) in
            c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "._-*".unicodeScalars.contains(c))
        }
        guard pattern.utf8.count <= maxPatternLength, (1...3).contains(segments.count),
              segments.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(allowed) }) else {
            let shown = pattern.count <= 60 ? pattern : pattern.prefix(57) + "..."
            return RuleViolation(.invalidPattern,
                                 message: "drift ignore address '\(shown)' is not an address pattern; write one as plan prints it, such as policy/staging/console-* ('*' matches within one segment)")
        }
        return nil
    }

    /// Whether the rule covers a finding of `driftClass` at the address written `address`.
    public func covers(_ driftClass: DriftClass, at address: String) -> Bool {
        // A rule that names fields is about field differences: it never hides an unmanaged or dormant resource.
        (classes.isEmpty ? Self.ignorableSet.contains(driftClass) : classes.contains(driftClass))
            && (fields.isEmpty || DriftClass.withFields.contains(driftClass))
            && Self.matches(pattern: self.address, address)
    }

    /// Segment by segment, `*` any run within a segment. The greedy two-pointer match returns to the last star
    /// only, so it is linear in practice and bounded by the short segments either way.
    static func matches(pattern: String, _ text: String) -> Bool {
        let p = pattern.split(separator: "/", omittingEmptySubsequences: false)
        let t = text.split(separator: "/", omittingEmptySubsequences: false)
        guard p.count == t.count else { return false }
        return zip(p, t).allSatisfy { segment($0.utf8.map { $0 }, $1.utf8.map { $0 }) }
    }

    private static func segment(_ p: [UInt8], _ t: [UInt8]) -> Bool {
        let star = UInt8(ascii: "*")
        var i = 0, j = 0
        var lastStar: Int?
        var resume = 0
        while j < t.count {
            if i < p.count, p[i] == star {
                lastStar = i
                resume = j
                i += 1
            } else if i < p.count, p[i] == t[j] {
                i += 1
                j += 1
            } else if let s = lastStar {
                i = s + 1
                resume += 1
                j = resume
            } else {
                return false
            }
        }
        while i < p.count, p[i] == star { i += 1 }
        return i == p.count
    }
}

/// The first rule of `rules` that covers a finding, in the order the manifests list them.
extension Array where Element == DriftIgnoreRule {
    /// The rule that sets aside a finding of `driftClass` at `address`, if any.
    public func rule(for driftClass: DriftClass, at address: String) -> DriftIgnoreRule? {
        first { $0.covers(driftClass, at: address) }
    }
}
