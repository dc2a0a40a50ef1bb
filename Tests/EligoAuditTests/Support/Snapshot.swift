import Foundation
import Testing

/// Golden files in `Snapshots/`, found next to this source file (no bundle resources).
///
/// A mismatch fails with a line diff. As for the CLI goldens, `ELIGO_RECORD=1 swift test
/// --filter EligoAuditTests` rewrites the snapshots that changed and fails once, listing
/// them; review with `git diff`. A missing snapshot is written the same way, so a new
/// golden file is always looked at.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Snapshots")

    static var recording: Bool { ProcessInfo.processInfo.environment["ELIGO_RECORD"] == "1" }

    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if expected == actual { return }
        if recording || expected == nil {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
                Issue.record("wrote Snapshots/\(name); review it and run the tests again", sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot write the snapshot \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected else { return }
        Issue.record(
            "Snapshots/\(name) differs (- snapshot, + actual; ELIGO_RECORD=1 re-records):\n\(lineDiff(from: expected, to: actual))",
            sourceLocation: sourceLocation)
    }

    /// The lines removed from `old` and inserted in `new`, in line order, numbered.
    static func lineDiff(from old: String, to new: String) -> String {
        let oldLines = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let newLines = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var changes: [(line: Int, order: Int, text: String)] = []
        for change in newLines.difference(from: oldLines) {
            switch change {
            case .remove(let offset, let element, _): changes.append((offset, 0, "-\(offset + 1): \(element)"))
            case .insert(let offset, let element, _): changes.append((offset, 1, "+\(offset + 1): \(element)"))
            }
        }
        changes.sort { ($0.line, $0.order) < ($1.line, $1.order) }
        return changes.map(\.text).joined(separator: "\n")
    }
}
