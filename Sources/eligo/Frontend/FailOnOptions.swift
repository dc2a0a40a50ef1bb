import ArgumentParser
import EligoDiagnostics
import EligoEngine
import Foundation

/// `--fail-on`: the exit status 1 that cli.md names for "`--fail-on decline` style checks", so
/// that a script or a CI job can stop on outcomes it does not accept. Every decision is still
/// written; only the status changes.
struct FailOnOptions: ParsableArguments {
    @Option(
        name: .long,
        help: .text(
            "Exit with status 1 when any decision has one of these outcomes (comma-separated or repeated): approve, refer, incomplete, decline, waitlist, invalid, error.",
            zh: "任一决定的结果属于这些结果之一时以状态 1 退出（用逗号分隔或重复给出）：approve、refer、incomplete、decline、waitlist、invalid、error。",
            valueName: "outcome"))
    var failOn: [OutcomeList] = []

    /// The outcomes asked for, in `Outcome.allCases` order.
    var outcomes: [Outcome] {
        let asked = Set(failOn.flatMap(\.outcomes))
        return Outcome.allCases.filter(asked.contains)
    }

    /// Ends the command with status 1 when `counts` holds any outcome asked for, saying which on stderr.
    func check(_ count: (Outcome) -> Int, language: Language) throws {
        let found = outcomes.filter { count($0) > 0 }
        guard !found.isEmpty else { return }
        if language == .zh {
            Terminal.writeError("eligo: --fail-on：" + found.map { "\(count($0)) 个决定为 \($0.rawValue)" }.joined(separator: "，") + "\n")
        } else {
            Terminal.writeError("eligo: --fail-on: " + found.map { "\(count($0)) decision\(count($0) == 1 ? " is" : "s are") \($0.rawValue)" }.joined(separator: ", ") + "\n")
        }
        throw ExitCode(1)
    }
}

/// One `--fail-on` value: an outcome, or several separated by commas.
struct OutcomeList: ExpressibleByArgument {
    var outcomes: [Outcome]

    init?(argument: String) {
        var outcomes: [Outcome] = []
        for name in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let outcome = Outcome(rawValue: name.trimmingCharacters(in: .whitespaces)) else { return nil }
            outcomes.append(outcome)
        }
        self.outcomes = outcomes
    }

    static var allValueStrings: [String] { Outcome.allCases.map(\.rawValue) }
}
