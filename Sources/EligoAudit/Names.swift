public import EligoDiagnostics

/// Names for award values, which the policy format gives no labels.
///
/// The common names are translated; any other is shown in words (English) or as
/// written (Chinese). A `label` on award values in the policy format would replace this.
public enum AwardNames {
    public static func label(_ name: String, _ language: Language) -> String {
        switch (name, language) {
        case ("amount", .en): "Amount"
        case ("amount", .zh): "金额"
        case ("rate", .en), ("annual_rate", .en), ("interest_rate", .en): "Interest rate"
        case ("rate", .zh), ("annual_rate", .zh), ("interest_rate", .zh): "年利率"
        case ("term_months", .en), ("term_years", .en), ("term", .en): "Term"
        case ("term_months", .zh), ("term_years", .zh), ("term", .zh): "期限"
        case ("grace_months", .en): "Grace period"
        case ("grace_months", .zh): "宽限期"
        case ("subsidy", .en): "Subsidy"
        case ("subsidy", .zh): "补贴"
        case ("subsidy_rate", .en), ("interest_subsidy_rate", .en): "Interest subsidy"
        case ("subsidy_rate", .zh), ("interest_subsidy_rate", .zh): "贴息比例"
        case (_, .zh): name
        case (_, .en): humanized(name)
        }
    }

    /// The unit a name implies when its expression does not carry one (`term_months`).
    public static func unit(_ name: String) -> String? {
        if name.hasSuffix("_months") { return "months" }
        if name.hasSuffix("_years") { return "years" }
        if name.hasSuffix("_days") { return "days" }
        return nil
    }

    static func humanized(_ name: String) -> String {
        var words = name.split(whereSeparator: { $0 == "_" || $0 == "-" }).joined(separator: " ")
        if let first = words.first { words = first.uppercased() + words.dropFirst() }
        return words
    }
}

/// Names for the documents a product lists, which are ids in the policy format.
///
/// The documents of the county programmes (research note §1) are translated; any
/// other id is shown in words. Document labels in the policy format would replace this.
public enum DocumentNames {
    public static func label(_ id: String, _ language: Language) -> String {
        guard let names = known[id] else { return language == .zh ? id : AwardNames.humanized(id) }
        return language == .zh ? names.zh : names.en
    }

    private static let known: [String: (en: String, zh: String)] = [
        "id_card": ("ID card", "身份证"),
        "household_register": ("Household register (hukou booklet)", "户口簿"),
        "property_certificate": ("Property or homestead certificate", "房产证或宅基地证明"),
        "pv_filing_notice": ("PV project filing notice", "光伏项目备案通知"),
        "grid_access_letter": ("Grid-access opinion letter", "电网接入意见函"),
        "equipment_certificates": ("Module and inverter certificates", "组件和逆变器认证证书"),
        "installation_contract": ("Purchase and installation contract", "购销及安装合同"),
        "bank_statement": ("Bank statement", "银行流水"),
        "business_licence": ("Business licence", "营业执照"),
        "credit_authorisation": ("Credit-report authorisation", "征信查询授权书"),
        "income_proof": ("Proof of income", "收入证明"),
        "land_contract": ("Land contract or transfer agreement", "土地承包或流转合同"),
        "marriage_certificate": ("Marriage certificate", "结婚证"),
        "project_filing": ("Project filing", "项目备案文件"),
        "financial_statements": ("Financial statements", "财务报表"),
    ]
}
