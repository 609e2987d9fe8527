import ArgumentParser

/// `PATH...`: the manifest files or directories a command reads, the current directory by default.
struct ManifestPaths: ParsableArguments {
    @Argument(help: "Manifest files or directories.")
    var paths: [String] = ["."]
}

/// `-e/--env SLUG`, repeatable: the environments a command is limited to; none means the whole tenant.
struct EnvironmentScope: ParsableArguments {
    @Option(name: [.customShort("e"), .customLong("env")],
            help: ArgumentHelp("Limit the command to this environment (repeatable); without it, the whole tenant.", valueName: "slug"))
    var environments: [String] = []
}
