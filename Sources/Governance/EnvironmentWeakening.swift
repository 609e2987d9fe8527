/// An update that loosens an environment's protection: removing its production flag (which unlocks deleting it and
/// stops production policy changes needing confirmation) or lowering its enforcement mode. Either needs the explicit
/// confirmation a production policy change needs, and a plan calls each out on its own line.
public enum EnvironmentWeakening {
    /// The lines a plan shows for the update from live to desired; empty when nothing weakens.
    public static func callouts(liveProduction: Bool, liveMode: EnforcementMode,
                                production: Bool, mode: EnforcementMode) -> [String] {
        var out: [String] = []
        if liveProduction && !production {
            out.append("removes the production flag: deleting this environment and its policy changes no longer need confirmation")
        }
        if mode.strength < liveMode.strength {
            out.append("enforcement weakens: \(liveMode.rawValue) → \(mode.rawValue)\(mode.consequence)")
        }
        return out
    }
}

extension EnforcementMode {
    /// monitor < alert < enforce: how much the mode stops or says, as the vendor documents the modes.
    public var strength: Int {
        switch self {
        case .monitor: 0
        case .alert: 1
        case .enforce: 2
        }
    }

    /// What the weaker mode means for denied and held actions.
    fileprivate var consequence: String {
        switch self {
        case .monitor: " (denials and holds are only logged)"
        case .alert: " (nothing is blocked or held; denials and holds only notify)"
        case .enforce: ""
        }
    }
}
