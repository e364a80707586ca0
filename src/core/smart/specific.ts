/**
 * The Specific test reads two things: WHAT is measured (a metric) and FOR WHOM or WHERE (a scope).
 * Metrics come in three strengths:
 * - `specific`: a named measure ("conversion rate", "average handling time", 轉換率, 處理時間, NPS);
 * - `basic`: a countable or financial quantity ("customers", "revenue", 客戶, 營業額);
 * - `area`: a broad area that is not yet a measure ("sales", "service", 銷售, 服務, 業績).
 * The word lists are deliberately generous with measures and strict with areas: a definition should
 * fail Specific only when a reader could not tell what number will be reported, or for whom.
 */
import { allMatches } from './matches';

export type MetricTier = 'specific' | 'basic' | 'area';

export interface Specificity {
  /** The metric as written, e.g. "conversion rate" or "轉換率". */
  metric?: string;
  tier?: MetricTier;
  /** The first scope found: a region, channel, team, segment, product or "per customer". */
  scope?: string;
}

const SPECIFIC_EN = new RegExp(
  [
    // Named compound measures: "conversion rate", "gross margin", "satisfaction score", "market share".
    String.raw`\b[a-z][a-z-]{1,20}\s+(?:rates?|ratios?|scores?|margins?|shares?|index|indices|yields?|percentage|accuracy|utili[sz]ation|availability|occupancy|compliance|coverage|penetration|adoption|attendance)\b`,
    String.raw`\b(?:handling|handle|response|resolution|waiting|wait|lead|cycle|delivery|turnaround|processing|queue|hold|call|onboarding|ramp[- ]up|setup|fulfil?ment|shipping|dispatch|repair|recovery|reply|checkout|check[- ]out|loading|load|page[- ]load|transit|approval|payback)\s+times?\b`,
    String.raw`\btime[- ]to[- ][a-z]+\b`,
    String.raw`\b(?:overtime|training|billable|labou?r|machine|volunteer|man)[- ]hours\b`,
    String.raw`\b(?:average|avg\.?|mean|median)\s+(?!of\b)[a-z][a-z-]+(?:\s+[a-z][a-z-]+)?`,
    String.raw`\bnumber\s+of\s+[a-z][a-z-]+`,
    String.raw`\b(?:net promoter score|customer satisfaction|employee satisfaction|employee engagement|market share|headcount|basket size|order value|ticket size|inventory days|receivable days|payable days|days payable outstanding|days inventory outstanding|inventory turns?|stock turns?|days sales outstanding|share of wallet|first[- ](?:call|contact|time) (?:resolution|fix)|sales volume|sales revenue|net sales|gross sales|gross profit|net profit|operating profit|free cash flow|cash flow|throughput|downtime|uptime|stock[- ]?outs?|out[- ]of[- ]stocks?|on[- ]time (?:delivery|shipment|dispatch|payment|completion))\b`,
    String.raw`\b(?:cost|revenue|sales|profit|spend|output|calls|orders|tickets|units|visits|leads)\s+per\s+[a-z]+`,
    String.raw`\b(?:nps|csat|ces|aht|fcr|cac|ltv|clv|roas|roi|ctr|cpc|cpl|cpa|cpo|cpm|arpu|aov|mrr|arr|ebitda|ebit|gmv|otif|oee|mttr|mtbf|dso|dpo|dio|wau|mau|dau|eps|roe|roa|nim)\b`,
  ].join('|'),
  'i',
);

/** 效率, 頻率, 機率 and 概率 end in 率 but are not rates of anything counted. */
const NOT_A_RATE = /[效頻機概]率$/;

/** Words a compound measure must not start with ("at any rate", "the first time"). */
const NOT_A_MEASURE =
  /^(?:any|first|fair|the|a|an|our|this|that|its|their|your|my|same|good|better|best|higher|lower|more)\s/i;

const BASIC_EN =
  /\b(?:churn|attrition|customers|clients|users|members|subscribers|visitors|visits|sessions|leads|prospects|orders|transactions|bookings|sign[- ]?ups|registrations|enrolments|enrollments|downloads|installs|tickets|calls|complaints|defects|incidents|errors|returns|refunds|revenues?|turnover|profits?|income|earnings|costs?|expenses|spend|spending|savings|receivables|inventory|units|shipments|deliveries|hires|applicants|candidates|headcount|traffic|impressions|clicks|followers|reviews|ratings?|backlog|deals|contracts|renewals|referrals|accidents|injuries|absences|outages|bugs|releases|deployments|donations|volunteers|patients|students|graduates|footfall|gmv|waste|energy|electricity|water|fuel|paper|emissions|co2|carbon|consumption|emails|messages|enquiries|inquiries|requests|claims|applications|cases|audits)\b/i;

const AREA_EN =
  /\b(?:sales|service|services|performance|quality|efficiency|experience|operations|productivity|image|awareness|morale|communication|processes|process|growth|business|engagement|results|profitability|satisfaction|retention|loyalty)\b/i;

/** Chinese compound measures: most end in 率, 時間, 分數, 滿意度 … (效率 and 頻率 are areas, not rates). */
const SPECIFIC_ZH = new RegExp(
  [
    String.raw`[\u4e00-\u9fffA-Za-z]{0,6}率`,
    String.raw`[\u4e00-\u9fff]{0,6}(?:時間|時長|天數|日數|分數|評分|指數|比例|比率|滿意度|淨推薦值|推薦值|金額|單價|產值|週期|周期|周轉|週轉|市佔)`,
    String.raw`每[次位名個宗張筆人間][\u4e00-\u9fff]{0,4}(?:成本|收入|金額|產值|營業額|時間)`,
  ].join('|'),
);

const BASIC_ZH =
  /客戶(?!服務|體驗|關係)|顧客(?!服務|體驗|關係)|用戶(?!體驗)|會員|訂單|營業額|營收|收入|銷售額|銷售量|銷量|銷售金額|利潤|毛利|純利|盈利|成本|開支|支出|投訴|訪客|訪問量|瀏覽量|流量|點擊|下載|線索|查詢|個案|工單|來電|次品|廢品|產量|產出|出貨量|庫存|應收帳款|應收賬款|現金流|員工人數|人手|入職|註冊|預約|訂閱|粉絲|好評|交易|成交|合約|簽約|續約|轉介|意外|工傷|缺勤|故障|停機|人流|捐款|病人|學生|用電|耗電|用水|用紙|碳排放|排放|廢物|廚餘|加班/;

const AREA_ZH =
  /銷售|服務|業績|表現|質素|質量|品質|效率|體驗|營運|生產力|形象|知名度|士氣|溝通|管理|流程|增長|發展|競爭力|盈利能力|客戶關係/;

const SCOPE_EN = new RegExp(
  [
    String.raw`\b(?:regions?|regional|district|branch(?:es)?|stores?|shops?|outlets?|online|offline|in[- ]store|retail|wholesale|e-?commerce|website|web|app|mobile|channels?|segments?|department|division|business unit|products?|product line|sku|categor(?:y|ies)|plant|factory|warehouse|call cent(?:re|er)|contact cent(?:re|er)|help ?desk|phone|hotline|email|live chat|chat|support|enterprise|smes?|corporate|consumers?|b2b|b2c|vip|new\s+(?:customers?|clients?|users?|members?|accounts?|subscribers?|hires?|employees?|stores?|markets?|case)|existing|returning|repeat|first[- ]time|premium|active|domestic|overseas|international|local|company[- ]wide|group[- ]wide|company|group|hong kong|kowloon|new territories|apac|asia|emea|europe|china|mainland|macau|singapore|taiwan|uk|global|nationwide|agents?|front[- ]?line|emails?|service desk|programmes?|programs?|campaigns?|loyalty|head office|offices?|headquarters|recruitment|marketing|advertising|travel|procurement|payroll|logistics|systems?|servers?|network|academic year|fleet|vehicles?|blog|ig|instagram|facebook|linkedin|youtube|tiktok|wechat|whatsapp|google|xiaohongshu|app store|surveys?|vertical|applicants?|tenants?|residents?|patients?|newsletters?|(?:production|packaging|assembly)\s+lines?|job ?seekers?|candidates?|complainants?|vendors?|suppliers?|invoices?|reports?|applications?|requests?|enquir(?:y|ies)|inquir(?:y|ies)|tenders?|goods|supply|payments?|advice|licen[cs]es?|permits?|visas?|onboarding|furniture|printing|inspection|maintenance|repairs?|estates?|hr|engineering|finance|technical roles?|referrals?)\b`,
    String.raw`\b(?:sales|support|service|customer service|engineering|marketing|finance|hr|it|product|operations|design|legal|field|project)\s+(?:teams?|department|staff|representatives?|reps?|agents?|personnel)\b`,
    String.raw`\b(?:accounts?|customers?|clients?|users?|members?)\s+(?:over|above|with|who|that|aged)\b`,
    String.raw`\bhk\b(?![$])`,
    String.raw`\bper\s+(?:customer|employee|order|store|agent|user|visit|head|staff|member|account|shop|branch|transaction|sales ?rep|rep|seller|table|room|square (?:foot|metre|meter)|sq ?ft)\b`,
  ].join('|'),
  'i',
);

/** "for phone support", "in Kowloon", "across all stores" (but not "in Q1", "for 3 months", "in total"). */
const SCOPE_PLACE_EN = new RegExp(
  String.raw`\b(?:for|in|at|across|among|throughout|within)\s+(?:the\s+|our\s+|all\s+|each\s+|every\s+)?(?!(?:q[1-4]|h[12]|fy|the|end|target|same|next|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|this|next|last|coming|first|second|third|fourth|each|every|jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december|days?|weeks?|months?|quarters?|years?|time|total|general|future|order|line|terms?|full|particular|place|addition|advance|respect|which|all|our|its|their|his|her|usd|hkd|rmb|any|some|most|cases?|progress|half|least|most|risk|once|scale|pace|par|cost|stake|hand|what|how|budget|line|short|detail|full)\b)[a-z]{3,}`,
  'i',
);

const SCOPE_ZH = new RegExp(
  [
    '系統|伺服器|網絡|香港|九龍|新界|港島|離島|澳門|內地|國內|中國|大灣區|深圳|廣州|上海|北京|台灣|海外|本地|亞太|東南亞|全港|全球|地區|區域|分區|各區|[東南西北中]區',
    '門市|分店|店舖|店鋪|實體店|旗艦店|網店|線上|網上|線下|電商|官網|網站|手機|應用程式|渠道|通路|平台',
    '網誌|博客|採購|物流|財務|人事|行銷|專頁|社交媒體|辦公室|總部|分行|學校|醫院|部門|客服部|銷售部|市場部|營運部|財務部|人事部|人力資源部|採購部|物流部|生產部|資訊科技部|團隊|組別|小組|客服中心|熱線|電話|電郵|即時通訊',
    '產品|品牌|系列|貨品|商品|生產線|工廠|廠房|倉庫|貨倉',
    '新客戶|新顧客|新客|新用戶|新會員|新增|現有|舊客|回頭客|首單|企業客戶|中小企|零售|批發|會員|貴賓|VIP|活躍|加盟|經銷|分銷|代理商|直營|直客',
    '申請人|申請者|求職|長者|青年|兒童|客服|廣告|病人|住戶|租戶|業主|旅客|居民|僱主|初創|屋邨|公屋|居屋|房屋|土地|黑點|單位|簽證|許可證|證明書|身份證|牌照|執照|護照|北部都會區|新發展區|各區|社群|電子報|人員',
    '申請|查詢|標書|招標|貨品|物料|家具|印刷|渠|污水|圖則|食水|供水|排水|護衞|清潔|調停|諮詢服務|面談|就業|職位空缺|洽公|意見',
    '每位|每名|每個|每宗|每張|每筆|每間|每人|人均|前線|全公司|集團|本公司|公司',
  ].join('|'),
  'i',
);

/**
 * The Chinese patterns start at the first ideograph they can, which takes in the words before the
 * metric ("香港地區的新客戶轉換率"): keep what follows the last particle, verb or period word.
 */
const ZH_LEAD =
  /^.*(?:[的之要將把從由在於,、。;:]|提升|提高|增加|減少|降低|改善|維持|保持|達到|達成|縮短|增長|控制|優化|加強|每月|每季|每週|每年|每日|本季|今年)/;

/** Whole populations: naming them alone says for whom only as "everyone" (the guide: 對象或地區). */
const POPULATION =
  /\b(?:customers?|clients?|employees?|staff|users?|people|everyone|public)\b|客戶|顧客|客人|員工|同事|用戶|市民|民眾|公眾/i;

/** Head nouns that make an area word part of a name or compound (發展局, 服務承諾, 銷售部). */
const COMPOUND_HEAD = /^(?:局|區|署|處|部|科|組|中心|委員會|公司|集團|承諾|計劃|基金|園區)/;

let segmenter: Intl.Segmenter | undefined | null;
/** The Chinese word segmenter (ICU, in Node and every browser); null where the runtime has none. */
function zhSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    try {
      segmenter = new Intl.Segmenter('zh-Hant', { granularity: 'word' });
    } catch {
      segmenter = null;
    }
  }
  return segmenter;
}

const chineseAt = (text: string, i: number) => i >= 0 && i < text.length && /[\u3400-\u9fff]/.test(text[i]);
/** Next to a space, digit, Latin letter or punctuation a Chinese word always ends: nothing to segment. */
const touchesChinese = (text: string, start: number, end: number) =>
  chineseAt(text, start - 1) || chineseAt(text, end);

/**
 * True when text[start, end) is made of whole words: its ends fall on word boundaries, so 「區」 in
 * 「地區」 or 「新」 in 「新界」 is not matched on its own. Segments a short window only (linear, cheap).
 */
export function onWordBoundaries(text: string, start: number, end: number): boolean {
  if (!touchesChinese(text, start, end)) return true;
  const seg = zhSegmenter();
  if (!seg) return true;
  // A few characters either side decide the boundaries; segmenting only those keeps this cheap.
  const from = Math.max(0, start - 4);
  const to = Math.min(text.length, end + 4);
  const segments = seg.segment(text.slice(from, to));
  // A position is a boundary when the segment containing it starts there. Asking for the two positions
  // (`containing`) costs about half of walking every segment of the window.
  const boundary = (i: number) => i === from || i === to || segments.containing(i - from)?.index === i - from;
  return boundary(start) && boundary(end);
}

const GLOBALS = new WeakMap<RegExp, RegExp>();
/** The global twin of a pattern, compiled once. */
function globalOf(re: RegExp): RegExp {
  let global = GLOBALS.get(re);
  if (!global) {
    global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    GLOBALS.set(re, global);
  }
  return global;
}

/** Compounds hide one- and two-character words (區 in 地區, 新客 in 新客戶); longer ones stand alone. */
const mayBePartOfWord = (m: RegExpExecArray) => m[0].length <= 2 && /^[\u4e00-\u9fff]/.test(m[0]);
const standsAlone = (text: string, m: RegExpExecArray) =>
  !mayBePartOfWord(m) || onWordBoundaries(text, m.index, m.index + m[0].length);

/** The first match of a Chinese word list that stands as words of its own and not as part of a name. */
function firstZhWord(re: RegExp, text: string, rejectCompound: boolean): string | undefined {
  for (const m of allMatches(globalOf(re), text)) {
    // The cheap test first: a compound head rejects the word whatever the segmenter says.
    if (rejectCompound && COMPOUND_HEAD.test(text.slice(m.index + m[0].length))) continue;
    if (standsAlone(text, m)) return m[0];
  }
  return undefined;
}

/**
 * Some Chinese scope word of the text (not necessarily the first): the words that need no segmenter
 * are tried before those that do, as the segmenter costs more than everything else in a check.
 */
function someZhScope(text: string): string | undefined {
  const matches = allMatches(globalOf(SCOPE_ZH), text);
  for (const m of matches) {
    if (!mayBePartOfWord(m) || !touchesChinese(text, m.index, m.index + m[0].length)) return m[0];
  }
  for (const m of matches) if (standsAlone(text, m)) return m[0];
  return placeByHead(text);
}

/**
 * Chinese words whose head noun names a place or a unit: a shop (加盟店, 旗艦店), a district (九龍區),
 * a department or team (銷售部, 運輸組), a centre, station, plant or line.
 */
const PLACE_HEAD = /^[\u4e00-\u9fff]{1,6}(?:店|門市|分行|區|部|組|隊|科|中心|站|廠|倉|辦事處|線)$/;
const NOT_A_PLACE = /^(?:地區|全部|部分|內部|外部|局部|全區|社區|小組|大部)$/;

/** A word of the text that names a place or unit by its head noun, found with the word segmenter. */
const PLACE_HEAD_CHAR = /[店區部組隊科站廠倉線]|門市|分行|中心|辦事處/g;

function placeByHead(text: string): string | undefined {
  const seg = zhSegmenter();
  if (!seg) return undefined;
  // Segment only a few characters before each head noun: a word ending there names a place or unit.
  for (const head of allMatches(PLACE_HEAD_CHAR, text)) {
    const end = (head.index ?? 0) + head[0].length;
    const from = Math.max(0, end - 7);
    let previous = '';
    for (const { segment, index, isWordLike } of seg.segment(text.slice(from, end))) {
      // The segmenter splits some compounds (加盟|店): judge a word together with the one before it.
      const last = from + index + segment.length === end;
      if (last && isWordLike) {
        const joined = previous + segment;
        if (PLACE_HEAD.test(joined) && !NOT_A_PLACE.test(segment)) return joined;
        if (PLACE_HEAD.test(segment) && !NOT_A_PLACE.test(segment)) return segment;
      }
      previous = isWordLike ? segment : '';
    }
  }
  return undefined;
}

/** The whole population a definition names, if any (for the reason). */
export function findPopulation(text: string): string | undefined {
  return POPULATION.exec(text)?.[0];
}

function firstMatch(re: RegExp, text: string, skip?: RegExp): string | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  if (skip && skip.test(m[0])) {
    // A rejected first match ("the first rate …") must not hide a later real one.
    const rest = text.slice(m.index + m[0].length);
    return firstMatch(re, rest, skip);
  }
  return m[0];
}

/** Only ASCII letters: without the `u` flag, `i` never folds a non-ASCII character to one. */
const LATIN = /[a-z]/i;

/**
 * Reads what is measured and for whom or where. `zh` selects the Chinese lists in addition to English.
 * With `anyScope` the scope is some scope of the text rather than the first: enough for a verdict,
 * which asks only whether there is one, and cheaper (the segmenter is the last resort).
 */
export function readSpecificity(text: string, zh: boolean, anyScope = false): Specificity {
  let metric: string | undefined;
  let tier: MetricTier | undefined;
  // Every English list needs a Latin letter; many Chinese definitions have none.
  const en = LATIN.test(text);
  if (zh && (metric = firstMatch(SPECIFIC_ZH, text, NOT_A_RATE))) {
    tier = 'specific';
    metric = metric.replace(ZH_LEAD, '') || metric;
  } else if (en && (metric = firstMatch(SPECIFIC_EN, text, NOT_A_MEASURE))) tier = 'specific';
  else if (zh && (metric = firstMatch(BASIC_ZH, text))) tier = 'basic';
  else if (en && (metric = firstMatch(BASIC_EN, text))) tier = 'basic';
  else if (zh && (metric = firstZhWord(AREA_ZH, text, true))) tier = 'area';
  else if (en && (metric = firstMatch(AREA_EN, text))) tier = 'area';
  const english = () => (en ? (firstMatch(SCOPE_EN, text) ?? firstMatch(SCOPE_PLACE_EN, text)) : undefined);
  const scope = anyScope
    ? (english() ?? (zh ? someZhScope(text) : undefined))
    : ((zh ? (firstZhWord(SCOPE_ZH, text, false) ?? placeByHead(text)) : undefined) ?? english());
  return { metric: metric?.trim(), tier, scope: scope?.trim() };
}
