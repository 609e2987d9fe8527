import Foundation

/// Runs the repository's python checks: JSON documents against its schemas (python's jsonschema), and scripts.
enum JSONSchemaCheck {
    /// The validation errors of `json` against `schema` (a path from the repository root), one per line; empty when valid.
    static func errors(_ json: String, schema: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("govctl-doc-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, text) = try python(["-c", """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
            for e in jsonschema.Draft202012Validator(schema).iter_errors(doc): print(list(e.absolute_path), e.message)
            """, schema, file.path])
        return status == 0 ? text : "python3 failed: \(text)"
    }

    /// Runs `python3 args…` in the repository root; its exit status and everything it printed.
    static func python(_ args: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + args
        process.currentDirectoryURL = GovctlRunner.repoRoot
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
