import Foundation
import PackagePlugin

/// Stamps the `govctl` target with the git commit it is built from, so `govctl version` can say which source a
/// binary copied to a CI runner came from. A prebuild command, because only it runs on every build.
@main
struct BuildStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "Stamp")
        let script = context.package.directoryURL.appending(path: "scripts/build-stamp.sh")
        return [
            .prebuildCommand(
                displayName: "Stamping \(target.name) with its git commit",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [script.path, context.package.directoryURL.path, output.appending(path: "BuildStamp.swift").path],
                outputFilesDirectory: output
            ),
        ]
    }
}
