// libFuzzer target for the parse path (FeedParser: format sniffing, encoding
// detection, the SAX2 handler, dates, the sanitizer, JSON Feed). Build and run
// (README.md, "Fuzzing"):
//   swift build -Xswiftc -sanitize=fuzzer,address --product nashra-fuzz --scratch-path .build-fuzz
//   .build-fuzz/debug/nashra-fuzz -max_total_time=600 fuzz-corpus Fixtures/parse/*/
// libFuzzer calls the entry point below for every input.
// The raw pointer is libFuzzer's calling convention; it is copied into an
// array at once and goes no further.
import Foundation
import NashraModel
import NashraParse

/// One fuzz input: any bytes must give a feed or a clean error, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParse(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    var options = FeedParseOptions()
    options.maxInputBytes = 1 << 20
    if let feed = try? FeedParser.parse(bytes, options: options) {
        _ = feed.json.serialized()
    }
    return 0
}

// SwiftPM gives every executable its own `main` (this file's top level), so
// libFuzzer is started through its documented driver entry point. It is looked
// up at run time: a plain `swift build` (no -sanitize=fuzzer) links without it.
typealias FuzzerDriver = @convention(c) (
    UnsafeMutablePointer<CInt>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "LLVMFuzzerRunDriver") else {
    FileHandle.standardError.write(Data("nashra-fuzz: build with -Xswiftc -sanitize=fuzzer,address (see README.md)\n".utf8))
    exit(2)
}
let runDriver = unsafeBitCast(symbol, to: FuzzerDriver.self)
var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runDriver(&argc, &argv) { fuzzParse($0, $1) })
