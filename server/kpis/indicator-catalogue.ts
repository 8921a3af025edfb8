import type { KpiDirection, KpiUnitFamily } from "@/shared/kpi-values";

/**
 * The city indicator catalogue, edition 2018.1: widely used city indicators grouped by the themes of
 * ISO 37120:2018 "Sustainable cities and communities — Indicators for city services and quality of
 * life" (clauses 5–23). Each entry names the ISO 37120:2018 clause that defines the indicator and its
 * method; names and definitions here are short paraphrases (the standard's text is not reproduced),
 * the Chinese text is a translation made for this platform. No figures, thresholds or targets come
 * with the catalogue: ISO 37120 sets none.
 *
 * Versioned data, like server/scoring/frameworks/*: never change an entry's key, unit family or
 * direction in a published edition — add a new edition instead, so stored KPIs keep their meaning.
 * Keys are what cross-city benchmarks group by.
 */

type Localized = { en: string; zh: string };

export const KPI_THEMES = [
  "economy",
  "education",
  "energy",
  "environment",
  "finance",
  "governance",
  "health",
  "housing",
  "population",
  "recreation",
  "safety",
  "solid_waste",
  "sport_culture",
  "telecommunication",
  "transportation",
  "agriculture_food",
  "urban_planning",
  "wastewater",
  "water",
] as const;
export type KpiTheme = (typeof KPI_THEMES)[number];

export const KPI_THEME_NAMES: Record<KpiTheme, Localized> = {
  economy: { en: "Economy", zh: "经济" },
  education: { en: "Education", zh: "教育" },
  energy: { en: "Energy", zh: "能源" },
  environment: { en: "Environment and climate change", zh: "环境与气候变化" },
  finance: { en: "Finance", zh: "财政" },
  governance: { en: "Governance", zh: "治理" },
  health: { en: "Health", zh: "卫生" },
  housing: { en: "Housing", zh: "住房" },
  population: { en: "Population and social conditions", zh: "人口与社会状况" },
  recreation: { en: "Recreation", zh: "休闲" },
  safety: { en: "Safety", zh: "安全" },
  solid_waste: { en: "Solid waste", zh: "固体废物" },
  sport_culture: { en: "Sport and culture", zh: "体育与文化" },
  telecommunication: { en: "Telecommunication", zh: "电信" },
  transportation: { en: "Transportation", zh: "交通" },
  agriculture_food: { en: "Urban/local agriculture and food security", zh: "城市农业与粮食安全" },
  urban_planning: { en: "Urban planning", zh: "城市规划" },
  wastewater: { en: "Wastewater", zh: "污水" },
  water: { en: "Water", zh: "供水" },
};

export type CatalogueIndicator = {
  /** Stable, e.g. `economy.unemployment_rate`; KPIs and benchmarks store it. */
  key: string;
  theme: KpiTheme;
  name: Localized;
  definition: Localized;
  /** The unit values are reported in (server/kpis/kpi-units.ts knows it). */
  unit: string;
  unitFamily: KpiUnitFamily;
  direction: KpiDirection;
  standard: "ISO 37120:2018";
  /** Clause of the standard that defines the indicator. */
  clause: string;
};

export type IndicatorCatalogue = { version: string; source: string; indicators: readonly CatalogueIndicator[] };

const UP: KpiDirection = "higher_is_better";
const DOWN: KpiDirection = "lower_is_better";

function indicator(
  theme: KpiTheme,
  slug: string,
  clause: string,
  unit: string,
  unitFamily: KpiUnitFamily,
  direction: KpiDirection,
  name: Localized,
  definition: Localized,
): CatalogueIndicator {
  return { key: `${theme}.${slug}`, theme, name, definition, unit, unitFamily, direction, standard: "ISO 37120:2018", clause };
}

const PER_100K = "per 100 000 population";

const INDICATORS: readonly CatalogueIndicator[] = [
  // 5 Economy
  indicator(
    "economy",
    "unemployment_rate",
    "5.1",
    "%",
    "percentage",
    DOWN,
    { en: "City's unemployment rate", zh: "城市失业率" },
    { en: "Unemployed residents as a share of the city's labour force.", zh: "失业居民占城市劳动力的比例。" },
  ),
  indicator(
    "economy",
    "population_in_poverty",
    "5.3",
    "%",
    "percentage",
    DOWN,
    { en: "Population living in poverty", zh: "贫困人口比例" },
    { en: "Share of the city population living below the national poverty threshold.", zh: "生活在国家贫困线以下的城市人口比例。" },
  ),
  indicator(
    "economy",
    "youth_unemployment_rate",
    "5.5",
    "%",
    "percentage",
    DOWN,
    { en: "Youth unemployment rate", zh: "青年失业率" },
    { en: "Unemployed youth as a share of the youth labour force.", zh: "失业青年占青年劳动力的比例。" },
  ),
  indicator(
    "economy",
    "businesses",
    "5.6",
    PER_100K,
    "rate",
    UP,
    { en: "Businesses per 100 000 population", zh: "每10万人企业数" },
    { en: "Number of registered businesses per 100 000 residents.", zh: "每10万居民登记注册的企业数量。" },
  ),
  indicator(
    "economy",
    "new_patents",
    "5.7",
    PER_100K,
    "rate",
    UP,
    { en: "New patents per 100 000 population per year", zh: "每10万人年度新增专利数" },
    {
      en: "Patents newly granted to city residents or businesses in a year, per 100 000 residents.",
      zh: "一年内授予城市居民或企业的新专利数，按每10万居民计。",
    },
  ),
  // 6 Education
  indicator(
    "education",
    "female_enrolment",
    "6.1",
    "%",
    "percentage",
    UP,
    { en: "Female school-aged population enrolled in schools", zh: "学龄女性入学率" },
    { en: "Share of the female school-aged population enrolled in school.", zh: "学龄女性人口中在校就读的比例。" },
  ),
  indicator(
    "education",
    "primary_completion",
    "6.2",
    "%",
    "percentage",
    UP,
    { en: "Students completing primary education (survival rate)", zh: "小学教育完成率（巩固率）" },
    { en: "Share of a primary-school cohort that completes primary education.", zh: "小学入学队列中完成小学教育的比例。" },
  ),
  indicator(
    "education",
    "secondary_completion",
    "6.3",
    "%",
    "percentage",
    UP,
    { en: "Students completing secondary education (survival rate)", zh: "中学教育完成率（巩固率）" },
    { en: "Share of a secondary-school cohort that completes secondary education.", zh: "中学入学队列中完成中学教育的比例。" },
  ),
  indicator(
    "education",
    "primary_student_teacher_ratio",
    "6.4",
    "students per teacher",
    "ratio",
    DOWN,
    { en: "Primary education student/teacher ratio", zh: "小学生师比" },
    { en: "Primary-school students enrolled per full-time-equivalent primary teacher.", zh: "每名全职当量小学教师对应的在校小学生数。" },
  ),
  indicator(
    "education",
    "higher_education_degrees",
    "6.6",
    PER_100K,
    "rate",
    UP,
    { en: "Higher education degrees per 100 000 population", zh: "每10万人高等教育学历人数" },
    { en: "Residents holding a higher education degree, per 100 000 residents.", zh: "每10万居民中拥有高等教育学历的人数。" },
  ),
  // 7 Energy
  indicator(
    "energy",
    "end_use_energy_per_capita",
    "7.1",
    "GJ/capita",
    "energy",
    DOWN,
    { en: "Total end-use energy consumption per capita", zh: "人均终端能源消费总量" },
    { en: "Energy consumed by end users in the city in a year, divided by the population.", zh: "城市终端用户一年的能源消费量除以人口。" },
  ),
  indicator(
    "energy",
    "renewable_share",
    "7.2",
    "%",
    "percentage",
    UP,
    { en: "End-use energy derived from renewable sources", zh: "可再生能源占终端能源的比例" },
    { en: "Share of total end-use energy that comes from renewable sources.", zh: "终端能源总量中来自可再生能源的比例。" },
  ),
  indicator(
    "energy",
    "electricity_access",
    "7.3",
    "%",
    "percentage",
    UP,
    { en: "Population with authorized electrical service", zh: "获得正规电力服务的人口比例" },
    {
      en: "Share of the city population with an authorized residential electricity connection.",
      zh: "拥有正规住宅电力接入的城市人口比例。",
    },
  ),
  indicator(
    "energy",
    "public_building_energy",
    "7.5",
    "GJ/m²",
    "energy",
    DOWN,
    { en: "Final energy consumption of public buildings per year", zh: "公共建筑年度终端能耗" },
    { en: "Yearly final energy used by public buildings per square metre of floor area.", zh: "公共建筑每平方米建筑面积的年度终端能耗。" },
  ),
  indicator(
    "energy",
    "street_lighting_electricity",
    "7.6",
    "kWh/km",
    "energy",
    DOWN,
    { en: "Electricity used by public street lighting per km of lit street", zh: "每公里照明道路的公共路灯用电量" },
    {
      en: "Yearly electricity consumed by public street lighting divided by the length of lit streets.",
      zh: "公共路灯年度用电量除以照明道路长度。",
    },
  ),
  indicator(
    "energy",
    "electrical_interruption_hours",
    "7.7",
    "h/household",
    "time",
    DOWN,
    { en: "Average annual hours of electrical service interruption per household", zh: "户均年停电小时数" },
    { en: "Average hours per year that a household is without electrical service.", zh: "每户每年平均停电的小时数。" },
  ),
  // 8 Environment and climate change
  indicator(
    "environment",
    "pm25",
    "8.1",
    "µg/m³",
    "concentration",
    DOWN,
    { en: "Fine particulate matter (PM2.5) concentration", zh: "细颗粒物（PM2.5）浓度" },
    { en: "Annual mean PM2.5 concentration measured at the city's monitoring stations.", zh: "城市监测站测得的PM2.5年均浓度。" },
  ),
  indicator(
    "environment",
    "pm10",
    "8.2",
    "µg/m³",
    "concentration",
    DOWN,
    { en: "Particulate matter (PM10) concentration", zh: "可吸入颗粒物（PM10）浓度" },
    { en: "Annual mean PM10 concentration measured at the city's monitoring stations.", zh: "城市监测站测得的PM10年均浓度。" },
  ),
  indicator(
    "environment",
    "ghg_per_capita",
    "8.3",
    "t CO2e/capita",
    "mass",
    DOWN,
    { en: "Greenhouse gas emissions per capita", zh: "人均温室气体排放量" },
    {
      en: "Greenhouse gas emissions of the city in a year, in tonnes CO2 equivalent, divided by the population.",
      zh: "城市一年的温室气体排放量（吨二氧化碳当量）除以人口。",
    },
  ),
  indicator(
    "environment",
    "no2",
    "8.4",
    "µg/m³",
    "concentration",
    DOWN,
    { en: "Nitrogen dioxide (NO2) concentration", zh: "二氧化氮（NO2）浓度" },
    { en: "Annual mean NO2 concentration.", zh: "NO2年均浓度。" },
  ),
  // 9 Finance
  indicator(
    "finance",
    "debt_service_ratio",
    "9.1",
    "%",
    "percentage",
    DOWN,
    { en: "Debt service ratio", zh: "偿债率" },
    { en: "Debt service expenditure as a share of the municipality's own-source revenue.", zh: "偿债支出占市政府自有收入的比例。" },
  ),
  indicator(
    "finance",
    "capital_spending_share",
    "9.2",
    "%",
    "percentage",
    UP,
    { en: "Capital spending as a percentage of total expenditures", zh: "资本性支出占总支出比例" },
    { en: "Capital expenditure as a share of the municipality's total expenditure.", zh: "资本性支出占市政府总支出的比例。" },
  ),
  indicator(
    "finance",
    "own_source_revenue_share",
    "9.3",
    "%",
    "percentage",
    UP,
    { en: "Own-source revenue as a percentage of total revenues", zh: "自有收入占总收入比例" },
    { en: "Revenue the municipality raises itself as a share of its total revenue.", zh: "市政府自筹收入占其总收入的比例。" },
  ),
  // 10 Governance
  indicator(
    "governance",
    "women_elected",
    "10.1",
    "%",
    "percentage",
    UP,
    { en: "Women as a percentage of those elected to city-level office", zh: "市级民选职位中女性的比例" },
    { en: "Share of city-level elected offices held by women.", zh: "市级民选职位中由女性担任的比例。" },
  ),
  indicator(
    "governance",
    "voter_participation",
    "10.4",
    "%",
    "percentage",
    UP,
    { en: "Voter participation in the last municipal election", zh: "上次市级选举投票率" },
    { en: "Votes cast in the last municipal election as a share of registered voters.", zh: "上次市级选举投票数占登记选民的比例。" },
  ),
  // 11 Health
  indicator(
    "health",
    "life_expectancy",
    "11.1",
    "years",
    "time",
    UP,
    { en: "Average life expectancy", zh: "平均预期寿命" },
    { en: "Average number of years a newborn is expected to live.", zh: "新生儿预期存活的平均年数。" },
  ),
  indicator(
    "health",
    "hospital_beds",
    "11.2",
    PER_100K,
    "rate",
    UP,
    { en: "In-patient hospital beds per 100 000 population", zh: "每10万人住院病床数" },
    { en: "In-patient public and private hospital beds per 100 000 residents.", zh: "每10万居民拥有的公立和私立医院住院病床数。" },
  ),
  indicator(
    "health",
    "physicians",
    "11.3",
    PER_100K,
    "rate",
    UP,
    { en: "Physicians per 100 000 population", zh: "每10万人医生数" },
    { en: "Practising physicians per 100 000 residents.", zh: "每10万居民执业医生数。" },
  ),
  indicator(
    "health",
    "under_five_mortality",
    "11.4",
    "per 1 000 live births",
    "rate",
    DOWN,
    { en: "Under age five mortality per 1 000 live births", zh: "每千活产五岁以下儿童死亡率" },
    { en: "Deaths of children under five per 1 000 live births.", zh: "每千例活产中五岁以下儿童的死亡数。" },
  ),
  // 12 Housing
  indicator(
    "housing",
    "inadequate_housing",
    "12.1",
    "%",
    "percentage",
    DOWN,
    { en: "Population living in inadequate housing", zh: "居住在不适足住房中的人口比例" },
    { en: "Share of the city population living in inadequate housing.", zh: "居住在不适足住房中的城市人口比例。" },
  ),
  indicator(
    "housing",
    "homeless",
    "12.3",
    PER_100K,
    "rate",
    DOWN,
    { en: "Homeless people per 100 000 population", zh: "每10万人无家可归者人数" },
    { en: "People without a home per 100 000 residents.", zh: "每10万居民中无家可归的人数。" },
  ),
  // 13 Population and social conditions
  indicator(
    "population",
    "below_poverty_line",
    "13.1",
    "%",
    "percentage",
    DOWN,
    { en: "Population living below the international poverty line", zh: "生活在国际贫困线以下的人口比例" },
    { en: "Share of the city population living below the international poverty line.", zh: "生活在国际贫困线以下的城市人口比例。" },
  ),
  // 14 Recreation
  indicator(
    "recreation",
    "indoor_recreation_space",
    "14.1",
    "m²/capita",
    "area",
    UP,
    { en: "Public indoor recreation space per capita", zh: "人均公共室内休闲空间" },
    { en: "Square metres of public indoor recreation space per resident.", zh: "每位居民拥有的公共室内休闲空间（平方米）。" },
  ),
  indicator(
    "recreation",
    "outdoor_recreation_space",
    "14.2",
    "m²/capita",
    "area",
    UP,
    { en: "Public outdoor recreation space per capita", zh: "人均公共室外休闲空间" },
    { en: "Square metres of public outdoor recreation space per resident.", zh: "每位居民拥有的公共室外休闲空间（平方米）。" },
  ),
  // 15 Safety
  indicator(
    "safety",
    "firefighters",
    "15.1",
    PER_100K,
    "rate",
    UP,
    { en: "Firefighters per 100 000 population", zh: "每10万人消防员数" },
    { en: "Full-time firefighters per 100 000 residents.", zh: "每10万居民的全职消防员数。" },
  ),
  indicator(
    "safety",
    "police_officers",
    "15.4",
    PER_100K,
    "rate",
    UP,
    { en: "Police officers per 100 000 population", zh: "每10万人警察数" },
    { en: "Sworn police officers per 100 000 residents.", zh: "每10万居民的在编警察数。" },
  ),
  indicator(
    "safety",
    "homicides",
    "15.5",
    PER_100K,
    "rate",
    DOWN,
    { en: "Homicides per 100 000 population", zh: "每10万人凶杀案数" },
    { en: "Reported homicides per 100 000 residents in a year.", zh: "一年内每10万居民报告的凶杀案数量。" },
  ),
  // 16 Solid waste
  indicator(
    "solid_waste",
    "collection_coverage",
    "16.1",
    "%",
    "percentage",
    UP,
    { en: "Population with regular solid waste collection", zh: "享有定期固体废物收集服务的人口比例" },
    { en: "Share of the city population served by regular residential waste collection.", zh: "享有定期生活垃圾收集服务的城市人口比例。" },
  ),
  indicator(
    "solid_waste",
    "waste_per_capita",
    "16.2",
    "t/capita",
    "mass",
    DOWN,
    { en: "Total collected municipal solid waste per capita", zh: "人均城市生活垃圾收集量" },
    { en: "Municipal solid waste collected in a year divided by the population.", zh: "一年收集的城市生活垃圾总量除以人口。" },
  ),
  indicator(
    "solid_waste",
    "recycled_share",
    "16.3",
    "%",
    "percentage",
    UP,
    { en: "Share of the city's solid waste that is recycled", zh: "城市固体废物回收利用率" },
    { en: "Tonnes of municipal solid waste recycled as a share of the total collected.", zh: "回收利用的城市固体废物占收集总量的比例。" },
  ),
  // 17 Sport and culture
  indicator(
    "sport_culture",
    "cultural_sport_facilities",
    "17.1",
    PER_100K,
    "rate",
    UP,
    { en: "Cultural institutions and sporting facilities per 100 000 population", zh: "每10万人文化机构与体育设施数" },
    { en: "Cultural institutions and sporting facilities per 100 000 residents.", zh: "每10万居民拥有的文化机构与体育设施数量。" },
  ),
  // 18 Telecommunication
  indicator(
    "telecommunication",
    "internet_connections",
    "18.1",
    PER_100K,
    "rate",
    UP,
    { en: "Internet connections per 100 000 population", zh: "每10万人互联网连接数" },
    { en: "Fixed internet connections per 100 000 residents.", zh: "每10万居民的固定互联网连接数。" },
  ),
  indicator(
    "telecommunication",
    "mobile_connections",
    "18.2",
    PER_100K,
    "rate",
    UP,
    { en: "Mobile phone connections per 100 000 population", zh: "每10万人移动电话连接数" },
    { en: "Mobile phone subscriptions per 100 000 residents.", zh: "每10万居民的移动电话用户数。" },
  ),
  // 19 Transportation
  indicator(
    "transportation",
    "public_transport_km",
    "19.1",
    "km per 100 000 population",
    "length",
    UP,
    { en: "Kilometres of public transport system per 100 000 population", zh: "每10万人公共交通线路公里数" },
    {
      en: "Length of high- and light-capacity public transport routes per 100 000 residents.",
      zh: "每10万居民拥有的大运量和中小运量公共交通线路长度。",
    },
  ),
  indicator(
    "transportation",
    "public_transport_trips",
    "19.2",
    "trips/capita",
    "rate",
    UP,
    { en: "Annual public transport trips per capita", zh: "人均年公共交通出行次数" },
    { en: "Public transport trips in a year divided by the population.", zh: "一年的公共交通出行次数除以人口。" },
  ),
  indicator(
    "transportation",
    "non_car_commuting",
    "19.3",
    "%",
    "percentage",
    UP,
    { en: "Commuters using a travel mode other than a personal vehicle", zh: "使用非私人机动车通勤的比例" },
    { en: "Share of commuters who travel to work by means other than a personal vehicle.", zh: "以私人机动车以外方式通勤的通勤者比例。" },
  ),
  indicator(
    "transportation",
    "bicycle_paths",
    "19.4",
    "km per 100 000 population",
    "length",
    UP,
    { en: "Kilometres of bicycle paths and lanes per 100 000 population", zh: "每10万人自行车道公里数" },
    { en: "Length of bicycle paths and lanes per 100 000 residents.", zh: "每10万居民拥有的自行车道长度。" },
  ),
  indicator(
    "transportation",
    "transport_fatalities",
    "19.5",
    PER_100K,
    "rate",
    DOWN,
    { en: "Transportation fatalities per 100 000 population", zh: "每10万人交通事故死亡数" },
    { en: "Deaths related to transportation of any kind per 100 000 residents.", zh: "每10万居民中因各类交通事故死亡的人数。" },
  ),
  // 20 Urban/local agriculture and food security
  indicator(
    "agriculture_food",
    "urban_agriculture_area",
    "20.1",
    "ha per 100 000 population",
    "area",
    UP,
    { en: "Urban agricultural area per 100 000 population", zh: "每10万人城市农业面积" },
    { en: "Area used for urban agriculture per 100 000 residents.", zh: "每10万居民用于城市农业的面积。" },
  ),
  indicator(
    "agriculture_food",
    "local_food_share",
    "20.2",
    "%",
    "percentage",
    UP,
    { en: "Food produced locally as a share of food supplied", zh: "本地生产食物占食物供应的比例" },
    { en: "Share of the food supplied to the city that is produced locally.", zh: "城市食物供应中本地生产的比例。" },
  ),
  // 21 Urban planning
  indicator(
    "urban_planning",
    "green_area",
    "21.1",
    "ha per 100 000 population",
    "area",
    UP,
    { en: "Green area per 100 000 population", zh: "每10万人绿地面积" },
    { en: "Green area in the city per 100 000 residents.", zh: "每10万居民拥有的城市绿地面积。" },
  ),
  // 22 Wastewater
  indicator(
    "wastewater",
    "collection_coverage",
    "22.1",
    "%",
    "percentage",
    UP,
    { en: "Population served by wastewater collection", zh: "污水收集服务覆盖人口比例" },
    { en: "Share of the city population served by wastewater collection.", zh: "享有污水收集服务的城市人口比例。" },
  ),
  indicator(
    "wastewater",
    "centralized_treatment",
    "22.2",
    "%",
    "percentage",
    UP,
    { en: "Wastewater receiving centralized treatment", zh: "污水集中处理率" },
    { en: "Share of the city's wastewater that receives centralized treatment.", zh: "接受集中处理的城市污水比例。" },
  ),
  // 23 Water
  indicator(
    "water",
    "potable_water_supply",
    "23.1",
    "%",
    "percentage",
    UP,
    { en: "Population with potable water supply service", zh: "享有饮用水供应服务的人口比例" },
    { en: "Share of the city population with a potable water supply service.", zh: "享有饮用水供应服务的城市人口比例。" },
  ),
  indicator(
    "water",
    "domestic_consumption",
    "23.4",
    "L/capita/day",
    "volume",
    DOWN,
    { en: "Total domestic water consumption per capita", zh: "人均生活用水量" },
    { en: "Domestic water consumed per resident per day, in litres.", zh: "每位居民每日的生活用水量（升）。" },
  ),
  indicator(
    "water",
    "water_loss",
    "23.8",
    "%",
    "percentage",
    DOWN,
    { en: "Water loss (non-revenue water)", zh: "供水漏损率" },
    { en: "Share of the water supplied that is lost before it reaches customers.", zh: "供水过程中未到达用户的水量比例。" },
  ),
];

export const INDICATOR_CATALOGUE: IndicatorCatalogue = {
  version: "2018.1",
  source: "ISO 37120:2018, clauses 5–23 (themes and indicator definitions)",
  indicators: INDICATORS,
};

const BY_KEY = new Map(INDICATORS.map((entry) => [entry.key, entry]));

export function findIndicator(key: string): CatalogueIndicator | undefined {
  return BY_KEY.get(key);
}
