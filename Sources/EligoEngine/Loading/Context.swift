/// What a part of a policy file is called in messages ("rule 'resident'", "规则“resident”").
struct Context: Sendable {
    let en: String
    let zh: String

    static let product = Context(en: "the product", zh: "产品")
    static let catalog = Context(en: "the field catalog", zh: "字段目录")
    static let effective = Context(en: "'effective'", zh: "effective")
    static let score = Context(en: "'score'", zh: "score")
    static let budget = Context(en: "'budget'", zh: "budget")

    static func field(_ name: String) -> Context { Context(en: "field '\(name)'", zh: "字段“\(name)”") }
    static func rule(_ index: Int) -> Context { Context(en: "eligibility rule \(index + 1)", zh: "第 \(index + 1) 条资格规则") }
    static func factor(_ index: Int) -> Context { Context(en: "score factor \(index + 1)", zh: "第 \(index + 1) 个评分因子") }
    static func bin(_ index: Int) -> Context { Context(en: "bin \(index + 1)", zh: "第 \(index + 1) 档") }
    static func test(_ index: Int) -> Context { Context(en: "test \(index + 1)", zh: "第 \(index + 1) 个测试") }
    static let expect = Context(en: "'expect'", zh: "expect")
}
