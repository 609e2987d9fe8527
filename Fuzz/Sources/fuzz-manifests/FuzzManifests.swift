import Manifests

/// libFuzzer entry: one input is the text of one manifest file, read and resolved as `govctl validate` would.
///
/// Any crash, trap, leak or stall here is a finding: every manifest must end in a state or in diagnostics.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifests(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = ManifestLoader().load(bytes: bytes, file: "fuzz.yaml")
    // A state and an error never come together; anything else is a broken promise of the loader.
    precondition((result.state == nil) == result.hasErrors, "state and errors disagree")
    for diagnostic in result.diagnostics {
        precondition(!diagnostic.message.isEmpty, "a diagnostic without a message")
    }
    return 0
}
