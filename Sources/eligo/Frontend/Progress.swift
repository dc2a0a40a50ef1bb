import EligoDiagnostics
import Foundation

/// A one-line progress report on stderr (records, records/s), only on a terminal.
final class Progress: @unchecked Sendable {
    private let enabled: Bool
    private let language: Language
    /// The size of the inputs, when all are files; nil for standard input.
    private let totalBytes: Int?
    private let start = ContinuousClock.now
    private var lastDraw = ContinuousClock.now
    private var drawn = false

    init(enabled: Bool, language: Language, totalBytes: Int?) {
        self.enabled = enabled
        self.language = language
        self.totalBytes = totalBytes
    }

    func update(records: Int, bytes: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        guard now - lastDraw > .milliseconds(200) || !drawn else { return }
        lastDraw = now
        drawn = true
        let elapsed = now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Int(Double(records) / seconds) : 0
        var text = language == .zh ? "已处理 \(records) 条记录，\(rate) 条/秒" : "\(records) records, \(rate) records/s"
        if let totalBytes, totalBytes > 0, bytes > 0, seconds > 0 {
            let percent = min(100, bytes * 100 / totalBytes)
            let left = Int(seconds * Double(max(0, totalBytes - bytes)) / Double(bytes))
            let eta = String(format: "%d:%02d", left / 60, left % 60)
            text += language == .zh ? ",\(percent)%，预计剩余 \(eta)" : ", \(percent)%, ETA \(eta)"
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
    }

    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
