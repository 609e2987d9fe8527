import CYAML
import Foundation
import YAMLNodes

/// Measures the YAML layer (tree, strictness, core schema) against a plain libyaml event scan of the same bytes.
enum YAMLBench {
    static func run(directory: String, runs: Int) -> Int32 {
        let files = FileList.yamlFiles(in: directory).map { path in
            (path, Array((FileManager.default.contents(atPath: path) ?? Data())))
        }
        let bytes = files.reduce(0) { $0 + $1.1.count }
        var floorTimes: [Double] = []
        var layerTimes: [Double] = []
        var events = 0
        var nodes = 0
        for _ in 0..<max(1, runs) {
            floorTimes.append(Clock.measure { events = files.reduce(0) { $0 + scanEvents($1.1) } })
            layerTimes.append(Clock.measure {
                nodes = 0
                for (path, data) in files {
                    let result = YAMLReader.parse(data, file: path)
                    nodes += result.documents.count + result.errors.count
                }
            })
        }
        let floor = floorTimes.min() ?? 0
        let layer = layerTimes.min() ?? 0
        print(String(format: "files=%d bytes=%d events=%d documents=%d floor=%.3fs layer=%.3fs ratio=%.2f",
                     files.count, bytes, events, nodes, floor, layer, floor > 0 ? layer / floor : 0))
        return 0
    }

    /// The floor: libyaml's parser over the bytes, events fetched and freed, nothing else.
    static func scanEvents(_ data: [UInt8]) -> Int {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return 0 }
        defer { yaml_parser_delete(&parser) }
        var count = 0
        data.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                count += 1
                if done { break }
            }
        }
        return count
    }
}

/// Wall-clock timing for the benchmark.
enum Clock {
    static func measure(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// The manifest files of a generated tree.
enum FileList {
    static func yamlFiles(in directory: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)
        var out: [String] = []
        while let next = enumerator?.nextObject() as? String {
            if next.hasSuffix(".yaml") || next.hasSuffix(".yml") { out.append(directory + "/" + next) }
        }
        return out.sorted()
    }
}
