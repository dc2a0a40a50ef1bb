import Foundation

/// Expected output kept in a file beside the test data, compared line by line
/// and re-recorded on request.
///
/// Run the tests with `ELIGO_RECORD=1` to write the actual output over every
/// golden file that differs (or is missing); review the change with `git diff`
/// and run again without the variable. A run that recorded something still
/// fails, so a CI job with the variable set by mistake cannot pass.
public enum GoldenFile {
    public static let recordVariable = "ELIGO_RECORD"

    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment[recordVariable] == "1"
    }

    /// Compares `actual` with the golden file at `url`.
    ///
    /// - Parameters:
    ///   - displayPath: How to name the file in messages (a path relative to the repository).
    /// - Returns: `nil` when they match; otherwise a message with a line diff
    ///   (or, when recording, a note that the file was written).
    public static func check(_ actual: String, against url: URL, displayPath: String? = nil) -> String? {
        let name = displayPath ?? url.path
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if expected == actual { return nil }
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url, options: .atomic)
                return "recorded \(name); review it with `git diff` and run the tests again without \(recordVariable)"
            } catch {
                return "could not record \(name): \(error)"
            }
        }
        guard let expected else {
            return "no golden file \(name); run the tests with \(recordVariable)=1 to create it"
        }
        return "output differs from \(name) (- expected, + actual; \(recordVariable)=1 re-records):\n"
            + LineDiff.unified(expected: expected, actual: actual)
    }
}
