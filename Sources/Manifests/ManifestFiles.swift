#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Finds the manifest files the user named: files as given, directories searched recursively for
/// `*.yaml` / `*.yml` in sorted order, each file once, symlink loops cut off.
struct ManifestFiles {
    /// A file to read: where it is, and how diagnostics name it.
    struct File: Hashable {
        var path: String
        var displayPath: String
    }

    /// A file's or directory's identity, so a symlink back up the tree is seen as already visited.
    private struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private(set) var files: [File] = []
    /// Directories walked so far, and whether each holds a manifest at any depth: a directory named again, or
    /// reached again through a symlink, still holds the manifests found the first time.
    private var walkedDirectories: [Identity: Bool] = [:]
    private var seenFiles: Set<Identity> = []
    private let sink: DiagnosticSink

    /// Collects the files under `paths`, reporting paths that do not exist and directories without manifests.
    init(paths: [String], sink: DiagnosticSink) {
        self.sink = sink
        for path in paths { add(path) }
    }

    private mutating func add(_ path: String) {
        guard let info = Self.fileInfo(path) else {
            sink.error(.pathNotFound, at: nil, "path '\(path)' does not exist")
            return
        }
        guard info.isDirectory else {
            // A file named explicitly is read whatever its extension: the user asked for it.
            addFile(path, display: path, identity: info.identity)
            return
        }
        // Files already taken from an earlier path still count: `validate sub/a.yaml sub` names no empty directory.
        if !walk(path, display: path, identity: info.identity) {
            sink.error(.noManifests, at: nil, "directory '\(path)' holds no *.yaml or *.yml files")
        }
    }

    private mutating func addFile(_ path: String, display: String, identity: Identity) {
        if seenFiles.insert(identity).inserted { files.append(File(path: path, displayPath: display)) }
    }

    /// Adds the manifests under `path`; returns whether it holds any, including ones added before.
    private mutating func walk(_ path: String, display: String, identity: Identity) -> Bool {
        if let holds = walkedDirectories[identity] { return holds }
        // A link back to a directory still being walked adds nothing: that walk finds its files itself.
        walkedDirectories[identity] = false
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            sink.error(.unreadablePath, at: nil, "directory '\(display)' cannot be read")
            return false
        }
        var holds = false
        // Hidden entries (.git, .github workflows) are never manifests; sorting makes results independent of the file system.
        for name in names.sorted() where !name.hasPrefix(".") {
            let child = Self.join(path, name)
            let shown = Self.join(display, name)
            guard let info = Self.fileInfo(child) else { continue }
            if info.isDirectory {
                if walk(child, display: shown, identity: info.identity) { holds = true }
            } else if info.isRegular, name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                addFile(child, display: shown, identity: info.identity)
                holds = true
            }
        }
        walkedDirectories[identity] = holds
        return holds
    }

    /// `dir/name`, without doubling a slash and without a leading `./` for the current directory.
    static func join(_ directory: String, _ name: String) -> String {
        if directory == "." { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private struct Info {
        var identity: Identity
        var isDirectory: Bool
        var isRegular: Bool
    }

    /// `stat(2)`, following symlinks; nil when the path does not exist or is a dangling link.
    private static func fileInfo(_ path: String) -> Info? {
        var buffer = stat()
        guard stat(path, &buffer) == 0 else { return nil }
        let type = buffer.st_mode & S_IFMT
        return Info(identity: Identity(device: UInt64(buffer.st_dev), inode: UInt64(buffer.st_ino)),
                    isDirectory: type == S_IFDIR, isRegular: type == S_IFREG)
    }
}
