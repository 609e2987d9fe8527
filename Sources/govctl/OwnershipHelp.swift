/// The one statement of what a plan owns, quoted by every command's help that plans, so they cannot disagree.
enum OwnershipHelp {
    /// The rule, as one help paragraph.
    static let paragraph = """
        A declared environment is authoritative for its policies: a policy live in it but not in the \
        manifests (a console hot-fix) is deleted, shown as '- delete policy/ENV/NAME  (not in the manifests \
        of a declared environment)'; a drift ignore rule in Settings (spec.drift.ignore) keeps one on purpose. \
        Everything else live that the manifests do not declare (environments, agents, keys, credentials) is \
        unmanaged and left alone, unless --prune (or prune: true in Settings) deletes what govctl created. \
        Removing a production flag or weakening an environment's enforcement mode is called out on its own \
        line and needs the confirmation production policy changes need (--confirm-production, or typing the \
        slug on a terminal); removing the flag also needs the Owner role.
        """

    /// The help of `--prune`.
    static let prune = "Also delete live environments, agents, keys and credentials govctl created that the manifests no longer declare (policies of a declared environment are deleted without it)."
}
