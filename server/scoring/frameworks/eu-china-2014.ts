/**
 * The EU-China smart city assessment framework, edition 2014.1.
 *
 * Source: EU-China Smart and Green City Cooperation, "Comparative Study of Smart Cities in Europe and
 * China" - White Paper (MIIT, DG CNECT, CATR; March 2014).
 * - Guiding questions: Annex 1 "Smart City Assessment Framework" (English verbatim, typos included).
 * - Maturity criteria: Annex 2 "Criteria for Assessment of the Maturity Level of Pilot Smart Cities",
 *   one criterion per bullet (a nested bullet is a criterion of its own). Smart City Services has the
 *   same wording in Annex 2 and in the table of section 6.8. Where section 6 words a level
 *   differently, the Annex 2 wording is kept and the variant is recorded as a note.
 * - Descriptions of the characteristics summarise the Annex 1 questions.
 * - Chinese (zh) text is a translation made for this platform, not part of the paper.
 *
 * This file is versioned data: never edit a published edition in a way that changes a criterion's key,
 * level or meaning. Publish a new edition (a new file and version) and register it instead, so that an
 * assessment pinned to this version keeps its result.
 */
import type { CharacteristicKey } from "@/shared/domain-values";
import type { Criterion, Framework, GuidingQuestion, Localized } from "../framework-types";
import type { CriteriaLevel } from "../levels";

const ANNEX_2 = "White paper 2014, Annex 2";
const ANNEX_2_AND_6_8 = "White paper 2014, Annex 2 and section 6.8";

function question(key: string, en: string, zh: string, subQuestions: GuidingQuestion[] = []): GuidingQuestion {
  return { key, text: { en, zh }, subQuestions };
}

function criterion(
  characteristicKey: CharacteristicKey,
  level: CriteriaLevel,
  position: number,
  source: string,
  en: string,
  zh: string,
  note?: Localized,
): Criterion {
  const value: Criterion = {
    key: `${characteristicKey}.${level}.${position}`,
    characteristicKey,
    level,
    text: { en, zh },
    source,
  };
  if (note) value.note = note;
  return value;
}

export const EU_CHINA_2014: Framework = {
  key: "eu-china-smart-city",
  version: "2014.1",
  title: {
    en: "EU-China Smart City Assessment Framework",
    zh: "中欧智慧城市评估框架",
  },
  source:
    'EU-China Smart and Green City Cooperation, "Comparative Study of Smart Cities in Europe and China" - White Paper, March 2014 (MIIT, DG CNECT, CATR): Annex 1, Annex 2 and section 6.',
  judgingGuidance: {
    en: 'A criterion is met when the city has reached at least what it describes. Lower-level wording such as "limited", "no citizen engagement" or "a few (<5) services" describes the first step, not a ceiling: a city that has gone further has also passed that step. Partially met counts as not met. Mark a criterion not applicable only when it cannot apply to the city; it is then skipped.',
    zh: "当城市至少达到标准所描述的程度时，即视为“已满足”。较低等级中诸如“有限”“市民未参与”“少量（少于5项）服务”等表述描述的是起点而非上限：已超越该程度的城市也视为已跨过这一步。“部分满足”按“未满足”计。仅当某项标准确实不适用于该城市时才标记为“不适用”，此时该标准不参与计算。",
  },
  characteristics: [
    {
      key: "smart_city_strategy",
      order: 1,
      name: { en: "Smart City Strategy", zh: "智慧城市战略" },
      description: {
        en: "The city's smart city vision and objectives, how they relate to the overall city vision, the key performance indicators (KPIs) used to measure progress, and the ICT plan.",
        zh: "城市的智慧城市愿景与目标、其与城市总体愿景的关系、用于衡量进展的关键绩效指标（KPI），以及信息通信技术（ICT）规划。",
      },
      rateable: true,
      questions: [
        question("smart_city_strategy.q1", "What is the Smart City's vision and objectives?", "智慧城市的愿景和目标是什么？", [
          question(
            "smart_city_strategy.q1.1",
            "Please include, where appropriate, the city's vision and objectives for",
            "请酌情说明城市在以下方面的愿景和目标：",
            [
              question("smart_city_strategy.q1.1.1", "Environment", "环境"),
              question("smart_city_strategy.q1.1.2", "Energy", "能源"),
              question("smart_city_strategy.q1.1.3", "Transport", "交通"),
              question("smart_city_strategy.q1.1.4", "Waste management", "废弃物管理"),
              question("smart_city_strategy.q1.1.5", "Urban-rural cohesion", "城乡统筹"),
              question("smart_city_strategy.q1.1.6", "Quality of life", "生活质量"),
            ],
          ),
        ]),
        question(
          "smart_city_strategy.q2",
          "Provide details of the Key Performance Indictors (KPI's) that are used to measure the city's performance in meeting the Smart City objectives",
          "请详细说明用于衡量城市实现智慧城市目标绩效的关键绩效指标（KPI）。",
          [
            question(
              "smart_city_strategy.q2.1",
              'Are KPI\'s benchmarked against international standards such as the "Global urban competitiveness index" www.gucp.org/en/; Global City Indicators Facility (GCIF) www.cityindicators.org/; Green City Index www.siemens.com/entry/cc/en/greencityindex.htm or other standards? If so, please provide details',
              "KPI是否对标国际标准，例如“全球城市竞争力指数”（www.gucp.org/en/）、全球城市指标体系（GCIF，www.cityindicators.org/）、绿色城市指数（www.siemens.com/entry/cc/en/greencityindex.htm）或其他标准？如是，请提供详情。",
            ),
          ],
        ),
        question(
          "smart_city_strategy.q3",
          "Does the city have an ICT strategic plan in place to ensure major technology trends are included in their city planning? If so, please provide evidence.",
          "城市是否已制定信息通信技术战略规划，以确保城市规划纳入主要技术趋势？如是，请提供证据。",
        ),
      ],
      criteria: [
        criterion(
          "smart_city_strategy",
          "basic",
          1,
          ANNEX_2,
          "Smart City vision clearly articulated and related to overall city vision",
          "智慧城市愿景表述清晰，并与城市总体愿景相关联",
        ),
        criterion(
          "smart_city_strategy",
          "basic",
          2,
          ANNEX_2,
          "Limited strategic focus on ICT",
          "对信息通信技术有一定的战略关注（程度有限）",
        ),
        criterion(
          "smart_city_strategy",
          "average",
          1,
          ANNEX_2,
          "Smart city vision contains objectives for at least some of the following factors: Environment, Energy, Transport, Waste management, Urban-rural cohesion, Quality of life",
          "智慧城市愿景至少包含以下部分方面的目标：环境、能源、交通、废弃物管理、城乡统筹、生活质量",
        ),
        criterion(
          "smart_city_strategy",
          "average",
          2,
          ANNEX_2,
          "Limited smart city Key Performance Indicators (KPIs)",
          "有少量智慧城市关键绩效指标（KPI）",
        ),
        criterion("smart_city_strategy", "average", 3, ANNEX_2, "ICT plan in place", "已制定信息通信技术规划"),
        criterion(
          "smart_city_strategy",
          "more_advanced",
          1,
          ANNEX_2,
          "Clearly defined and measurable Smart city KPI's",
          "智慧城市KPI定义明确且可衡量",
        ),
        criterion(
          "smart_city_strategy",
          "more_advanced",
          2,
          ANNEX_2,
          "Smart city strategy or plan for the city",
          "制定了全市的智慧城市战略或规划",
          {
            en: 'Section 6.1 words this criterion as "ICT vision for the city".',
            zh: "第6.1节将此标准表述为“城市的信息通信技术愿景”。",
          },
        ),
        criterion(
          "smart_city_strategy",
          "state_of_the_art",
          1,
          ANNEX_2,
          "Smart city KPI's benchmarked against international standards, which are made available to all stakeholders",
          "智慧城市KPI对标国际标准，并向所有利益相关方公开",
        ),
        criterion(
          "smart_city_strategy",
          "state_of_the_art",
          2,
          ANNEX_2,
          "ICT plans ensure major technology trends are included in their city planning",
          "信息通信技术规划确保城市规划纳入主要技术趋势",
        ),
      ],
    },
    {
      key: "stakeholders",
      order: 2,
      name: { en: "Stakeholders", zh: "利益相关方" },
      description: {
        en: "Who takes part in decisions on the smart city development, how citizens are engaged in designing services, and how the city promotes its developments and trains citizens to use new services.",
        zh: "参与智慧城市建设决策的各方、市民如何参与服务设计，以及城市如何宣传智慧城市建设并培训市民使用新服务。",
      },
      rateable: true,
      questions: [
        question(
          "stakeholders.q1",
          "Who are the key stakeholders involved in the decision-making of the Smart City development? For example, stakeholders may include government (Federal, Municipal, Local, etc.), regulators, land & property developers, ICT service providers, systems integrators, utility providers, transport operators, citizens, etc.",
          "哪些主要利益相关方参与智慧城市建设的决策？例如，利益相关方可能包括政府（联邦、市级、地方等）、监管机构、土地与房地产开发商、信息通信技术服务提供商、系统集成商、公用事业提供商、交通运营商、市民等。",
        ),
        question(
          "stakeholders.q2",
          "Describe how citizens are engaged in the smart city development?",
          "请描述市民如何参与智慧城市建设。",
          [
            question(
              "stakeholders.q2.1",
              "For example, what role do citizens play in designing, developing and improving smart city services?",
              "例如，市民在智慧城市服务的设计、开发和改进中发挥什么作用？",
            ),
            question(
              "stakeholders.q2.2",
              "Does the City use crowd sourcing or other technologies such as Gamification as a mechanism to engage with citizens? If so please provide an example",
              "城市是否采用众包或游戏化等其他技术作为与市民互动的机制？如是，请举例说明。",
            ),
          ],
        ),
        question(
          "stakeholders.q3",
          "How does the city promote and publicise Smart City developments to stakeholders?",
          "城市如何向利益相关方推广和宣传智慧城市建设？",
          [
            question(
              "stakeholders.q3.1",
              "What kind of training is provided to help citizens adopt new services?",
              "提供了哪些培训来帮助市民使用新服务？",
            ),
          ],
        ),
      ],
      criteria: [
        criterion(
          "stakeholders",
          "basic",
          1,
          ANNEX_2,
          "Stakeholder roles and relationships clearly defined but no citizen engagement in design of service",
          "利益相关方的角色与关系界定清晰，但市民未参与服务设计",
        ),
        criterion(
          "stakeholders",
          "average",
          1,
          ANNEX_2,
          "Stakeholder roles and relationships clearly defined with limited citizen engagement in design of service",
          "利益相关方的角色与关系界定清晰，市民有限参与服务设计",
        ),
        criterion(
          "stakeholders",
          "more_advanced",
          1,
          ANNEX_2,
          "Stakeholder roles and relationships clearly defined",
          "利益相关方的角色与关系界定清晰",
        ),
        criterion(
          "stakeholders",
          "more_advanced",
          2,
          ANNEX_2,
          "Citizen engagement in design of service e.g. feedback loops established",
          "市民参与服务设计，例如已建立反馈机制",
        ),
        criterion(
          "stakeholders",
          "state_of_the_art",
          1,
          ANNEX_2,
          "Uses multiple forms of interactive technologies to engage with citizens, e.g. Micro-blog, mobile social applications, Crowd-sourcing, Gamification, etc. as mechanisms to engage with citizens",
          "采用多种互动技术作为与市民互动的机制，例如微博、移动社交应用、众包、游戏化等",
          {
            en: "Section 6.2 gives only Crowd-sourcing and Gamification as examples (no Micro-blog or mobile social applications).",
            zh: "第6.2节仅以众包和游戏化为例（未列出微博和移动社交应用）。",
          },
        ),
        criterion(
          "stakeholders",
          "state_of_the_art",
          2,
          ANNEX_2,
          "Actively promotes and publicises smart City developments to stakeholders",
          "积极向利益相关方推广和宣传智慧城市建设",
        ),
        criterion(
          "stakeholders",
          "state_of_the_art",
          3,
          ANNEX_2,
          "Provides training to help citizens adopt new services",
          "提供培训，帮助市民使用新服务",
        ),
      ],
    },
    {
      key: "governance",
      order: 3,
      name: { en: "Governance", zh: "治理" },
      description: {
        en: "The organisational and management structure of the smart city development: leadership, roles and responsibilities, cross-departmental collaboration, stakeholder participation in decision-making, transparency and accountability, and the use of ICT to improve governance.",
        zh: "智慧城市建设的组织与管理结构：领导与牵头人、角色与职责、跨部门协作、利益相关方参与决策、透明度与问责，以及利用信息通信技术改进治理。",
      },
      rateable: true,
      questions: [
        question(
          "governance.q1",
          "Describe the organisational/management and governance structure of the Smart City development, for example,",
          "请描述智慧城市建设的组织/管理与治理结构，例如：",
          [
            question(
              "governance.q1.1",
              "What are the roles of the leader and champion of the project?",
              "项目领导者和倡导者的角色是什么？",
            ),
            question(
              "governance.q1.2",
              "What are the roles, responsibilities and inter-relationships of the key stakeholders?",
              "主要利益相关方的角色、职责及相互关系是什么？",
            ),
            question(
              "governance.q1.3",
              "What level of cross-departmental governance structure is in place i.e. to ensure collaboration across the city planning development process?",
              "已建立何种程度的跨部门治理结构，以确保城市规划发展过程中的协作？",
            ),
            question(
              "governance.q1.4",
              "What is the process to allow stakeholders to participate in decision-making?",
              "利益相关方参与决策的流程是什么？",
            ),
            question(
              "governance.q1.5",
              "How does the governance process ensure there is transparency and accountability of the various stakeholders?",
              "治理流程如何确保各利益相关方的透明度和问责？",
            ),
          ],
        ),
        question(
          "governance.q2",
          "Does the city use ICT to improve their governance i.e. enable new and better decision making processes and/or incentive systems? If so, please provide examples.",
          "城市是否利用信息通信技术改进治理，即实现新的、更好的决策流程和/或激励机制？如是，请举例说明。",
        ),
      ],
      criteria: [
        criterion("governance", "basic", 1, ANNEX_2, "Departmental governance structures", "部门级治理结构"),
        criterion(
          "governance",
          "average",
          1,
          ANNEX_2,
          "Cross-departmental governance structure is in place to ensure collaboration across the city planning development process",
          "已建立跨部门治理结构，确保城市规划发展过程中的协作",
        ),
        criterion(
          "governance",
          "more_advanced",
          1,
          ANNEX_2,
          "City-wide governance structures with shared performance targets across departments",
          "全市统一的治理结构，各部门共享绩效目标",
        ),
        criterion(
          "governance",
          "state_of_the_art",
          1,
          ANNEX_2,
          "Processes in place to allow stakeholders to participate in decision-making",
          "已建立让利益相关方参与决策的流程",
          {
            en: 'Annex 2 prints both State-of-the-Art processes as sub-bullets of one bullet "Processes in place to"; each is judged on its own. Section 6.3 also lists "City-wide governance structures with shared performance targets across departments" at State-of-the-Art; under the staircase that criterion is already required at More Advanced.',
            zh: "附件2将两项“最先进”等级的流程列为同一要点“已建立以下流程”下的子要点；两者分别判定。第6.3节在“最先进”等级还列出了“全市统一的治理结构，各部门共享绩效目标”；按阶梯规则，该标准在“较先进”等级已是必要条件。",
          },
        ),
        criterion(
          "governance",
          "state_of_the_art",
          2,
          ANNEX_2,
          "Processes in place to ensure there is transparency and accountability of the various stakeholders",
          "已建立确保各利益相关方透明与问责的流程",
        ),
      ],
    },
    {
      key: "funding",
      order: 4,
      name: { en: "Funding", zh: "资金" },
      description: {
        en: "The sources and amount of funding for the smart city development, how funds were raised and how long it took, funding issues, and how expenditure is monitored.",
        zh: "智慧城市建设的资金来源与规模、筹资方式与所需时间、资金问题，以及支出监控方式。",
      },
      rateable: true,
      questions: [
        question(
          "funding.q1",
          "What is the source of funding to finance the smart city development? For example, Municipal government, Land sales, EU grant, Social Impact bonds, private investors etc.?",
          "智慧城市建设的资金来源是什么？例如市政府、土地出让、欧盟资助、社会影响力债券、私人投资者等。",
          [
            question(
              "funding.q1.1",
              "How much of the funding was from private and public sources?",
              "资金中有多少来自私人来源，多少来自公共来源？",
            ),
            question(
              "funding.q1.2",
              "What business structures have been established e.g. PPP, JVs?",
              "建立了哪些商业结构，例如公私合作（PPP）、合资企业？",
            ),
          ],
        ),
        question("funding.q2", "How much funding was required to finance the smart city development?", "智慧城市建设需要多少资金？"),
        question(
          "funding.q3",
          "What process was used to raise funding and how long did it take to secure funding?",
          "采用了什么流程筹集资金？落实资金用了多长时间？",
        ),
        question(
          "funding.q4",
          "Describe any funding issues that may have arisen e.g. budget over-runs, insufficient funding to complete the project goals.",
          "请描述可能出现的资金问题，例如预算超支、资金不足以完成项目目标等。",
        ),
      ],
      criteria: [
        criterion(
          "funding",
          "basic",
          1,
          ANNEX_2,
          "Funding for pilot project but no plan to expand funding beyond the pilot",
          "有试点项目资金，但尚无将资金扩展到试点之外的计划",
        ),
        criterion("funding", "basic", 2, ANNEX_2, "Basic monitoring of financial expenditure", "对财务支出进行基本监控"),
        criterion(
          "funding",
          "average",
          1,
          ANNEX_2,
          "Plans in place for raising funds to expand some pilot projects to full scale rollout",
          "已制定筹资计划，将部分试点项目扩展为全面推广",
        ),
        criterion(
          "funding",
          "more_advanced",
          1,
          ANNEX_2,
          "Funding available to expand pilot to full scale project",
          "已有资金将试点扩展为全面项目",
        ),
        criterion(
          "funding",
          "more_advanced",
          2,
          ANNEX_2,
          "Well established system to monitor financial expenditure",
          "已建立完善的财务支出监控体系",
        ),
        criterion(
          "funding",
          "state_of_the_art",
          1,
          ANNEX_2,
          "No funding issues and funding available to meet all smart city objectives",
          "不存在资金问题，资金足以实现全部智慧城市目标",
        ),
      ],
    },
    {
      key: "value_assessment",
      order: 5,
      name: { en: "Value Assessment", zh: "价值评估" },
      description: {
        en: "How the city measures the economic, environmental, social and cultural outcomes of its smart city development, including non-financial value and the social return on investment.",
        zh: "城市如何衡量智慧城市建设的经济、环境、社会和文化成效，包括非财务价值和社会投资回报。",
      },
      rateable: true,
      questions: [
        question(
          "value_assessment.q1",
          "What are the economic, environmental, social and cultural outcomes / impact from the Smart City development? For example,",
          "智慧城市建设带来了哪些经济、环境、社会和文化成效/影响？例如：",
          [
            question(
              "value_assessment.q1.1",
              "What, if any, was the amount of business and/or jobs created",
              "创造了多少商业机会和/或就业岗位（如有）？",
            ),
            question("value_assessment.q1.2", "What, if any, was the increase in GDP?", "GDP增长了多少（如有）？"),
            question(
              "value_assessment.q1.3",
              "What, if any, were the reduction in C02 emissions, traffic congestion, etc. and the value in financial terms?",
              "二氧化碳排放、交通拥堵等减少了多少（如有），折合经济价值是多少？",
            ),
            question(
              "value_assessment.q1.4",
              "How the health service was improved e.g. reduction in appointment waiting times and the value in financial terms?",
              "医疗服务得到了怎样的改善，例如预约等待时间的缩短，折合经济价值是多少？",
            ),
          ],
        ),
        question(
          "value_assessment.q2",
          "Does the city use any tools or a framework to measure the \"Social Return on Investment'? If so, please specify",
          "城市是否使用工具或框架衡量“社会投资回报”？如是，请具体说明。",
        ),
      ],
      criteria: [
        criterion(
          "value_assessment",
          "basic",
          1,
          ANNEX_2,
          "Smart City business case assessed on an individual project basis and considers only financial considerations",
          "智慧城市商业论证按单个项目评估，且仅考虑财务因素",
        ),
        criterion(
          "value_assessment",
          "average",
          1,
          ANNEX_2,
          "Some non-financial value assessed as part of the business case",
          "商业论证中评估了部分非财务价值",
        ),
        criterion(
          "value_assessment",
          "more_advanced",
          1,
          ANNEX_2,
          "The city has established a smart city evaluation framework, which includes some non-financial factors (e.g. social, environmental)",
          "城市已建立智慧城市评估框架，其中包含部分非财务因素（如社会、环境）",
        ),
        criterion(
          "value_assessment",
          "state_of_the_art",
          1,
          ANNEX_2,
          "The assessment evaluates the overall impact (economic, environmental, social and cultural outcomes) of all smart city projects",
          "评估涵盖所有智慧城市项目的整体影响（经济、环境、社会和文化成效）",
        ),
      ],
    },
    {
      key: "business_models",
      order: 6,
      name: { en: "Business Models", zh: "商业模式" },
      description: {
        en: "The business models used to deliver and monetise smart city investments, and whether they can be sustained and scaled beyond the pilot phase.",
        zh: "用于实施智慧城市投资并实现其收益的商业模式，以及这些模式能否在试点阶段之后持续和推广。",
      },
      rateable: true,
      questions: [
        question(
          "business_models.q1",
          "Provide a brief overview of the business models that are being used to monetise Smart City investments. For example",
          "请简要概述用于实现智慧城市投资收益的商业模式。例如：",
          [
            // The seed's Annex 1 ends this list after its first example (an empty nested list follows).
            question(
              "business_models.q1.1",
              "Risk-sharing initiatives e.g. technology vendor / Telco providing the IT infrastructure in return for a share of future revenue streams",
              "风险共担举措，例如技术供应商/电信运营商提供IT基础设施，以换取未来收入的分成",
            ),
          ],
        ),
      ],
      criteria: [
        criterion(
          "business_models",
          "basic",
          1,
          ANNEX_2,
          "Business models are unlikely to be sustainable beyond the pilot phase",
          "商业模式在试点阶段之后难以持续",
        ),
        criterion(
          "business_models",
          "average",
          1,
          ANNEX_2,
          "Exploring a variety of different business models for pilot projects (some proven and others in the experimental stage)",
          "正在为试点项目探索多种商业模式（部分已验证，部分处于试验阶段）",
        ),
        criterion(
          "business_models",
          "more_advanced",
          1,
          ANNEX_2,
          "Business models are likely to be scalable beyond the pilot phase (may not yet be proven)",
          "商业模式有望在试点阶段之后推广（可能尚未验证）",
        ),
        criterion(
          "business_models",
          "state_of_the_art",
          1,
          ANNEX_2,
          "Uses a variety of business models that have been implemented for full scale projects",
          "采用多种已在全面项目中实施的商业模式",
        ),
      ],
    },
    {
      key: "ict_infrastructure",
      order: 7,
      name: { en: "ICT Infrastructure", zh: "信息通信技术基础设施" },
      description: {
        en: "Investment in ICT hardware and software (broadband, data centres, GIS, cloud platforms, sensors, video monitoring), its suppliers, how it is shared across projects, and plans to future-proof and roll it out.",
        zh: "在信息通信技术软硬件（宽带、数据中心、地理信息系统、云平台、传感器、视频监控）上的投入、供应商、跨项目共享情况，以及面向未来的保障与部署规划。",
      },
      rateable: true,
      questions: [
        question(
          "ict_infrastructure.q1",
          "Describe the current investment in ICT infrastructure i.e. hardware and software assets, including",
          "请描述当前在信息通信技术基础设施（即软硬件资产）方面的投资，包括：",
          [
            question("ict_infrastructure.q1.1", "Broadband (fixed and wireless) network penetration", "宽带（固定和无线）网络普及率"),
            question("ict_infrastructure.q1.2", "Data centre infrastructure", "数据中心基础设施"),
            question("ict_infrastructure.q1.3", "Geographic Information System technology", "地理信息系统技术"),
            question("ict_infrastructure.q1.4", "Public, Private, Hybrid cloud platforms", "公有云、私有云、混合云平台"),
            question("ict_infrastructure.q1.5", "Passive/ intelligent sensors", "无源/智能传感器"),
            question("ict_infrastructure.q1.6", "Video monitoring, etc.", "视频监控等"),
          ],
        ),
        question(
          "ict_infrastructure.q2",
          "Who are the key suppliers, vendors, System Integrators, partners involved in providing the smart city infrastructure?",
          "哪些主要供应商、厂商、系统集成商和合作伙伴参与提供智慧城市基础设施？",
        ),
        question(
          "ict_infrastructure.q3",
          "Is the ICT infrastructure managed or shared across smart city projects? If yes, describe how this is achieved.",
          "信息通信技术基础设施是否在智慧城市项目间统一管理或共享？如是，请描述实现方式。",
        ),
        question(
          "ict_infrastructure.q4",
          "What measures is the city taking to 'future proof' its investment in ICT infrastructure?",
          "城市采取了哪些措施确保其信息通信技术基础设施投资能够适应未来需求？",
        ),
        question(
          "ict_infrastructure.q5",
          "Does the city have a plan to roll-out ICT infrastructure to meet future demand? If so, who is responsible for developing the plan? Is their sufficient funding to finance the roll-out?",
          "城市是否有部署信息通信技术基础设施以满足未来需求的计划？如有，由谁负责制定该计划？是否有足够资金支持部署？",
        ),
      ],
      criteria: [
        criterion(
          "ict_infrastructure",
          "basic",
          1,
          ANNEX_2,
          "Broadband (fixed, mobile or converged) network converge for all pilot projects",
          "所有试点项目均有宽带（固定、移动或融合）网络覆盖",
          {
            en: 'Printed "converge"; read "coverage" (section 6.7 prints the same wording).',
            zh: "原文印作“converge”，应理解为“coverage”（覆盖）；第6.7节措辞相同。",
          },
        ),
        criterion(
          "ict_infrastructure",
          "basic",
          2,
          ANNEX_2,
          "ICT infrastructure provided for each project",
          "为每个项目提供信息通信技术基础设施",
        ),
        criterion(
          "ict_infrastructure",
          "average",
          1,
          ANNEX_2,
          "Targeted ICT project investments (e.g. Smart Grid)",
          "有针对性的信息通信技术项目投资（如智能电网）",
        ),
        criterion(
          "ict_infrastructure",
          "average",
          2,
          ANNEX_2,
          "Some of the ICT infrastructure is managed or shared across smart city projects",
          "部分信息通信技术基础设施在智慧城市项目间统一管理或共享",
        ),
        criterion("ict_infrastructure", "more_advanced", 1, ANNEX_2, "100% city wide broadband coverage", "全市宽带覆盖率达到100%"),
        criterion(
          "ict_infrastructure",
          "more_advanced",
          2,
          ANNEX_2,
          "ICT infrastructure managed or shared across all smart city projects",
          "信息通信技术基础设施在所有智慧城市项目间统一管理或共享",
        ),
        criterion(
          "ict_infrastructure",
          "more_advanced",
          3,
          ANNEX_2,
          "Funding for advanced broadband network (e.g. LTE, vehicular wireless network, sensors etc.) and implementation city wide data centers for future smart city projects",
          "为先进宽带网络（如LTE、车载无线网络、传感器等）提供资金，并为未来的智慧城市项目建设全市数据中心",
        ),
        criterion(
          "ict_infrastructure",
          "state_of_the_art",
          1,
          ANNEX_2,
          "100% high speed (>20 Mbs) broadband coverage",
          "100%高速（>20 Mbps）宽带覆盖",
        ),
        criterion("ict_infrastructure", "state_of_the_art", 2, ANNEX_2, "Real-time city operations are optimised", "城市实时运营得到优化"),
        criterion(
          "ict_infrastructure",
          "state_of_the_art",
          3,
          ANNEX_2,
          "ICT vision and strategy overseen by dedicated City CIO",
          "由专职的城市首席信息官（CIO）负责信息通信技术愿景与战略",
        ),
        criterion(
          "ict_infrastructure",
          "state_of_the_art",
          4,
          ANNEX_2,
          "Measures in place to ensure the city 'future proofs' its investment in ICT infrastructure",
          "已采取措施确保城市的信息通信技术基础设施投资能够适应未来需求",
          {
            en: "Annex 2 prints this as a sub-bullet of the City CIO criterion; section 6.7 lists it as a bullet of its own.",
            zh: "附件2将此项列为城市首席信息官标准下的子要点；第6.7节将其列为独立要点。",
          },
        ),
      ],
    },
    {
      key: "smart_city_services",
      order: 8,
      name: { en: "Smart City Services", zh: "智慧城市服务" },
      description: {
        en: "The smart city services the city provides in each service category: when they were launched, their technology, who they serve, their benefits, plans to expand them and how inclusive they are.",
        zh: "城市在各服务类别中提供的智慧城市服务：上线时间、技术、服务对象、效益、扩展计划及包容性。",
      },
      rateable: true,
      questions: [
        question(
          "smart_city_services.q1",
          "Describe each smart city service (as per the classification in the left hand column) that is provided by the Smart City development. The description should include the following information",
          "请按服务类别逐项描述智慧城市建设所提供的智慧城市服务。描述应包括以下信息：",
          [
            question("smart_city_services.q1.1", "The date the service was launched", "服务上线日期"),
            question(
              "smart_city_services.q1.2",
              "A high level system/technical overview of the service including details of whether the service is",
              "服务的总体系统/技术概述，包括服务是否：",
              [
                question(
                  "smart_city_services.q1.2.1",
                  "Scalable i.e. could the application be expanded within the city and /or to other cities?",
                  "可扩展，即该应用能否在城市内部和/或向其他城市推广？",
                ),
                question("smart_city_services.q1.2.2", "Delivered over the Cloud?", "通过云提供？"),
                question(
                  "smart_city_services.q1.2.3",
                  "A single service or part of a broader integrated offering?",
                  "是单项服务，还是更广泛综合服务的一部分？",
                ),
                question(
                  "smart_city_services.q1.2.4",
                  "Designed with an open Application Programming Interface (API)?",
                  "采用开放应用程序编程接口（API）设计？",
                ),
                question("smart_city_services.q1.2.5", "Making use of the Internet of Things", "利用物联网"),
              ],
            ),
            question(
              "smart_city_services.q1.3",
              "Who the services is targeting e.g. businesses, health service providers, older people (60+), unemployed people, etc.",
              "服务的目标对象，例如企业、医疗服务提供者、老年人（60岁以上）、失业人员等",
            ),
            question(
              "smart_city_services.q1.4",
              "The benefits (financial and non-financial) resulting from the services",
              "服务带来的效益（财务和非财务）",
            ),
            question(
              "smart_city_services.q1.5",
              "What plans the city has to develop/expand/enhance the service, e.g.",
              "城市开发/扩展/提升该服务的计划，例如：",
              [
                question(
                  "smart_city_services.q1.5.1",
                  "Utilising advanced data analytics/big data technology to make better use of city data and information",
                  "利用先进的数据分析/大数据技术，更好地使用城市数据和信息",
                ),
                question(
                  "smart_city_services.q1.5.2",
                  "Making better use /sharing of ICT infrastructure",
                  "更好地利用/共享信息通信技术基础设施",
                ),
              ],
            ),
            question(
              "smart_city_services.q1.6",
              "What measures/actions have been taken to ensure that minority groups and people with no or poor digital literacy can use the service?",
              "采取了哪些措施/行动，确保少数群体以及缺乏数字素养的人也能使用该服务？",
            ),
          ],
        ),
        question(
          "smart_city_services.q2",
          'In your opinion, do any of the Smart City services represent "Best Practice"? If so, please explain why.',
          "您认为是否有智慧城市服务堪称“最佳实践”？如是，请说明理由。",
        ),
      ],
      criteria: [
        criterion(
          "smart_city_services",
          "basic",
          1,
          ANNEX_2_AND_6_8,
          "A few (<5) smart city services – some are pilot projects",
          "少量（少于5项）智慧城市服务，其中部分为试点项目",
        ),
        criterion(
          "smart_city_services",
          "average",
          1,
          ANNEX_2_AND_6_8,
          "Implemented several smart city services but some may still be pilot projects",
          "已实施若干智慧城市服务，但部分可能仍为试点项目",
        ),
        criterion(
          "smart_city_services",
          "more_advanced",
          1,
          ANNEX_2_AND_6_8,
          "A wide range of smart city services meeting the needs of a cross section of stakeholders",
          "提供广泛的智慧城市服务，满足各类利益相关方的需求",
        ),
        criterion(
          "smart_city_services",
          "more_advanced",
          2,
          ANNEX_2_AND_6_8,
          "Services have been implemented city wide",
          "服务已在全市范围实施",
        ),
        criterion(
          "smart_city_services",
          "state_of_the_art",
          1,
          ANNEX_2_AND_6_8,
          'Several of the smart City services represent "Best Practice" and have received awards for their services',
          "若干智慧城市服务堪称“最佳实践”，并已获得奖项",
        ),
        criterion(
          "smart_city_services",
          "state_of_the_art",
          2,
          ANNEX_2_AND_6_8,
          "Smart city services are delivered through open data and crowd-sourcing initiatives",
          "通过开放数据和众包举措提供智慧城市服务",
        ),
      ],
    },
    {
      key: "legal_regulatory_policies",
      order: 9,
      name: { en: "Legal and Regulatory Policies", zh: "法律与监管政策" },
      description: {
        en: "Laws, regulations and policies that affected the smart city development (telecommunications, building regulations, security and privacy, intellectual property) and the policies that keep the physical infrastructure secure. The paper gives no maturity criteria for this characteristic: it is assessed by evidence and narrative and reported as unrated.",
        zh: "影响智慧城市建设的法律、法规和政策（电信、建筑法规、安全与隐私、知识产权），以及保障实体基础设施安全的政策。白皮书未给出该特征的成熟度标准：依据证据和叙述进行评估，结果报告为“未评级”。",
      },
      rateable: false,
      questions: [
        question(
          "legal_regulatory_policies.q1",
          "Describe the key legal and regulatory policies that have had a material impact (positive/negative) on the development of the Smart City development, for example",
          "请描述对智慧城市建设产生重大（积极或消极）影响的主要法律和监管政策，例如：",
          [
            // The paper's list ends with "Etc.", which is not a question and is left out.
            question("legal_regulatory_policies.q1.1", "Telecommunications", "电信"),
            question("legal_regulatory_policies.q1.2", "Building regulations", "建筑法规"),
            question("legal_regulatory_policies.q1.3", "Security and privacy", "安全与隐私"),
            question("legal_regulatory_policies.q1.4", "Intellectual Property", "知识产权"),
          ],
        ),
        question(
          "legal_regulatory_policies.q2",
          "Describe what polices have been put in place to ensure the physical Smart City infrastructure is secure, for example",
          "请描述为确保智慧城市实体基础设施安全而制定的政策，例如：",
          [
            question(
              "legal_regulatory_policies.q2.1",
              "Disaster recovery management of ICT and other city infrastructure such as electricity, gas, water, etc.",
              "信息通信技术及电力、燃气、供水等其他城市基础设施的灾难恢复管理",
            ),
            question("legal_regulatory_policies.q2.2", "Business Continuity planning", "业务连续性规划"),
          ],
        ),
        question(
          "legal_regulatory_policies.q3",
          "Describe any other areas where the city has developed new policies to improve the outcome of Smart City developments.",
          "请描述城市为改善智慧城市建设成效而制定新政策的其他领域。",
        ),
      ],
      criteria: [],
    },
  ],
  serviceCategories: [
    { key: "education", label: { en: "Education", zh: "教育" } },
    { key: "economic_stimulus", label: { en: "Economic stimulus", zh: "经济促进" } },
    { key: "environment", label: { en: "Environment", zh: "环境" } },
    { key: "energy_utilities", label: { en: "Energy and utilities", zh: "能源与公用事业" } },
    { key: "food_safety", label: { en: "Food safety", zh: "食品安全" } },
    { key: "health", label: { en: "Health", zh: "医疗卫生" } },
    { key: "intelligent_buildings", label: { en: "Intelligent buildings", zh: "智能建筑" } },
    { key: "logistics", label: { en: "Logistics", zh: "物流" } },
    {
      key: "community_development_open_data",
      label: { en: "Community Development, Open Data", zh: "社区发展、开放数据" },
      note: {
        en: 'Printed in Annex 1 under a single bullet ("Community Development Open Data"); kept as one category so the list matches the paper\'s 15 bullets.',
        zh: "附件1在同一要点下印有“社区发展 开放数据”；为与原文15个要点一致，保留为一个类别。",
      },
    },
    { key: "prevention", label: { en: "Prevention e.g. crime, disasters", zh: "预防（如犯罪、灾害）" } },
    { key: "public_services_administration", label: { en: "Public services / administration", zh: "公共服务/行政管理" } },
    { key: "transportation", label: { en: "Transportation", zh: "交通" } },
    { key: "waste_management", label: { en: "Waste management", zh: "废弃物管理" } },
    { key: "water", label: { en: "Water", zh: "水务" } },
    { key: "other", label: { en: "Other", zh: "其他" } },
  ],
};
