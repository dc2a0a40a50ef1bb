public import EligoDiagnostics

/// Names for award values, which the policy format gives no labels.
///
/// The names the county programmes use are translated; any other is shown in words
/// (English) or as written (Chinese). A `label` on award values in the policy format
/// would replace this table.
public enum AwardNames {
    public static func label(_ name: String, _ language: Language) -> String {
        guard let names = known[name] else { return language == .zh ? name : humanized(name) }
        return language == .zh ? names.zh : names.en
    }

    /// The unit a name implies when its expression does not carry one (`term_months`).
    public static func unit(_ name: String) -> String? {
        if name.hasSuffix("_months") { return "months" }
        if name.hasSuffix("_years") { return "years" }
        if name.hasSuffix("_days") || name == "days" { return "days" }
        return nil
    }

    private static let known: [String: (en: String, zh: String)] = [
        "amount": ("Amount", "金额"),
        "rate": ("Interest rate", "年利率"),
        "annual_rate": ("Interest rate", "年利率"),
        "interest_rate": ("Interest rate", "年利率"),
        "term_months": ("Term", "期限"),
        "term_years": ("Term", "期限"),
        "grace_months": ("Grace period", "宽限期"),
        "monthly_instalment": ("Monthly instalment", "月供"),
        "instalments": ("Instalments", "分期次数"),
        "interest_subsidy_rate": ("Interest subsidy rate", "贴息比例"),
        "interest_subsidy_share": ("Interest subsidy share", "贴息比例"),
        "subsidised_principal": ("Subsidised principal", "贴息本金"),
        "subsidy": ("Subsidy", "补贴"),
        "rent_free_months": ("Rent-free months", "免租月数"),
        "service_years": ("Years of service required", "服务年限要求"),
        "continuity_payout": ("Continuity payout", "持续经营补偿"),
        "covered": ("Covered", "是否承保"),
        "days": ("Days", "天数"),
        "fee": ("Fee", "费用"),
        "fast_track": ("Fast track", "快速通道"),
        "grade": ("Grade", "等级"),
    ]

    static func humanized(_ name: String) -> String {
        var words = name.split(whereSeparator: { $0 == "_" || $0 == "-" }).joined(separator: " ")
        if let first = words.first { words = first.uppercased() + words.dropFirst() }
        return words
    }
}

/// Names for the documents a product lists, which are ids in the policy format.
///
/// The documents of the county programmes are translated; any other id is shown in
/// words. Document labels in the policy format would replace this table.
public enum DocumentNames {
    public static func label(_ id: String, _ language: Language) -> String {
        guard let names = known[id] else { return language == .zh ? id : AwardNames.humanized(id) }
        return language == .zh ? names.zh : names.en
    }

    private static let known: [String: (en: String, zh: String)] = [
        "application_form": ("Application form", "申请表"),
        "aquaculture_insurance_policy": ("Aquaculture insurance policy", "水产养殖保险保单"),
        "aquaculture_permit": ("Aquaculture permit or water-use right", "水域滩涂养殖证或取水许可"),
        "bank_renewal_commitment_letter": ("Bank's loan-renewal commitment letter", "银行续贷承诺函"),
        "bank_statement": ("Bank statement", "银行流水"),
        "business_licence": ("Business licence", "营业执照"),
        "business_licence_or_id_card": ("Business licence or ID card", "营业执照或身份证"),
        "business_plan": ("Business plan", "商业计划书"),
        "collateral_valuation_report": ("Collateral valuation report", "抵押物评估报告"),
        "credit_authorisation": ("Credit-report authorisation", "征信查询授权书"),
        "credit_authorisations_firm_and_controllers": ("Credit-report authorisations of the firm and its controllers", "企业及实际控制人征信查询授权书"),
        "degree_certificate_and_chsi_verification": ("Degree certificate and CHSI verification", "学历学位证书及学信网认证"),
        "employment_certificate": ("Employment certificate", "在职证明"),
        "environmental_and_safety_approvals": ("Environmental and safety approvals", "环评及安全审批文件"),
        "environmental_compliance_statement": ("Environmental compliance statement", "环保合规声明"),
        "equipment_certificates": ("Module and inverter certificates", "组件和逆变器认证证书"),
        "feed_and_sales_contracts": ("Feed and sales contracts", "饲料及销售合同"),
        "financial_statements": ("Financial statements", "财务报表"),
        "financial_statements_2y": ("Financial statements for two years", "近两年财务报表"),
        "foreign_degree_and_cscse_verification": ("Foreign degree and CSCSE verification", "境外学位证书及留学服务中心认证"),
        "green_catalogue_mapping": ("Mapping to the green project catalogue", "绿色项目目录对应说明"),
        "greenhouse_design_and_budget": ("Greenhouse design and budget", "大棚设计及预算"),
        "grid_access_letter": ("Grid-access opinion letter", "电网接入意见函"),
        "hazardous_chemicals_licence": ("Hazardous-chemicals licence", "危险化学品经营许可证"),
        "household_register": ("Household register (hukou booklet)", "户口簿"),
        "housing_status_declaration": ("Housing status declaration", "住房情况声明"),
        "id_card": ("ID card", "身份证"),
        "id_card_or_business_licence": ("ID card or business licence", "身份证或营业执照"),
        "income_proof": ("Proof of income", "收入证明"),
        "income_proof_or_payroll_6m": ("Proof of income or six months of payroll statements", "收入证明或近6个月工资流水"),
        "installation_contract": ("Purchase and installation contract", "购销及安装合同"),
        "ip_certificates": ("Intellectual-property certificates", "知识产权证书"),
        "labour_contract": ("Labour contract", "劳动合同"),
        "land_contract": ("Land contract or transfer agreement", "土地承包或流转合同"),
        "marital_status_proof": ("Proof of marital status", "婚姻状况证明"),
        "marriage_certificate": ("Marriage certificate", "结婚证"),
        "no_duplicate_subsidy_declaration": ("Declaration of no similar subsidy elsewhere", "未重复享受同类补贴声明"),
        "offtake_or_haulage_contract": ("Offtake or haulage contract", "购销或运输合同"),
        "passport": ("Passport", "护照"),
        "pioneer_park_lease": ("Returnee Pioneer Park lease", "留学人员创业园租赁合同"),
        "planting_plan": ("Planting plan", "种植计划"),
        "pond_lease": ("Pond lease", "养殖池租赁合同"),
        "production_plan": ("Production plan", "生产经营计划"),
        "project_budget": ("Project budget", "项目预算"),
        "project_filing": ("Project filing", "项目备案文件"),
        "property_certificate": ("Property or homestead certificate", "房产证或宅基地证明"),
        "purpose_proof_over_50000": ("Proof of purpose (loans above 50,000)", "资金用途证明（5万元以上）"),
        "pv_filing_notice": ("PV project filing notice", "光伏项目备案通知"),
        "sales_records": ("Sales records", "销售记录"),
        "shareholder_register": ("Shareholder register", "股东名册"),
        "social_insurance_record": ("Social insurance record", "社保缴纳记录"),
        "stock_inventory": ("Stock inventory", "存栏清单"),
        "tax_certificates": ("Tax certificates", "完税证明"),
        "title_or_skill_certificate": ("Professional title or skill certificate", "职称或职业技能证书"),
        "vehicle_purchase_contract": ("Vehicle purchase contract", "购车合同"),
    ]
}
