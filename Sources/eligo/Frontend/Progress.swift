import EligoDiagnostics
import Foundation

/// A one-line progress report on stderr (records, records/s), only on a terminal.
final class Progress: @unchecked Sendable {
    private let enabled: Bool
    private let language: Language
    private let start = ContinuousClock.now
    private var lastDraw = ContinuousClock.now
    private var drawn = false

    init(enabled: Bool, language: Language) {
        self.enabled = enabled
        self.language = language
    }

    func update(records: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        guard now - lastDraw > .milliseconds(200) || !drawn else { return }
        lastDraw = now
        drawn = true
        let elapsed = now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Int(Double(records) / seconds) : 0
        let text = language == .zh ? "已处理 \(records) 条记录,\(rate) 条/秒" : "\(records) records, \(rate) records/s"
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
    }

    func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
