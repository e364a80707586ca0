import { addDays, addMonths, endOfMonth, startOfDay, startOfMonth, subMonths } from 'date-fns';
import { startOfLocalDay } from '../core/calendar';
import type { Lang } from '../core/i18n';
import { idGenerator, type RandomSource } from './ids';
import type { Cadence, CheckIn, Form, Framework, Kpi, KpiType, Level, Polarity, Timing } from '../core/model';

/**
 * The sample register `kpi-register demo` writes: a Hong Kong homeware retailer with company KPIs,
 * the department KPIs the guide lists, a few individuals, OKR key results beside the KPIs and twelve
 * months of check-ins. Everything is deterministic for a given `today` (a seeded generator), so tests
 * and screenshots are stable.
 *
 * Three health findings are planted on purpose, so that `check` has something real to say:
 * - the COO owns seven core KPIs (rule 2, focus is lost past 3–5);
 * - an individual's lagging KPI has no leading KPI beside or below it (rule 3);
 * - the on-time shipping rate is green while the orders it is a ratio of are falling (rule 6).
 * Everything else is meant to be healthy: weights add up, reviews are on time, cadences fit types.
 */

export interface DemoOptions {
  lang: Lang;
  /** The register's "today"; check-ins end at the last month end before it. */
  today: Date;
}

export interface DemoRegister {
  kpis: Kpi[];
  checkIns: CheckIn[];
  /** What the planted findings point at, with the generated ids. */
  planted: {
    overloadedOwner: string;
    laggingWithoutLeading: string;
    ratio: string;
    volume: string;
  };
}

/** The demo's own keys for the KPIs behind the planted findings (ids are generated from them). */
const PLANTED = {
  overloadedOwner: { en: 'Cheung Siu Lun', 'zh-HK': '張兆倫' },
  laggingWithoutLeading: 'IND-MAK-COLLECT',
  ratio: 'OPS-ONTIME',
  volume: 'OPS-ORDERS',
} as const;

type Text = Readonly<Record<Lang, string>>;

interface Person {
  name: Text;
}

const PEOPLE = {
  ceo: { name: { en: 'Wong Ka Ming', 'zh-HK': '黃家明' } },
  sales: { name: { en: 'Chan Wing Yan', 'zh-HK': '陳詠欣' } },
  marketing: { name: { en: 'Lau Chi Keung', 'zh-HK': '劉志強' } },
  coo: { name: PLANTED.overloadedOwner },
  cfo: { name: { en: 'Ng Hoi Yan', 'zh-HK': '吳凱欣' } },
  hr: { name: { en: 'Li Mei Ling', 'zh-HK': '李美玲' } },
  ecommerce: { name: { en: 'Tse Ka Wai', 'zh-HK': '謝嘉慧' } },
  ho: { name: { en: 'Ho Ka Lok', 'zh-HK': '何家樂' } },
  yip: { name: { en: 'Yip Sze Wing', 'zh-HK': '葉思穎' } },
  mak: { name: { en: 'Mak Chun Hei', 'zh-HK': '麥俊熙' } },
  kwok: { name: { en: 'Kwok Wai Man', 'zh-HK': '郭慧敏' } },
} as const satisfies Record<string, Person>;

const DEPARTMENTS = {
  sales: { en: 'Sales', 'zh-HK': '銷售部' },
  marketing: { en: 'Marketing', 'zh-HK': '市場推廣部' },
  service: { en: 'Customer Service', 'zh-HK': '客戶服務部' },
  operations: { en: 'Operations', 'zh-HK': '營運部' },
  finance: { en: 'Finance', 'zh-HK': '財務部' },
  hr: { en: 'Human Resources', 'zh-HK': '人力資源部' },
  procurement: { en: 'Procurement', 'zh-HK': '採購部' },
  ecommerce: { en: 'E-commerce', 'zh-HK': '電子商務部' },
} as const satisfies Record<string, Text>;

/** One KPI of the demo, before it is localised. */
interface DemoKpi {
  /** A readable key inside this file; the register gets a generated id. */
  key: string;
  name: Text;
  description: Text;
  owner: keyof typeof PEOPLE;
  level: Level;
  department?: keyof typeof DEPARTMENTS;
  parent?: string;
  type: KpiType;
  timing: Timing;
  form: Form;
  unit: Text;
  polarity: Polarity;
  baseline: number;
  target: number;
  weight: number;
  framework?: Framework;
  cadence: Cadence;
  volume?: string;
  /** Where the latest check-in lands, as a score (1 = target met). */
  finalScore: number;
  /** Overrides the smooth path from baseline to the final score (the falling volume). */
  path?: (month: number) => number;
}

const PERCENT: Text = { en: '%', 'zh-HK': '%' };
const HKD: Text = { en: 'HKD', 'zh-HK': '港元' };
const DAYS: Text = { en: 'days', 'zh-HK': '日' };

/**
 * Orders shipped per month: rising for half a year, then falling for six months in a row, so that
 * the on-time rate it feeds looks green while the business shrinks.
 */
const fallingOrders = (month: number): number =>
  month <= 6 ? 9000 + month * 200 : 10200 - (month - 6) * 320 + (month % 2) * 40;

const DEMO_KPIS: readonly DemoKpi[] = [
  // --- company (strategic, reviewed quarterly) -------------------------------------------------------
  {
    key: 'CO-REV',
    name: { en: 'Revenue growth (year on year)', 'zh-HK': '年度營業額增長率' },
    description: {
      en: 'Year-on-year growth of Hong Kong revenue across our retail shops and online store, from 6% to 12% this financial year.',
      'zh-HK': '本財政年度，香港零售門市及網上商店的按年營業額增長率由 6% 提升至 12%。',
    },
    owner: 'ceo',
    level: 'company',
    type: 'strategic',
    timing: 'lagging',
    form: 'change',
    unit: PERCENT,
    polarity: 'higher',
    baseline: 0.06,
    target: 0.12,
    weight: 0.3,
    cadence: 'quarterly',
    finalScore: 0.93,
  },
  {
    key: 'CO-SHARE',
    name: { en: 'Market share of Hong Kong online homeware', 'zh-HK': '香港網上家品市場佔有率' },
    description: {
      en: 'Our share of Hong Kong online homeware sales (industry survey), from 8% to 10% this financial year.',
      'zh-HK': '本財政年度，我們在香港網上家品銷售的市場佔有率（行業調查）由 8% 提升至 10%。',
    },
    owner: 'ceo',
    level: 'company',
    type: 'strategic',
    timing: 'lagging',
    form: 'ratio',
    unit: PERCENT,
    polarity: 'higher',
    baseline: 0.08,
    target: 0.1,
    weight: 0.25,
    cadence: 'quarterly',
    finalScore: 0.8,
  },
  {
    key: 'CO-EBITDA',
    name: { en: 'EBITDA margin', 'zh-HK': 'EBITDA 利潤率' },
    description: {
      en: 'Company EBITDA as a share of revenue, from 14% to 17% this financial year.',
      'zh-HK': '本財政年度，公司 EBITDA 佔營業額的比率由 14% 提升至 17%。',
    },
    owner: 'ceo',
    level: 'company',
    type: 'strategic',
    timing: 'lagging',
    form: 'ratio',
    unit: PERCENT,
    polarity: 'higher',
    baseline: 0.14,
    target: 0.17,
    weight: 0.25,
    cadence: 'quarterly',
    finalScore: 1.02,
  },
  {
    key: 'CO-NPS',
    name: { en: 'Customer Net Promoter Score (NPS)', 'zh-HK': '客戶淨推薦值（NPS）' },
    description: {
      en: 'Net Promoter Score of Hong Kong customers from the monthly post-purchase survey, from 32 to 45 points this financial year.',
      'zh-HK': '本財政年度，香港客戶每月購後問卷的淨推薦值由 32 分提升至 45 分。',
    },
    owner: 'ceo',
    level: 'company',
    type: 'strategic',
    // Satisfaction predicts repeat purchases: the leading partner of the company's lagging results.
    timing: 'leading',
    form: 'average',
    unit: { en: 'points', 'zh-HK': '分' },
    polarity: 'higher',
    baseline: 32,
    target: 45,
    weight: 0.2,
    cadence: 'quarterly',
    finalScore: 0.95,
  },
  // --- sales -----------------------------------------------------------------------------------------
  {
    key: 'SALES-NEW',
    name: { en: 'New customers per month', 'zh-HK': '每月新增客戶數' },
    description: {
      en: 'New business customers opening an account with the Hong Kong sales team each month, from 80 to 120.',
      'zh-HK': '香港銷售團隊每月新開戶的企業客戶數目，由 80 個提升至 120 個。',
    },
    owner: 'sales',
    level: 'department',
    department: 'sales',
    parent: 'CO-REV',
    type: 'operational',
    timing: 'leading',
    form: 'count',
    unit: { en: 'customers', 'zh-HK': '個客戶' },
    polarity: 'higher',
    baseline: 80,
    target: 120,
    weight: 0.3,
    cadence: 'monthly',
    finalScore: 1.05,
  },
  {
    key: 'SALES-AOV',
    name: { en: 'Average order value', 'zh-HK': '平均訂單金額' },
    description: {
      en: 'Average value of orders placed by Hong Kong customers in shops and online each month, from HK$850 to HK$950.',
      'zh-HK': '香港客戶每月於門市及網上的平均訂單金額，由 850 港元提升至 950 港元。',
    },
    owner: 'sales',
    level: 'department',
    department: 'sales',
    parent: 'CO-REV',
    type: 'functional',
    timing: 'lagging',
    form: 'average',
    unit: HKD,
    polarity: 'higher',
    baseline: 850,
    target: 950,
    weight: 0.2,
    cadence: 'monthly',
    finalScore: 0.91,
  },
  // --- marketing -------------------------------------------------------------------------------------
  {
    key: 'MKT-CTR',
    name: { en: 'Online ad click-through rate (CTR)', 'zh-HK': '網上廣告點擊率（CTR）' },
    description: {
      en: 'Clicks per impression of our Hong Kong search and social ads each month, from 1.2% to 1.8%.',
      'zh-HK': '香港搜尋及社交媒體廣告每月的點擊率，由 1.2% 提升至 1.8%。',
    },
    owner: 'marketing',
    level: 'department',
    department: 'marketing',
    parent: 'CO-SHARE',
    type: 'functional',
    timing: 'leading',
    form: 'ratio',
    unit: PERCENT,
    polarity: 'higher',
    baseline: 0.012,
    target: 0.018,
    weight: 0.25,
    cadence: 'monthly',
    finalScore: 1.1,
  },
  {
    key: 'MKT-CAC',
    name: { en: 'Customer acquisition cost (CAC)', 'zh-HK': '每次獲客成本（CAC）' },
    description: {
      en: 'Marketing spend per new Hong Kong online customer each month, reduced from HK$420 to HK$350.',
      'zh-HK': '每月每名香港網上新客戶的市場推廣開支，由 420 港元降低至 350 港元。',
    },
    owner: 'marketing',
    level: 'department',
    department: 'marketing',
    parent: 'CO-SHARE',
    type: 'functional',
    timing: 'lagging',
    form: 'average',
    unit: HKD,
    polarity: 'lower',
    baseline: 420,
    target: 350,
    weight: 0.25,
    cadence: 'monthly',
    finalScore: 0.7,
  },
  {
    key: 'MKT-ROAS',
    name: { en: 'Return on ad spend (ROAS)', 'zh-HK': '廣告投資回報率（ROAS）' },
    description: {
      en: 'Online revenue per dollar of Hong Kong ad spend each month, from 3.2 to 4.0 times.',
      'zh-HK': '香港廣告開支每一元每月帶來的網上營業額，由 3.2 倍提升至 4.0 倍。',
    },
    owner: 'marketing',
    level: 'department',
    department: 'marketing',
    parent: 'CO-REV',
    type: 'functional',
    timing: 'lagging',
    form: 'ratio',
    unit: { en: 'x', 'zh-HK': '倍' },
    polarity: 'higher',
    baseline: 3.2,
    target: 4,
    weight: 0.2,
    cadence: 'monthly',
    finalScore: 1,
  },
  {
    key: 'MKT-CPL',
    name: { en: 'Cost per lead (CPL)', 'zh-HK': '潛在客戶成本（CPL）' },
    description: {
      en: 'Marketing spend per qualified business lead in Hong Kong each month, reduced from HK$95 to HK$80.',
      'zh-HK': '香港每月每個合資格企業潛在客戶的市場推廣開支，由 95 港元降低至 80 港元。',
    },
    owner: 'marketing',
    level: 'department',
    department: 'marketing',
    parent: 'CO-SHARE',
    type: 'functional',
    timing: 'leading',
    form: 'average',
    unit: HKD,
    polarity: 'lower',
    baseline: 95,
    target: 80,
    weight: 0.25,
    cadence: 'monthly',
    finalScore: 0.96,
  },
  // --- customer service (owned by the COO: one of the seven) -----------------------------------------
  {
    key: 'CS-AHT',
    name: { en: 'Average handling time (AHT)', 'zh-HK': '平均處理時間（AHT）' },
    description: {
      en: 'Average handling time of customer hotline and live-chat enquiries each month, reduced from 360 s to 300 s.',
      'zh-HK': '客戶熱線及網上客服查詢每月的平均處理時間，由 360 秒降低至 300 秒。',
    },
    owner: 'coo',
    level: 'department',
    department: 'service',
    parent: 'CO-NPS',
    type: 'operational',
    timing: 'leading',
    form: 'average',
    unit: { en: 's', 'zh-HK': '秒' },
    polarity: 'lower',
    baseline: 360,
    target: 300,
    weight: 0.3,
    cadence: 'monthly',
    finalScore: 0.5,
  },
  {
    key: 'CS-FCR',
    name: { en: 'First-contact resolution rate (FCR)', 'zh-HK': '首次解決率（FCR）' },
    description: {
      en: 'Share of customer enquiries resolved in the first contact each month, from 68% to 78%.',
      'zh-HK': '每月於首次接觸即解決的客戶查詢比率，由 68% 提升至 78%。',
    },
    owner: 'coo',
    level: 'department',
    department: 'service',
    parent: 'CO-NPS',
    type: 'operational',
    timing: 'leading',
    form: 'ratio',
    unit: PERCENT,
    polarity: 'higher',
    baseline: 0.68,
    target: 0.78,
    weight: 0.4,
    cadence: 'monthly',
    finalScore: 0.92,
  },
  // --- operations ------------------------------------------------------------------------------------
  {
    key: 'OPS-ONTIME',
    name: { en: 'On-time shipping rate', 'zh-HK': '訂單準時出貨率' },
    description: {
      en: 'Share of Hong Kong orders shipped from our Kwai Chung warehouse by the promised date each month, from 91% to 96%.',
      'zh-HK': '葵涌倉庫每月於承諾日期前出貨的香港訂單比率，由 91% 提升至 96%。',
    },
    owner: 'coo',
    level: 'department',
    department: 'operations',
    parent: 'CO-NPS',
    type: 'operational',
    timing: 'lagging',
    form: 'ratio',
    unit: PERCENT,
    polarity: 'higher',
    baseline: 0.91,
    target: 0.96,
    weight: 0.3,
    cadence: 'monthly',
    volume: 'OPS-ORDERS',
    finalScore: 1.2,
  },
  {
    key: 'OPS-ORDERS',
    name: { en: 'Orders shipped per month', 'zh-HK': '每月出貨訂單數' },
    description: {
      en: 'Hong Kong customer orders shipped from our Kwai Chung warehouse each month, from 9,000 to 10,500.',
      'zh-HK': '葵涌倉庫每月出貨的香港客戶訂單數目，由 9，000 張提升至 10，500 張。',
    },
    owner: 'coo',
    level: 'department',
    department: 'operations',
    parent: 'CO-REV',
    type: 'operational',
    timing: 'leading',
    form: 'count',
    unit: { en: 'orders', 'zh-HK': '張訂單' },
    polarity: 'higher',
    baseline: 9000,
    target: 10500,
    weight: 0.2,
    cadence: 'monthly',
    finalScore: 0,
    path: fallingOrders,
  },
  {
    key: 'OPS-INV',
    name: { en: 'Inventory days', 'zh-HK': '庫存周轉天數' },
    description: {
      en: 'Days of stock held in the Kwai Chung warehouse at each month end, reduced from 48 to 40 days.',
      'zh-HK': '葵涌倉庫每月底的庫存周轉天數，由 48 日降低至 40 日。',
    },
    owner: 'coo',
    level: 'department',
    department: 'operations',
    parent: 'CO-EBITDA',
    type: 'operational',
    timing: 'lagging',
    form: 'average',
    unit: DAYS,
    polarity: 'lower',
    baseline: 48,
    target: 40,
    weight: 0.15,
    cadence: 'monthly',
    finalScore: 0.88,
  },
  // --- procurement -----------------------------------------------------------------------------------
  {
    key: 'PROC-COST',
    name: { en: 'Procurement cost reduction rate', 'zh-HK': '採購成本降低率' },
    description: {
      en: 'Saving on the unit cost of our top 50 homeware products against last year’s prices, from 2.5% to 4% this financial year.',
      'zh-HK': '本財政年度，五十大家品的單位採購成本較去年價格的節省比率，由 2.5% 提升至 4%。',
    },
    owner: 'coo',
    level: 'department',
    department: 'procurement',
    parent: 'CO-EBITDA',
    type: 'functional',
    timing: 'lagging',
    form: 'change',
    unit: PERCENT,
    polarity: 'higher',
    baseline: 0.025,
    target: 0.04,
    weight: 0.15,
    cadence: 'monthly',
    finalScore: 0.95,
  },
  {
    key: 'PROC-OTD',
    name: { en: 'Supplier on-time delivery rate', 'zh-HK': '供應商交貨準時率' },
    description: {
      en: 'Share of supplier deliveries reaching the Kwai Chung warehouse by the agreed date each month, from 85% to 95%.',
      'zh-HK': '每月於協定日期前送抵葵涌倉庫的供應商交貨比率，由 85% 提升至 95%。',
    },
    owner: 'coo',
    level: 'department',
    department: 'procurement',
    parent: 'CO-EBITDA',
    type: 'functional',
    timing: 'leading',
    form: 'ratio',
    unit: PERCENT,
    polarity: 'higher',
    baseline: 0.85,
    target: 0.95,
    weight: 0.1,
    cadence: 'monthly',
    finalScore: 1.03,
  },
  // --- finance ---------------------------------------------------------------------------------------
  {
    key: 'FIN-GM',
    name: { en: 'Gross margin', 'zh-HK': '毛利率' },
    description: {
      en: 'Gross profit as a share of Hong Kong revenue each month, from 38% to 41%.',
      'zh-HK': '每月毛利佔香港營業額的比率，由 38% 提升至 41%。',
    },
    owner: 'cfo',
    level: 'department',
    department: 'finance',
    parent: 'CO-EBITDA',
    type: 'functional',
    timing: 'lagging',
    form: 'ratio',
    unit: PERCENT,
    polarity: 'higher',
    baseline: 0.38,
    target: 0.41,
    weight: 0.2,
    cadence: 'monthly',
    finalScore: 0.97,
  },
  {
    key: 'FIN-AR',
    name: { en: 'Receivable days (DSO)', 'zh-HK': '應收帳款天數（DSO）' },
    description: {
      en: 'Average days taken to collect invoices from business customers at each month end, reduced from 62 to 50 days.',
      'zh-HK': '每月底向企業客戶收回發票款項的平均天數，由 62 日降低至 50 日。',
    },
    owner: 'cfo',
    level: 'department',
    department: 'finance',
    parent: 'CO-EBITDA',
    type: 'functional',
    timing: 'lagging',
    form: 'average',
    unit: DAYS,
    polarity: 'lower',
    baseline: 62,
    target: 50,
    weight: 0.15,
    cadence: 'monthly',
    finalScore: 0.75,
  },
  // --- human resources -------------------------------------------------------------------------------
  {
    key: 'HR-TURNOVER',
    name: { en: 'Staff turnover rate', 'zh-HK': '員工離職率' },
    description: {
      en: 'Annualised share of Hong Kong staff leaving the company, measured each month, reduced from 18% to 12%.',
      'zh-HK': '每月計算的香港員工年化離職率，由 18% 降低至 12%。',
    },
    owner: 'hr',
    level: 'department',
    department: 'hr',
    parent: 'CO-EBITDA',
    type: 'functional',
    timing: 'lagging',
    form: 'ratio',
    unit: PERCENT,
    polarity: 'lower',
    baseline: 0.18,
    target: 0.12,
    weight: 0.15,
    cadence: 'monthly',
    finalScore: 0.9,
  },
  {
    key: 'HR-HIRE',
    name: { en: 'Days to hire', 'zh-HK': '招聘到職天數' },
    description: {
      en: 'Average days from job posting to accepted offer for Hong Kong vacancies each month, reduced from 45 to 30 days.',
      'zh-HK': '香港職位空缺每月由刊登招聘至接受聘書的平均天數，由 45 日降低至 30 日。',
    },
    owner: 'hr',
    level: 'department',
    department: 'hr',
    parent: 'CO-EBITDA',
    type: 'operational',
    timing: 'leading',
    form: 'average',
    unit: DAYS,
    polarity: 'lower',
    baseline: 45,
    target: 30,
    weight: 0.1,
    cadence: 'monthly',
    finalScore: 1.07,
  },
  // --- e-commerce OKR key results beside the KPIs ----------------------------------------------------
  {
    key: 'OKR-GBA-ORDERS',
    name: {
      en: 'Greater Bay Area online store: orders per month',
      'zh-HK': '大灣區網上商店：每月訂單數',
    },
    description: {
      en: 'Key result: orders placed each month on our new Greater Bay Area online store, from 800 in the pilot to 1,500.',
      'zh-HK': '關鍵結果：大灣區新網上商店每月的訂單數目，由試業期的 800 張提升至 1，500 張。',
    },
    owner: 'ecommerce',
    level: 'department',
    department: 'ecommerce',
    parent: 'CO-SHARE',
    type: 'strategic',
    timing: 'leading',
    form: 'count',
    unit: { en: 'orders', 'zh-HK': '張訂單' },
    polarity: 'higher',
    baseline: 800,
    target: 1500,
    weight: 0.25,
    framework: 'OKR',
    cadence: 'monthly',
    finalScore: 0.68,
  },
  {
    key: 'OKR-GBA-SHARE',
    name: {
      en: 'Greater Bay Area share of online revenue',
      'zh-HK': '大灣區佔網上營業額比率',
    },
    description: {
      en: 'Key result: share of our online revenue coming from Greater Bay Area customers each month, from 3% to 5%.',
      'zh-HK': '關鍵結果：每月網上營業額中來自大灣區客戶的比率，由 3% 提升至 5%。',
    },
    owner: 'ecommerce',
    level: 'department',
    department: 'ecommerce',
    parent: 'CO-REV',
    type: 'strategic',
    timing: 'lagging',
    form: 'ratio',
    unit: PERCENT,
    polarity: 'higher',
    baseline: 0.03,
    target: 0.05,
    weight: 0.1,
    framework: 'OKR',
    cadence: 'monthly',
    volume: 'OKR-GBA-ORDERS',
    finalScore: 0.6,
  },
  // --- individuals -----------------------------------------------------------------------------------
  {
    key: 'IND-HO-NEW',
    name: { en: 'New corporate accounts signed by Ho Ka Lok', 'zh-HK': '何家樂每月簽約的新企業客戶' },
    description: {
      en: 'New corporate customers in Kowloon East signed by Ho Ka Lok each month, from 20 to 30.',
      'zh-HK': '何家樂每月於九龍東簽約的新企業客戶數目，由 20 個提升至 30 個。',
    },
    owner: 'ho',
    level: 'individual',
    department: 'sales',
    parent: 'SALES-NEW',
    type: 'operational',
    timing: 'leading',
    form: 'count',
    unit: { en: 'customers', 'zh-HK': '個客戶' },
    polarity: 'higher',
    baseline: 20,
    target: 30,
    weight: 0.5,
    cadence: 'monthly',
    finalScore: 1.1,
  },
  {
    key: 'IND-YIP-NEW',
    name: { en: 'New retail accounts opened by Yip Sze Wing', 'zh-HK': '葉思穎每月開立的新零售客戶' },
    description: {
      en: 'New retail trade customers on Hong Kong Island opened by Yip Sze Wing each month, from 25 to 35.',
      'zh-HK': '葉思穎每月於港島開立的新零售批發客戶數目，由 25 個提升至 35 個。',
    },
    owner: 'yip',
    level: 'individual',
    department: 'sales',
    parent: 'SALES-NEW',
    type: 'operational',
    timing: 'leading',
    form: 'count',
    unit: { en: 'customers', 'zh-HK': '個客戶' },
    polarity: 'higher',
    baseline: 25,
    target: 35,
    weight: 0.5,
    cadence: 'monthly',
    finalScore: 0.85,
  },
  {
    key: PLANTED.laggingWithoutLeading,
    name: {
      en: 'Invoices collected within 45 days by Mak Chun Hei',
      'zh-HK': '麥俊熙於 45 日內收回的發票比率',
    },
    description: {
      en: 'Share of corporate customer invoices that Mak Chun Hei collects within 45 days each month, from 70% to 85%.',
      'zh-HK': '麥俊熙每月於 45 日內收回的企業客戶發票比率，由 70% 提升至 85%。',
    },
    owner: 'mak',
    level: 'individual',
    department: 'finance',
    parent: 'FIN-AR',
    type: 'operational',
    timing: 'lagging',
    form: 'ratio',
    unit: PERCENT,
    polarity: 'higher',
    baseline: 0.7,
    target: 0.85,
    weight: 1,
    cadence: 'monthly',
    finalScore: 0.9,
  },
  {
    key: 'IND-KWOK-CHAT',
    name: {
      en: 'First-contact resolution rate of live chats handled by Kwok Wai Man’s team',
      'zh-HK': '郭慧敏團隊首次接觸即解決的網上客服查詢比率',
    },
    description: {
      en: 'Share of live-chat enquiries that Kwok Wai Man’s team resolves in the first contact each month, from 70% to 80%.',
      'zh-HK': '郭慧敏團隊每月於首次接觸即解決的網上客服查詢比率，由 70% 提升至 80%。',
    },
    owner: 'kwok',
    level: 'individual',
    department: 'service',
    parent: 'CS-FCR',
    type: 'operational',
    timing: 'leading',
    form: 'ratio',
    unit: PERCENT,
    polarity: 'higher',
    baseline: 0.7,
    target: 0.8,
    weight: 1,
    cadence: 'monthly',
    finalScore: 1.01,
  },
];

/** mulberry32: a tiny seeded generator, enough for plausible noise that is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seededBytes(random: () => number): RandomSource {
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  };
}

/** Days since the last review that keep a KPI inside its cadence (nothing overdue except what is planted). */
const REVIEWED_DAYS_AGO: Record<Cadence, number> = {
  weekly: 2,
  biweekly: 5,
  monthly: 9,
  quarterly: 25,
  semiannual: 40,
  annual: 60,
};

const MONTHS = 12;

/** Rounds a generated actual the way the unit is reported (whole customers, tenths of a percent). */
function roundFor(kpi: DemoKpi, value: number): number {
  if (kpi.unit === PERCENT) return Math.round(value * 10000) / 10000;
  if (Math.abs(kpi.target) >= 20) return Math.round(value);
  return Math.round(value * 100) / 100;
}

function actualAt(kpi: DemoKpi, month: number, random: () => number): number {
  if (kpi.path) return kpi.path(month);
  const span = kpi.target - kpi.baseline;
  const progress = (kpi.finalScore * month) / MONTHS;
  // Noise shrinks to nothing in the final month, so the latest actual gives exactly the planned score.
  const noise = month === MONTHS ? 0 : (random() - 0.5) * 0.08 * (MONTHS - month) * 0.25;
  return kpi.baseline + span * (progress + noise);
}

export function demoRegister({ lang, today }: DemoOptions): DemoRegister {
  const random = seededRandom(20260101);
  const day = startOfLocalDay(today);
  const lastPeriod = monthEnd(subMonths(day, 1));
  const start = startOfMonth(subMonths(lastPeriod, MONTHS - 1));
  const deadline = addDays(addMonths(start, MONTHS + 3), -1);

  // Real register ids (never row numbers), from a seeded generator so they are the same on every run.
  const nextId = idGenerator({ random: seededBytes(random), now: () => start.getTime() });
  const ids = new Map(DEMO_KPIS.map((demo) => [demo.key, nextId()]));
  const idOf = (key: string): string => ids.get(key) as string;

  const kpis: Kpi[] = DEMO_KPIS.map((demo) => ({
    id: idOf(demo.key),
    name: demo.name[lang],
    description: demo.description[lang],
    owner: PEOPLE[demo.owner].name[lang],
    level: demo.level,
    department: demo.department && DEPARTMENTS[demo.department][lang],
    parent_id: demo.parent && idOf(demo.parent),
    type: demo.type,
    timing: demo.timing,
    form: demo.form,
    unit: demo.unit[lang],
    polarity: demo.polarity,
    baseline: demo.baseline,
    target: demo.target,
    weight: demo.weight,
    role: 'core',
    framework: demo.framework ?? 'KPI',
    start,
    deadline,
    cadence: demo.cadence,
    last_review: addDays(day, -REVIEWED_DAYS_AGO[demo.cadence]),
    volume_id: demo.volume && idOf(demo.volume),
  }));

  const checkIns: CheckIn[] = [];
  for (let month = 1; month <= MONTHS; month++) {
    const periodEnd = monthEnd(addMonths(start, month - 1));
    for (const demo of DEMO_KPIS) {
      const owner = PEOPLE[demo.owner].name[lang];
      checkIns.push({
        kpi_id: idOf(demo.key),
        period_end: periodEnd,
        actual: roundFor(demo, actualAt(demo, month, random)),
        note: noteFor(demo, month, lang),
        entered_by: owner,
        entered_at: addDays(periodEnd, 3),
      });
    }
  }
  for (const kpi of kpis) kpi.actual = latestActual(checkIns, kpi.id);
  return {
    kpis,
    checkIns,
    planted: {
      overloadedOwner: PLANTED.overloadedOwner[lang],
      laggingWithoutLeading: idOf(PLANTED.laggingWithoutLeading),
      ratio: idOf(PLANTED.ratio),
      volume: idOf(PLANTED.volume),
    },
  };
}

/** The month's last calendar day at midnight (dates in the register are calendar dates). */
const monthEnd = (date: Date): Date => startOfDay(endOfMonth(date));

function latestActual(checkIns: readonly CheckIn[], id: string): number | undefined {
  let latest: CheckIn | undefined;
  for (const checkIn of checkIns) {
    if (checkIn.kpi_id === id && (!latest || checkIn.period_end > latest.period_end)) latest = checkIn;
  }
  return latest?.actual;
}

/** A few notes where a manager would write one, so the Check-ins sheet reads like a real history. */
function noteFor(demo: DemoKpi, month: number, lang: Lang): string | undefined {
  if (demo.key === PLANTED.volume && month > 6) {
    return lang === 'en'
      ? 'Fewer orders: a competitor opened a same-day delivery service.'
      : '訂單減少：競爭對手推出即日送貨服務。';
  }
  if (demo.key === 'CS-AHT' && month === 4) {
    return lang === 'en'
      ? 'New chat system rolled out; agents still learning.'
      : '推出新客服系統，同事仍在適應。';
  }
  if (demo.key === 'OKR-GBA-ORDERS' && month === 1) {
    return lang === 'en' ? 'Store launched in the middle of the month.' : '商店於月中開業。';
  }
  return undefined;
}
