import Foundation
import Governance
import Manifests
import Testing

@Suite("Reading files and directories")
struct FileDiscoveryTests {
    @Test("path-not-found names the path as given")
    func pathNotFound() {
        let result = ManifestLoader().load(paths: ["/nonexistent/govctl-manifests"])
        #expect(result.errorSummary == ["path-not-found@-"])
        #expect(result.messages("path-not-found") == ["path '/nonexistent/govctl-manifests' does not exist"])
        #expect(result.state == nil)
    }

    @Test("a directory with no manifests is an error; other files are ignored")
    func noManifests() throws {
        let result = try Fixtures.load("bad/no-manifests")
        #expect(result.errorSummary == ["no-manifests@-"])
    }

    @Test("a file named twice, or inside a directory also named, is read once")
    func readOnce() throws {
        let result = try Fixtures.load("valid/mirror-chain", "valid/mirror-chain/envs.yaml")
        #expect(result.diagnostics == [])
    }

    @Test("a directory whose manifests were all named already is not empty", arguments: [
        ["valid/mirror-chain/envs.yaml", "valid/mirror-chain"],
        ["valid/mirror-chain", "valid/mirror-chain/"],
        ["order/many-files", "order/many-files/nested"],
    ])
    func directoryNamedAgain(_ paths: [String]) throws {
        let root = try Fixtures.root()
        let result = ManifestLoader().load(paths: paths.map { root + "/" + $0 })
        #expect(result.diagnostics == [])
        #expect(result.state != nil)
    }

    @Test("a symlink loop does not hang, and its files are read once")
    func symlinkLoop() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("govctl-loop-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        let fixtures = try Fixtures.root()
        try FileManager.default.copyItem(atPath: fixtures + "/valid/mirror-chain/envs.yaml", toPath: root + "/sub/envs.yaml")
        try FileManager.default.createSymbolicLink(atPath: root + "/sub/loop", withDestinationPath: root)
        try FileManager.default.createSymbolicLink(atPath: root + "/self", withDestinationPath: root + "/sub")
        let result = Fixtures.relative(ManifestLoader().load(paths: [root]), to: root + "/")
        #expect(result.diagnostics == [])
        #expect(result.state?.environments.map(\.slug) == ["leaf", "middle", "root-env"])
        #expect(result.sources["environment/leaf"]?.file == "self/envs.yaml")
    }

    @Test("the same manifests split across files differently and renamed give an equal state")
    func orderIndependence() throws {
        let one = try Fixtures.load("order/one-file")
        let many = try Fixtures.load("order/many-files")
        #expect(one.diagnostics == [])
        #expect(many.diagnostics == [])
        let state = try #require(one.state)
        #expect(state == many.state)
        #expect(state.environments.count == 4)
    }

    @Test("diagnostics name files by the path as the user wrote it, without doubling a trailing slash")
    func displayPaths() throws {
        let root = try Fixtures.root()
        // The working directory is shared by every test in the process, so the paths here stay absolute.
        let slash = ManifestLoader().load(paths: [root + "/bad/invalid-slug/"])
        #expect(slash.diagnostics.first?.location?.description == root + "/bad/invalid-slug/slugs.yaml:3:18")
        let dotted = ManifestLoader().load(paths: [root + "/bad/./invalid-slug"])
        #expect(dotted.diagnostics.first?.location?.description == root + "/bad/./invalid-slug/slugs.yaml:3:18")
    }
}
