import EligoDecimal

extension Program {
    /// Runs a builtin. Arguments are evaluated lazily where the function says so
    /// (`if` evaluates only the chosen branch, `coalesce` stops at the first known value).
    func call(_ instruction: Instruction, _ context: inout EvaluationContext) -> Value {
        let start = Int(instruction.a)
        let count = Int(instruction.b)
        let node = instruction.id
        func argument(_ index: Int) -> Int32 { operands[start + index] }
        guard let builtin = instruction.builtin else { return .unknown }

        switch builtin {
        case .if:
            switch evalArgument(argument(0), &context) {
            case .bool(true): return evalArgument(argument(1), &context)
            case .bool(false): return evalArgument(argument(2), &context)
            case let other: return other.isError ? other : .unknown
            }
        case .coalesce:
            for index in 0..<count {
                let value = evalArgument(argument(index), &context)
                if value.isKnown || value.isError { return value }
            }
            return .unknown
        case .present, .missing:
            let value = evalArgument(argument(0), &context)
            if value.isError { return value }
            return .bool(value.isKnown == (builtin == .present))
        default:
            break
        }

        // Everything else is strict: evaluate all arguments, then let error or unknown decide.
        var values: [Value] = []
        values.reserveCapacity(count)
        for index in 0..<count { values.append(evalArgument(argument(index), &context)) }
        if let error = values.first(where: \.isError) { return error }
        if values.contains(where: \.isUnknown) { return .unknown }
        return Self.apply(builtin, values, node, context.asOf)
    }

    private func evalArgument(_ index: Int32, _ context: inout EvaluationContext) -> Value {
        evaluate(Entry(root: index), &context)
    }

    static func apply(_ builtin: Builtin, _ values: [Value], _ node: ExprID, _ asOf: Day) -> Value {
        func number(_ index: Int) -> ExactDecimal? {
            if case .number(let value) = values[index] { return value }
            return nil
        }
        func day(_ index: Int) -> Day? {
            if case .date(let value) = values[index] { return value }
            return nil
        }
        func string(_ index: Int) -> String? {
            if case .string(let value) = values[index] { return value }
            return nil
        }
        func fail(_ kind: EvalError.Kind) -> Value { .error(EvalError(kind, at: node)) }

        switch builtin {
        case .min, .max:
            var best = values[0]
            for candidate in values.dropFirst() {
                let ordering = compare(builtin == .min ? .lt : .gt, candidate, best)
                if case .bool(true) = ordering { best = candidate }
            }
            return best
        case .abs:
            return number(0).map { .number($0.magnitude) } ?? .unknown
        case .clamp:
            guard let x = number(0), let low = number(1), let high = number(2) else { return .unknown }
            if high < low { return fail(.emptyClamp) }
            return .number(x < low ? low : (high < x ? high : x))
        case .round:
            guard let x = number(0) else { return .unknown }
            var digits = 0
            if values.count == 2 {
                guard let requested = number(1) else { return .unknown }
                guard let places = requested.roundingPlaces else { return fail(.fractionalDigits) }
                digits = places
            }
            do { return .number(try x.rounded(scale: digits, .halfAwayFromZero)) } catch { return fail(.overflow) }
        case .floor, .ceil:
            guard let x = number(0) else { return .unknown }
            let step = values.count == 2 ? number(1) ?? .one : .one
            if step.signum <= 0 { return fail(.nonPositiveStep) }
            do {
                return .number(builtin == .floor ? try x.floor(step: step) : try x.ceil(step: step))
            } catch {
                return fail(.overflow)
            }
        case .len:
            switch values[0] {
            case .list(let items): return .number(ExactDecimal(items.count))
            // Code points of the NFC form (§10), whatever form the record's text came in.
            case .string(let text): return .number(ExactDecimal(Lexer.normalized(text).unicodeScalars.count))
            default: return .unknown
            }
        case .contains:
            return membership(values[1], values[0])
        case .startsWith, .endsWith:
            guard let text = string(0), let affix = string(1) else { return .unknown }
            return .bool(builtin == .startsWith ? TextSearch.hasPrefix(text, affix) : TextSearch.hasSuffix(text, affix))
        case .lower, .upper:
            guard let text = string(0) else { return .unknown }
            return .string(builtin == .lower ? text.lowercased() : text.uppercased())
        case .date:
            guard let text = string(0), let day = Day(iso: text) else { return .unknown }
            return .date(day)
        case .yearsBetween, .monthsBetween, .daysBetween:
            guard let from = day(0), let to = day(1) else { return .unknown }
            let result = switch builtin {
            case .yearsBetween: from.years(to: to)
            case .monthsBetween: from.months(to: to)
            default: from.days(to: to)
            }
            return .number(ExactDecimal(result))
        case .age:
            guard let born = day(0) else { return .unknown }
            return .number(ExactDecimal(born.years(to: asOf)))
        case .present, .missing, .coalesce, .if:
            // Handled lazily by the caller.
            return .unknown
        }
    }
}
