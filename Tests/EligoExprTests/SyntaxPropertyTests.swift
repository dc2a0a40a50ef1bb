import _EligoPropertySupport
import EligoDecimal
@testable import EligoExpr
import Foundation
import PropertyBased
import Testing

// Printing an expression and parsing the text back gives the same tree (the promise of Printer.swift),
// checked on generated syntax trees that use every construct of §4's grammar; and number literals are
// read exactly or not at all.
//
// Iteration counts are modest so `swift test` stays fast, and the seeds are fixed; for a long run:
// `ELIGO_PROPERTY_SCALE=50 swift test --filter SyntaxProperty` (see PropertySettings).

/// A generated tree, shown in failures as its printed text and its shape.
struct SyntaxSample: Sendable, CustomTestStringConvertible {
    var expr: Expr
    var testDescription: String { "\(expr.printed)   [\(expr.shape)]" }
}

extension Expr {
    /// The tree without ids and ranges: what parsing must give back. Numbers by value (the printer
    /// writes `1.50` as `1.5`), strings in NFC with escapes visible (the lexer normalises literals, §10).
    var shape: String {
        switch kind {
        case .number(let value, let isPercent): "\(value)\(isPercent ? "%" : "")"
        case .string(let value): String(reflecting: value.precomposedStringWithCanonicalMapping)
        case .bool(let value): "\(value)"
        case .asOf: "as_of"
        case .name(let name): "name(\(name))"
        case .list(let items): "[" + items.map(\.shape).joined(separator: ", ") + "]"
        case .call(let name, _, let arguments): "call(\(name); " + arguments.map(\.shape).joined(separator: ", ") + ")"
        case .negate(let operand): "neg(\(operand.shape))"
        case .not(let operand): "not(\(operand.shape))"
        case .binary(let op, let lhs, let rhs, _): "(\(lhs.shape) \(op.rawValue) \(rhs.shape))"
        case .membership(let negated, let lhs, let rhs, _): "(\(lhs.shape) \(negated ? "not in" : "in") \(rhs.shape))"
        case .invalid: "<invalid>"
        }
    }
}

enum SyntaxGen {
    static func node(_ kind: Expr.Kind) -> Expr { Expr(id: 0, kind: kind, range: 0..<0) }

    static let keywords: Set<String> = Set(Token.Keyword.allCases.map(\.rawValue))

    /// An identifier the lexer reads as one (never a reserved word): `a`, `credit_score`, `_x9`, `Zq`.
    static func identifier(_ rng: inout some RandomNumberGenerator) -> String {
        let first = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
        let rest = first + Array("0123456789")
        let common = ["credit_score", "age", "x", "annual_income", "in_x", "notes", "orx", "and_", "true1", "as_of_date", "min", "if"]
        var name: String
        if Int.random(in: 0..<3, using: &rng) == 0 {
            name = common.randomElement(using: &rng)!
        } else {
            name = String(first.randomElement(using: &rng)!)
            for _ in 0..<Int.random(in: 0...6, using: &rng) { name.append(rest.randomElement(using: &rng)!) }
        }
        return keywords.contains(name) ? name + "_" : name
    }

    /// Text with everything the lexer must read back: both quotes, backslashes, the escapes `\n`
    /// and `\t`, other control characters, CJK, an emoji, and a combining accent (which NFC composes).
    static func text(_ rng: inout some RandomNumberGenerator) -> String {
        let pieces = [
            "a", "Z", " ", "\"", "'", "\\", "\n", "\t", "\r", "\u{1}", "左权", "光伏", "😀", "e\u{301}", "é", "%", "and", "()", ",", "0",
        ]
        var text = ""
        for _ in 0..<Int.random(in: 0...6, using: &rng) { text += pieces.randomElement(using: &rng)! }
        return text
    }

    /// A literal as the lexer can produce it: not negative (`-` is an operator), at most 34 digits;
    /// a percentage is a literal of at most 40 places divided by 100, so at most 42 places.
    static func number(_ rng: inout some RandomNumberGenerator) -> Expr.Kind {
        let isPercent = Int.random(in: 0..<4, using: &rng) == 0
        let digits: String = switch Int.random(in: 0..<6, using: &rng) {
        case 0: "0"
        case 1: String(Int.random(in: 1...1000, using: &rng))
        case 2: String(repeating: "9", count: 34)
        default: String(Int.random(in: 1...9, using: &rng))
            + String((1..<Int.random(in: 1...34, using: &rng)).map { _ in "0123456789".randomElement(using: &rng)! })
        }
        let places = Int.random(in: 0...(Int.random(in: 0..<4, using: &rng) == 0 ? 40 : 4), using: &rng)
        let value = ExactDecimal("\(digits)e-\(places + (isPercent ? 2 : 0))") ?? .zero
        return .number(value, isPercent: isPercent)
    }

    /// A tree of about `size` nodes (at most 24, so the text stays far below §9's limits).
    static func tree(size: Int, _ rng: inout some RandomNumberGenerator) -> Expr {
        if size <= 1 {
            switch Int.random(in: 0..<8, using: &rng) {
            case 0, 1: return node(number(&rng))
            case 2: return node(.string(text(&rng)))
            case 3: return node(.bool(Bool.random(using: &rng)))
            case 4: return node(.asOf)
            case 5: return node(.name((0..<Int.random(in: 1...3, using: &rng)).map { _ in identifier(&rng) }.joined(separator: ".")))
            case 6: return node(.list([]))
            default: return node(.call(identifier(&rng), nameRange: 0..<0, arguments: []))
            }
        }
        let rest = size - 1
        func split(_ count: Int) -> [Expr] {
            var left = rest
            return (0..<count).map { index in
                let share = index == count - 1 ? left : Int.random(in: 1...max(1, left - (count - 1 - index)), using: &rng)
                left -= share
                return tree(size: max(share, 1), &rng)
            }
        }
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return node(.negate(tree(size: rest, &rng)))
        case 1: return node(.not(tree(size: rest, &rng)))
        case 2: return node(.list(split(Int.random(in: 1...min(3, rest), using: &rng))))
        case 3: return node(.call(identifier(&rng), nameRange: 0..<0, arguments: split(Int.random(in: 1...min(3, rest), using: &rng))))
        case 4:
            let operands = split(2)
            return node(.membership(negated: Bool.random(using: &rng), operands[0], operands[1], operatorRange: 0..<0))
        default:
            guard rest >= 2 else { return node(.negate(tree(size: rest, &rng))) }
            let operands = split(2)
            return node(.binary(BinaryOperator.allCases.randomElement(using: &rng)!, operands[0], operands[1], operatorRange: 0..<0))
        }
    }

    /// Smaller trees: a child in place of its parent, then each child shrunk in place, then a leaf as `0`.
    static func shrink(_ expr: Expr) -> [Expr] {
        let children = expr.children
        var candidates = children
        func rebuilt(_ replaced: [Expr]) -> Expr {
            switch expr.kind {
            case .list: node(.list(replaced))
            case .call(let name, _, _): node(.call(name, nameRange: 0..<0, arguments: replaced))
            case .negate: node(.negate(replaced[0]))
            case .not: node(.not(replaced[0]))
            case .binary(let op, _, _, _): node(.binary(op, replaced[0], replaced[1], operatorRange: 0..<0))
            case .membership(let negated, _, _, _): node(.membership(negated: negated, replaced[0], replaced[1], operatorRange: 0..<0))
            default: expr
            }
        }
        for index in children.indices {
            for smaller in shrink(children[index]) {
                var replaced = children
                replaced[index] = smaller
                candidates.append(rebuilt(replaced))
            }
        }
        if children.isEmpty, expr.shape != node(.number(.zero, isPercent: false)).shape {
            candidates.append(node(.number(.zero, isPercent: false)))
        }
        return candidates
    }

    static var generator: Generator<SyntaxSample, [SyntaxSample]> {
        Generator(
            run: { rng in SyntaxSample(expr: tree(size: Int.random(in: 1...24, using: &rng), &rng)) },
            shrink: { sample in shrink(sample.expr).map(SyntaxSample.init) })
    }
}

/// A number literal as a policy author may write it: digits with `_` separators, a fraction of up to
/// 44 places, and a `%`.
struct LiteralSample: Sendable, CustomTestStringConvertible {
    var integer: String
    var fraction: String?
    var isPercent: Bool
    /// Where `_` goes: after these digit positions of the integer part.
    var separators: Set<Int>

    var text: String {
        var written = ""
        for (index, digit) in integer.enumerated() {
            written.append(digit)
            if separators.contains(index), index < integer.count - 1 { written.append("_") }
        }
        if let fraction { written += "." + fraction }
        return written + (isPercent ? "%" : "")
    }

    /// The exact value, through the decimal parser's exponent form (exact or nil, never rounded).
    var exactValue: ExactDecimal? {
        let places = (fraction?.count ?? 0) + (isPercent ? 2 : 0)
        return ExactDecimal("\(integer)\(fraction ?? "")e-\(places)")
    }

    var testDescription: String { text }

    static func random(_ rng: inout some RandomNumberGenerator) -> LiteralSample {
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in "0123456789".randomElement(using: &rng)! })
        }
        let integer = switch Int.random(in: 0..<4, using: &rng) {
        case 0: "0"
        // Around the 34-digit limit, often ending in zeros that a percentage turns into decimals.
        case 1: "9" + digits(Int.random(in: 31...33, using: &rng)) + String(repeating: "0", count: Int.random(in: 0...2, using: &rng))
        default: digits(Int.random(in: 1...36, using: &rng))
        }
        var fraction: String?
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: fraction = nil
        case 1: fraction = digits(Int.random(in: 1...4, using: &rng))
        // Around the 42-place limit: a few digits after a run of zeros, ending in a nonzero digit or in zeros.
        case 2:
            let length = Int.random(in: 38...44, using: &rng)
            let tail = digits(Int.random(in: 0...3, using: &rng)) + (Bool.random(using: &rng) ? "1" : "0")
            fraction = String(repeating: "0", count: max(0, length - tail.count)) + tail
        default: fraction = digits(Int.random(in: 1...44, using: &rng))
        }
        let separators = Set((0..<integer.count).filter { _ in Int.random(in: 0..<5, using: &rng) == 0 })
        return LiteralSample(integer: integer, fraction: fraction, isPercent: Bool.random(using: &rng), separators: separators)
    }

    static var generator: Generator<LiteralSample, Shrink.None<LiteralSample>> {
        Generator(run: { rng in random(&rng) })
    }
}

@Suite("Syntax properties")
struct SyntaxPropertyTests {
    @Test("a number literal is read exactly, percentages included, or rejected as too long; never rounded")
    func numberLiteralsAreExact() async {
        await checkProperty(count: 500, input: LiteralSample.generator) { sample in
            let parsed = parse(sample.text)
            if let exact = sample.exactValue {
                #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map(\.message.en))")
                guard case .number(let value, let isPercent) = parsed.expr.kind else {
                    Issue.record("not a number: \(parsed.expr.shape)")
                    return
                }
                #expect(value == exact && isPercent == sample.isPercent, "read as \(value)")
            } else {
                #expect(parsed.diagnostics.map(\.message.id) == ["expr.number-too-long"], "read as \(parsed.expr.shape)")
            }
        }
    }

    @Test("parsing the printed text of any tree gives the same tree, and printing it again the same text")
    func printThenParse() async {
        await checkProperty(count: 500, input: SyntaxGen.generator) { sample in
            let text = sample.expr.printed
            let parsed = parse(text)
            #expect(parsed.diagnostics.isEmpty, "\(text): \(parsed.diagnostics.map(\.message.en))")
            #expect(parsed.expr.shape == sample.expr.shape, "\(text)")
            #expect(parsed.expr.printed == text)
        }
    }
}
