@testable import EligoEngine
import Foundation
import Testing

/// A large output written with drop-behind: the same bytes as a plain write, with the
/// cache advice given a window behind the end.
@Suite("drop-behind output")
struct DropBehindTests {
    @Test("40 MiB in pieces of 1.5 MiB: every byte in place, windows handed to disk and dropped behind")
    func largeOutput() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eligo-drop-behind-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        try #require(descriptor >= 0)
        let dropBehind = DropBehind()
        let piece = 3 << 19
        let total = 40 << 20
        // Piece n is the byte n + 1 throughout, so a piece out of place or lost shows.
        func bytes(ofPiece index: Int, count: Int) -> [UInt8] { [UInt8](repeating: UInt8(index + 1), count: count) }
        var offset = 0
        while offset < total {
            let count = min(piece, total - offset)
            let written = bytes(ofPiece: offset / piece, count: count).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            try #require(written == count)
            dropBehind.wrote(count, to: descriptor)
            offset += count
        }
        #expect(fsync(descriptor) == 0)
        close(descriptor)

        // Advice after 16.5 MiB (11 pieces), handing it to the disk; after 33 MiB, handing the
        // second window to the disk and dropping the first.
        #expect(dropBehind.written == total)
        #expect(dropBehind.started == 22 * piece)
        #expect(dropBehind.dropped == 11 * piece)

        let back = try Data(contentsOf: url)
        #expect(back.count == total)
        var expected = Data()
        for start in stride(from: 0, to: total, by: piece) { expected.append(contentsOf: bytes(ofPiece: start / piece, count: min(piece, total - start))) }
        #expect(back == expected)
    }

    @Test("less than a window: no advice")
    func smallOutput() {
        let dropBehind = DropBehind()
        dropBehind.wrote(DropBehind.window - 1, to: -1)
        #expect(dropBehind.started == 0 && dropBehind.dropped == 0)
    }
}
