import { extract } from '../../src/core/smart';
import { foldWidth, readSmallNumber } from '../../src/core/smart/normalize';
import { readSpecificity } from '../../src/core/smart/specific';

const iso = (date: Date | undefined) =>
  date &&
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** The quantities as [value, kind] pairs, for compact tables. */
const quantities = (text: string) => extract(text).quantities.map((q) => [q.value, q.kind]);

describe('reading numbers with their units', () => {
  it.each([
    ['Conversion 18%', [[0.18, 'percent']]],
    ['達 百分之 15', [[0.15, 'percent']]],
    ['Revenue HK$1.2M', [[1_200_000, 'currency']]],
    ['Budget US$3k', [[3000, 'currency']]],
    ['營業額 200 萬港元', [[2_000_000, 'currency']]],
    ['RMB 500 per order', [[500, 'currency']]],
    ['目標 5 億港元', [[500_000_000, 'currency']]],
    ['Sell 2,000 units', [[2000, 'count']]],
    ['120 customers', [[120, 'count']]],
    ['40 宗查詢', [[40, 'count']]],
    ['80 個新客戶', [[80, 'count']]],
    ['3,000 人次', [[3000, 'count']]],
    ['Wait 300 s', [[300, 'duration']]],
    ['Wait 300s', [[300, 'duration']]],
    ['24 hours', [[24, 'duration']]],
    ['30 分鐘', [[30, 'duration']]],
    ['3 天', [[3, 'duration']]],
    ['API 200 ms', [[200, 'duration']]],
    ['Score 4.5 分', [[4.5, 'score']]],
    ['Rating 4.5/5', [[4.5, 'score']]],
    ['4.5 stars', [[4.5, 'score']]],
    ['ROAS 3.2x', [[3.2, 'multiple']]],
    ['up 2 percentage points', [[0.02, 'points']]],
    ['提升 2 個百分點', [[0.02, 'points']]],
    ['Reach 50', [[50, 'plain']]],
    ['Waste 400 kg', [[400, 'count']]],
  ])('%s', (text, expected) => {
    expect(quantities(text)).toEqual(expected);
  });

  it('keeps percentages as fractions without floating-point noise', () => {
    expect(extract('from 2.5% to 1.8%').quantities.map((q) => q.value)).toEqual([0.025, 0.018]);
  });

  it('does not read digits inside words, dates and periods as quantities', () => {
    expect(quantities('Q1 2026 H2 FY26 B2B CO2')).toEqual([]);
    expect(quantities('within 90 days, by 30 June 2026')).toEqual([]);
    expect(quantities('2026 年第一季,90 日內')).toEqual([]);
  });

  it('does not read labels such as "line 3" or "Store 12" as targets', () => {
    expect(quantities('defects on line 3 and at Store 12')).toEqual([]);
  });

  it('separates a number from a year after a full-width comma (40,2026 年)', () => {
    expect(quantities('由 30 提升至 40,2026 年下半年')).toEqual([
      [30, 'plain'],
      [40, 'plain'],
    ]);
  });
});

describe('reading "from X to Y"', () => {
  const pair = (text: string) => {
    const ex = extract(text);
    return [ex.from?.value, ex.to?.value, ex.polarity];
  };
  it.each([
    ['from 12% to 18%', [0.12, 0.18, 'higher']],
    ['從 12% 提升至 18%', [0.12, 0.18, 'higher']],
    ['由 360 秒減至 300 秒', [360, 300, 'lower']],
    ['from 360s down to 300s', [360, 300, 'lower']],
    ['from 80 new customers a month to 120', [80, 120, 'higher']],
    ['to 18% (from 12%)', [0.12, 0.18, 'higher']],
    ['HK$520, up from HK$480', [480, 520, 'higher']],
    ['to 50k visits per month from 30k', [30000, 50000, 'higher']],
    ['70% → 80%', [0.7, 0.8, 'higher']],
    ['70% -> 80%', [0.7, 0.8, 'higher']],
    ['每月新增客戶 80 個提升至 500 個', [80, 500, 'higher']],
    ['由 HK$300 至 HK$240', [300, 240, 'lower']],
    ['由 120 萬港元增加至 150 萬港元', [1_200_000, 1_500_000, 'higher']],
    ['由 HK$80 萬增至 HK$100 萬', [800_000, 1_000_000, 'higher']],
    ['從１２%提升至１８%', [0.12, 0.18, 'higher']],
  ])('%s', (text, expected) => {
    expect(pair(text)).toEqual(expected);
  });

  it('gives a bare number the unit of the other side (from 12 to 18%)', () => {
    const ex = extract('from 12 to 18%');
    expect([ex.from?.value, ex.from?.kind]).toEqual([0.12, 'percent']);
  });

  it('does not pair a label with the next number ("line 3 from 2.5% to 1.8%")', () => {
    const ex = extract('Lower the defect rate on production line 3 from 2.5% to 1.8%');
    expect([ex.from?.value, ex.to?.value, ex.polarity]).toEqual([0.025, 0.018, 'lower']);
  });

  it('does not read a plain list of numbers as a change', () => {
    const ex = extract('Serve 120 customers with 8 staff');
    expect(ex.from).toBeUndefined();
    expect(ex.target?.value).toBe(120);
  });
});

describe('reading baselines, targets, scales and relative changes', () => {
  it('reads a baseline after "baseline" / "currently" / 目前 / 去年', () => {
    expect(extract('to 18% (baseline 12%)').baseline?.value).toBe(0.12);
    expect(extract('to 18%, currently 12%').baseline?.value).toBe(0.12);
    expect(extract('目前 12%,目標 18%').baseline?.value).toBe(0.12);
    expect(extract('去年平均每月新增客戶 80 個,今年目標 120 個').baseline?.value).toBe(80);
    expect(extract('去年平均每月新增客戶 80 個,今年目標 120 個').target?.value).toBe(120);
  });
  it('reads a scale ("滿分 5 分", "out of 100") as neither target nor baseline', () => {
    const ex = extract('每月客戶滿意度調查分數達 4.5 分(滿分 5 分)以上');
    expect(ex.quantities.map((q) => q.role)).toEqual(['target', 'scale']);
    expect(ex.target?.value).toBe(4.5);
    expect(extract('a score of 80 out of 100').quantities.map((q) => q.role)).toEqual(['target', 'scale']);
  });
  it.each([
    ['Increase revenue by 20%', 0.2, 'up'],
    ['Cut costs by 10%', 0.1, 'down'],
    ['營收增長 30%', 0.3, 'up'],
    ['採購成本降低 8%', 0.08, 'down'],
    ['Grow revenue 10% YoY', 0.1, 'up'],
    ['a 15% reduction in overtime', 0.15, 'down'],
  ])('reads "%s" as a relative change', (text, share, direction) => {
    const change = extract(text).change;
    expect([change?.quantity.value, change?.direction]).toEqual([share, direction]);
  });
  it('reads a percentage after "to" as a level, not a change', () => {
    const ex = extract('Increase conversion rate to 18%');
    expect(ex.change).toBeUndefined();
    expect(ex.target?.value).toBe(0.18);
  });
  it('reads the polarity of "maintain" as closer', () => {
    expect(extract('Maintain 98% order accuracy').polarity).toBe('closer');
    expect(extract('維持 99.5% 系統可用率').polarity).toBe('closer');
  });
});

describe('reading dates, quarters and periods', () => {
  const first = (text: string) => {
    const time = extract(text).times[0];
    return time && [time.kind, time.raw, iso(time.date)];
  };
  it.each([
    ['by 30 June 2026', ['date', '30 June 2026', '2026-06-30']],
    ['by 30th June, 2026', ['date', '30th June, 2026', '2026-06-30']],
    ['by June 30, 2026', ['date', 'June 30, 2026', '2026-06-30']],
    ['by 2026-06-30', ['date', '2026-06-30', '2026-06-30']],
    ['by 30/6/2026', ['date', '30/6/2026', '2026-06-30']],
    ['2026年6月30日前', ['date', '2026年6月30日', '2026-06-30']],
    ['2026 年 6 月 30 日前', ['date', '2026 年 6 月 30 日', '2026-06-30']],
    ['by December 2026', ['month', 'December 2026', '2026-12-31']],
    ['2026 年 12 月底前', ['month', '2026 年 12 月', '2026-12-31']],
    ['6月底前', ['month', '6月底', undefined]],
    ['Q1 2026', ['quarter', 'Q1 2026', '2026-03-31']],
    ['2026 Q2', ['quarter', '2026 Q2', '2026-06-30']],
    ['Q3 FY26', ['quarter', 'Q3 FY26', '2026-09-30']],
    ['first quarter of 2026', ['quarter', 'first quarter of 2026', '2026-03-31']],
    ['2026 年第一季', ['quarter', '2026 年第一季', '2026-03-31']],
    ['2026年Q4', ['quarter', '2026年Q4', '2026-12-31']],
    ['by Q3', ['quarter', 'Q3', undefined]],
    ['H1 2026', ['half', 'H1 2026', '2026-06-30']],
    ['2026 年下半年', ['half', '2026 年下半年', '2026-12-31']],
    ['FY2026', ['fiscal-year', 'FY2026', undefined]],
    ['FY2026/27', ['fiscal-year', 'FY2026/27', undefined]],
    ['2026 財年', ['year', '2026 財年', '2026-12-31']],
    ['by end of 2026', ['year', 'by end of 2026', '2026-12-31']],
    ['in 2027', ['year', 'in 2027', '2027-12-31']],
    ['2026 revenue target', ['year', '2026', '2026-12-31']],
    ['by mid-2026', ['year', 'by mid-2026', '2026-12-31']],
    ['2026年內開設 3 間分店', ['year', '2026年', '2026-12-31']],
  ])('%s', (text, expected) => {
    expect(first(text)).toEqual(expected);
  });

  it.each([
    ['this quarter', 'relative', 'quarter'],
    ['by mid-year', 'relative', 'year'],
    ['QTD', 'relative', 'quarter'],
    ['next month', 'relative', 'month'],
    ['by year-end', 'relative', 'year'],
    ['by the end of the year', 'relative', 'year'],
    ['this financial year', 'relative', 'year'],
    ['本季度', 'relative', 'quarter'],
    ['今年內', 'relative', 'year'],
    ['年底前', 'relative', 'year'],
    ['本學年', 'relative', 'year'],
    ['within 90 days', 'within', 'day'],
    ['over the next 12 months', 'within', 'month'],
    ['90 日內', 'within', 'day'],
    ['三個月內', 'within', 'month'],
    ['monthly', 'recurring', 'month'],
    ['per month', 'recurring', 'month'],
    ['every week', 'recurring', 'week'],
    ['120/month', 'recurring', 'month'],
    ['quarterly', 'recurring', 'quarter'],
    ['每月', 'recurring', 'month'],
    ['每週', 'recurring', 'week'],
    ['每季', 'recurring', 'quarter'],
    ['按月', 'recurring', 'month'],
    ['年度營業額', 'recurring', 'year'],
  ])('%s is a %s period of a %s', (text, kind, unit) => {
    const time = extract(text).times[0];
    expect([time?.kind, time?.unit]).toEqual([kind, unit]);
  });

  it('reads the length of a window', () => {
    expect(extract('within 90 days').times[0].count).toBe(90);
    expect(extract('三個月內').times[0].count).toBe(3);
    expect(extract('over the next two quarters').times[0].count).toBe(2);
  });

  it('rejects impossible dates (keeping the month when one is named)', () => {
    expect(extract('by 31 June 2026').times.map((t) => t.kind)).toEqual(['month']);
    expect(extract('by 2026-02-30').times).toEqual([]);
  });

  it('does not take a count or a duration for a period', () => {
    expect(extract('Sell 2000 units').times).toEqual([]);
    expect(extract('Inventory days 30 days').times).toEqual([]);
    expect(extract('每位客戶').times).toEqual([]);
    expect(extract('may improve').times).toEqual([]);
  });
});

describe('reading what is measured and for whom', () => {
  it.each([
    ['conversion rate in Hong Kong', 'specific', 'conversion rate', 'Hong Kong'],
    ['average handling time for phone support', 'specific', 'average handling time', 'phone'],
    ['NPS', 'specific', 'NPS', undefined],
    ['new customers', 'basic', 'customers', 'new customers'],
    ['revenue', 'basic', 'revenue', undefined],
    ['improve sales', 'area', 'sales', undefined],
    ['customer service', 'area', 'service', undefined],
    ['Be the best', undefined, undefined, undefined],
    ['at any rate', undefined, undefined, undefined],
    ['香港地區線上門市的新客戶轉換率', 'specific', '新客戶轉換率', '香港'],
    ['客服平均處理時間', 'specific', '客服平均處理時間', '客服'],
    ['提升客戶流失率', 'specific', '客戶流失率', undefined],
    ['營業額', 'basic', '營業額', undefined],
    ['改善客戶服務', 'area', '服務', undefined],
    ['提高效率', 'area', '效率', undefined],
    ['每位客服人員', undefined, undefined, '每位'],
  ])('%s', (text, tier, metric, scope) => {
    const found = readSpecificity(text, /[\u4e00-\u9fff]/.test(text));
    expect([found.tier, found.metric, found.scope]).toEqual([tier, metric, scope]);
  });

  it('does not take HK$ for Hong Kong, nor "at least" for a place', () => {
    expect(readSpecificity('revenue of HK$60M', false).scope).toBeUndefined();
    expect(readSpecificity('at least 95%', false).scope).toBeUndefined();
    expect(readSpecificity('in HK', false).scope).toBe('HK');
  });
});

describe('text normalisation', () => {
  it('folds full-width digits and punctuation and keeps positions', () => {
    expect(foldWidth('２０２６年,１２%(滿分５分)')).toBe('2026年,12%(滿分5分)');
    expect(foldWidth('plain')).toBe('plain');
    const text = '從１２%提升至１８%';
    expect(foldWidth(text)).toHaveLength(text.length);
  });
  it('reads small Chinese numerals', () => {
    expect(['三', '十二', '二十四', '一百八十', '兩', '半', '90'].map(readSmallNumber)).toEqual([
      3, 12, 24, 180, 2, 0.5, 90,
    ]);
    expect(readSmallNumber('個')).toBeUndefined();
  });
});
