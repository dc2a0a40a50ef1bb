import Foundation
import Testing
import _EligoTestSupport

/// The harness itself: a test that hangs, floods a pipe or reads stdin must
/// still come back, and a golden mismatch must show where it differs.
@Suite("test harness")
struct HarnessTests {
    private let shell = CommandRunner(executable: URL(fileURLWithPath: "/bin/sh"))

    @Test("a child that outlives its time limit is killed and reported")
    func timeout() throws {
        let run = try shell.run(["-c", "echo started; exec sleep 30"], timeout: .milliseconds(500))
        #expect(run.timedOut)
        #expect(run.wasSignalled)
        #expect(run.duration < .seconds(5))
        #expect(run.stdoutText == "started\n")
    }

    @Test("stdin is fed and closed; exit status and both streams are kept apart")
    func streams() throws {
        let run = try shell.run(["-c", "cat; echo oops >&2; exit 3"], stdin: Data("ligne 1\n申请\n".utf8))
        #expect(run.status == 3)
        #expect(!run.wasSignalled && !run.timedOut)
        #expect(run.stdoutText == "ligne 1\n申请\n")
        #expect(run.stderrText == "oops\n")
    }

    @Test("output larger than a pipe buffer does not block the child")
    func largeOutput() throws {
        let run = try shell.run(["-c", "i=0; while [ $i -lt 2000 ]; do echo 0123456789012345678901234567890123456789012345678901234567890123456789; i=$((i+1)); done >&2; echo done"])
        #expect(run.status == 0)
        #expect(run.stderr.count == 2000 * 71)
        #expect(run.stdoutText == "done\n")
    }

    @Test("the working directory and the quiet environment reach the child")
    func environment() throws {
        let folder = Eligo.fixtures
        let run = try shell.run(["-c", "pwd; echo \"$LANG $NO_COLOR $EXTRA\""], in: folder, environment: ["EXTRA": "x"])
        let lines = run.stdoutText.split(separator: "\n").map(String.init)
        #expect(URL(fileURLWithPath: lines.first ?? "").resolvingSymlinksInPath() == folder.resolvingSymlinksInPath())
        #expect(lines.last == "C 1 x")
    }

    @Test("the eligo binary is found next to the test bundle")
    func findsEligo() throws {
        let url = try BuiltProduct.executable(named: "eligo")
        #expect(url.lastPathComponent == "eligo")
        #expect(throws: BuiltProduct.NotFound.self) { try BuiltProduct.executable(named: "no-such-product") }
    }

    @Test("a line diff shows the changed lines with context")
    func diff() {
        let expected = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n"
        let actual = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n"
        #expect(LineDiff.unified(expected: expected, actual: actual) == """
            @@ -1,5 +1,5 @@
             a
            -b
            +B
             c
             d
             e
            @@ -10,3 +10,4 @@
             j
             k
             l
            +m

            """)
        // Changes at most 2 × 3 unchanged lines apart share a hunk.
        #expect(LineDiff.unified(expected: "1\n2\n3\n4\n5\n6\n7\n8\n", actual: "0\n2\n3\n4\n5\n6\n7\n9\n").components(separatedBy: "@@ ").count == 2)
        #expect(LineDiff.unified(expected: "x\n", actual: "x\n") == "")
        #expect(LineDiff.unified(expected: "x\n", actual: "x").contains("no newline"))
    }

    @Test("a golden mismatch is reported with its diff; a missing golden says how to record it")
    func golden() throws {
        let folder = try Eligo.scratch("eligo-golden")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("expected.txt")
        try Data("exit: 1\nfirst\n".utf8).write(to: file)
        #expect(GoldenFile.check("exit: 1\nfirst\n", against: file) == nil)
        guard !GoldenFile.isRecording else { return }
        let mismatch = try #require(GoldenFile.check("exit: 0\nfirst\n", against: file, displayPath: "expected.txt"))
        #expect(mismatch.contains("-exit: 1\n+exit: 0\n"))
        let missing = try #require(GoldenFile.check("x", against: folder.appendingPathComponent("none.txt")))
        #expect(missing.contains("ELIGO_RECORD=1"))
    }
}
