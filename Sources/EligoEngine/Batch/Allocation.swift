public import EligoDecimal
public import EligoExpr

/// An approved decision competing for a product's budget (§7).
public struct AllocationCandidate: Sendable {
    /// Position of the decision in the output, which is input order.
    public var sequence: Int
    public var decision: Decision
    /// The values of the budget's `order` fields, in order, enum values as their
    /// declared positions (``AllocationOrderKey/rankable(_:)``).
    public var orderValues: [Value]
    /// Where the decision's row lies in the spooled output.
    public var rowRange: Range<Int>
    /// The input the decision's record came from, to write its row again.
    public var input: String
}

/// One `order` field of a budget, as allocation compares it.
///
/// An enum field ranks by the position of its value in the catalog's `values`,
/// not by its text: a policy author who declares `values: [poverty-relief,
/// returnee, ordinary]` and orders by that field means that sequence, which
/// the alphabet would scramble.
public struct AllocationOrderKey: Sendable {
    public var slot: Int32
    /// For an enum field, each declared value's position; nil for other types.
    public var ranks: [String: Int]?

    public init(field: FieldDefinition) {
        slot = field.slot
        if case .enumeration(let values) = field.type {
            var ranks: [String: Int] = [:]
            for (index, value) in values.enumerated() where ranks[value] == nil { ranks[value] = index }
            self.ranks = ranks
        }
    }

    /// The value as it is ranked: an enum value becomes its declared position.
    public func rankable(_ value: Value) -> Value {
        guard let ranks, case .string(let text) = value, let rank = ranks[text] else { return value }
        return .number(ExactDecimal(rank))
    }
}

/// Budget allocation (§7): rank approved decisions by score (low end)
/// descending, then each `order` field ascending (unknown last; an enum in the
/// order of its declared `values`), then applicant
/// id in code-point order, then input order; fund each in turn if its amount fits
/// the pool left and a slot is left, otherwise waitlist it. Nothing is funded in part.
public enum Allocation {
    public struct Result: Sendable {
        /// Sequences of the decisions that become `waitlist`.
        public var waitlisted: Set<Int>
        public var poolUsed: ExactDecimal
        public var slotsUsed: Int
    }

    public static func allocate(_ candidates: [AllocationCandidate], budget: Budget) -> Result {
        let ranked = candidates.sorted(by: precedes)
        var poolLeft = budget.pool
        var slotsLeft = budget.slots
        var used = ExactDecimal.zero
        var slotsUsed = 0
        var waitlisted = Set<Int>()
        for candidate in ranked {
            let amount = candidate.decision.amount ?? .zero
            let fitsPool = poolLeft.map { amount <= $0 } ?? true
            let hasSlot = slotsLeft.map { $0 > 0 } ?? true
            guard fitsPool, hasSlot else {
                waitlisted.insert(candidate.sequence)
                continue
            }
            if let left = poolLeft { poolLeft = try? left.subtracting(amount) }
            if let left = slotsLeft { slotsLeft = left - 1 }
            used = (try? used.adding(amount)) ?? used
            slotsUsed += 1
        }
        return Result(waitlisted: waitlisted, poolUsed: used, slotsUsed: slotsUsed)
    }

    static func precedes(_ a: AllocationCandidate, _ b: AllocationCandidate) -> Bool {
        let scoreA = a.decision.score?.low ?? .zero
        let scoreB = b.decision.score?.low ?? .zero
        if scoreA != scoreB { return scoreA > scoreB }
        for (left, right) in zip(a.orderValues, b.orderValues) {
            if let ordered = ascending(left, right) { return ordered }
        }
        let idA = a.decision.applicantID ?? ""
        let idB = b.decision.applicantID ?? ""
        if idA != idB { return idA.unicodeScalars.lexicographicallyPrecedes(idB.unicodeScalars) }
        return a.sequence < b.sequence
    }

    /// Whether `left` sorts before `right` ascending, unknown last; nil when they tie.
    static func ascending(_ left: Value, _ right: Value) -> Bool? {
        switch (left.isKnown, right.isKnown) {
        case (false, false): return nil
        case (true, false): return true
        case (false, true): return false
        default: break
        }
        switch (left, right) {
        case (.number(let x), .number(let y)): return x == y ? nil : x < y
        case (.date(let x), .date(let y)): return x == y ? nil : x < y
        case (.string(let x), .string(let y)): return x == y ? nil : x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        case (.bool(let x), .bool(let y)): return x == y ? nil : !x
        default: return nil
        }
    }
}
