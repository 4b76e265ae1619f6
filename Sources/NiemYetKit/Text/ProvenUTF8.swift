extension String {
    /// A String of bytes the caller has proven to be valid UTF-8, made without the standard library validating
    /// them again, as every other way of making a String from bytes does. Validation was ~3% of building the
    /// benchmark sites, for text already read byte by byte (`SimpleText`) or known valid by how it was made.
    ///
    /// Only for bytes with such a proof at hand: a String holding invalid UTF-8 breaks the standard library's
    /// assumptions. Debug builds, and so the tests, check the proof. `isASCII` (no byte above 0x7F) is recorded in
    /// the String as validation would have recorded it; false is always safe.
    init(provenUTF8 bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) {
        assert(String(validating: bytes, as: UTF8.self) != nil, "not valid UTF-8")
        assert(!isASCII || bytes.allSatisfy { $0 < 0x80 }, "not ASCII")
        if #available(macOS 26, *) {
            self = unsafe String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: isASCII))
        } else {
            self = String(decoding: bytes, as: UTF8.self)
        }
    }
}
