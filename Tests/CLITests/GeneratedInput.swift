import Foundation

/// Inputs too large to commit, written at run time into a temporary copy of a case.
///
/// A case asks for one with a `generate.txt` whose first line is
/// `<generator> <file> <size>`: the generator appends to `<file>` (relative to the
/// case folder) until the file holds at least `<size>` bytes, or the generated
/// value `<size>` characters. The output is the same on every run, so the
/// goldens can quote sizes exactly.
enum GeneratedInput {
    struct Unknown: Error, CustomStringConvertible {
        let name: String
        let fixture: String
        var description: String { "\(fixture)/generate.txt names no known generator '\(name)' (known: \(generators.keys.sorted().joined(separator: ", ")))" }
    }

    struct BadRecipe: Error, CustomStringConvertible {
        let line: String
        var description: String { "generate.txt must read `<generator> <file> <size>`, found: \(line)" }
    }

    static let generators: [String: @Sendable (URL) throws -> Void] = [
        "append-tests": { folder in try appendTests(recipe(folder)) },
        "append-long-reason": { folder in try appendLongReason(recipe(folder)) },
        "append-long-rule": { folder in try appendLongRule(recipe(folder)) },
    ]

    private struct Recipe {
        var file: URL
        var size: Int
    }

    private static func recipe(_ folder: URL) throws -> Recipe {
        let line = try String(contentsOf: folder.appendingPathComponent("generate.txt"), encoding: .utf8)
            .split(separator: "\n").first.map(String.init) ?? ""
        let words = line.split(separator: " ")
        guard words.count >= 3, let size = Int(words[2]) else { throw BadRecipe(line: line) }
        return Recipe(file: folder.appendingPathComponent(String(words[1])), size: size)
    }

    private static func append(_ text: String, to file: URL) throws {
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// A `tests:` section of generated applicants, as an export from a loan system might produce.
    private static func appendTests(_ recipe: Recipe) throws {
        var size = try Data(contentsOf: recipe.file).count
        var chunk = "\ntests:\n"
        var number = 0
        while size + chunk.utf8.count < recipe.size {
            number += 1
            let id = String(number).leftPadded(to: 6)
            let score = 300 + number % 600
            let entry = """
                  - name: exported application G\(id)
                    as_of: 2025-06-01
                    applicant: {id: G\(id), applicant_type: household, county: zuoquan, birth_date: 1980-05-10, credit_score: \(score), current_overdue: false, project_cost: \(20_000 + number % 50 * 1_000)}
                    expect: {outcome: \(score >= 750 ? "approve" : score >= 650 ? "refer" : "decline")}

                """
            chunk += entry
            if chunk.utf8.count > 1 << 20 {
                try append(chunk, to: recipe.file)
                size += chunk.utf8.count
                chunk = ""
            }
        }
        try append(chunk, to: recipe.file)
    }

    /// One more rule whose English reason is `size` characters long.
    private static func appendLongReason(_ recipe: Recipe) throws {
        let sentence = "The applicant must provide every document listed in the annex. "
        let text = String(String(repeating: sentence, count: recipe.size / sentence.count + 1).prefix(recipe.size))
        try append("""
              - id: documents-complete
                rule: not current_overdue
                reason: {zh: 申请材料须齐全, en: "\(text)"}

            """, to: recipe.file)
    }

    /// One more rule whose expression is at least `size` characters long: a long chain of exclusions.
    private static func appendLongRule(_ recipe: Recipe) throws {
        var rule = "credit_score != 300"
        var score = 300
        while rule.count < recipe.size {
            score += 1
            rule += " and credit_score != \(score)"
        }
        try append("""
              - id: excluded-scores
                rule: \(rule)
                reason: {zh: 该信用评分不予受理, en: This credit score is not accepted}

            """, to: recipe.file)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
