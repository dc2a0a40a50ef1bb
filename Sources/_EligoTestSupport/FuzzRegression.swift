import Foundation

/// One input kept in `Tests/Fixtures/fuzz-regressions/<target>/`: a find of
/// `scripts/fuzz` (minimised) or a hand-made hostile input, replayed by the unit
/// tests of the module the fuzz target exercises.
///
/// Each input has a golden file beside it, `<input>.expected`, holding what the
/// test makes of it (problems by message id and position, outcomes): a regression
/// test then fails on a changed diagnosis as well as on a crash or a hang. Record a
/// new input's golden file with `ELIGO_RECORD=1` (see ``GoldenFile``).
public struct FuzzRegression: Sendable, CustomStringConvertible {
    /// The file name, which says what the input is (`deep-flow-10000.yaml`).
    public let name: String
    public let url: URL

    public var description: String { name }

    /// The input's bytes, exactly as the fuzzer saw them.
    public var bytes: [UInt8] {
        get throws { Array(try Data(contentsOf: url)) }
    }

    /// The repository root: three levels above this file (`Sources/_EligoTestSupport/FuzzRegression.swift`).
    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every input of a fuzz target, in name order (golden files and the README left out).
    public static func inputs(_ target: String) -> [FuzzRegression] {
        let folder = repository.appendingPathComponent("Tests/Fixtures/fuzz-regressions/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasSuffix(".expected") && !$0.hasPrefix(".") && $0 != "README.md" }
            .sorted()
            .map { FuzzRegression(name: $0, url: folder.appendingPathComponent($0)) }
    }

    /// Compares what a test made of the input with its golden file.
    ///
    /// - Returns: `nil` when they match; otherwise the difference (or, when recording, a note).
    public func check(_ actual: String) -> String? {
        let golden = url.deletingLastPathComponent().appendingPathComponent(name + ".expected")
        let relative = golden.standardizedFileURL.path.replacingOccurrences(of: Self.repository.standardizedFileURL.path + "/", with: "")
        return GoldenFile.check(actual, against: golden, displayPath: relative)
    }
}
