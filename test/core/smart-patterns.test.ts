import { checkSmart, extract } from '../../src/core/smart';
import { foldSimplified } from '../../src/core/smart/normalize';
import { onWordBoundaries } from '../../src/core/smart/specific';

/** The patterns of issue 11, each read the way a careful manager would. */
const verdicts = (text: string, parent?: string) =>
  checkSmart({ text, parent })
    .criteria.filter((c) => !c.pass)
    .map((c) => c.letter)
    .join('');
const roles = (text: string) => extract(text).quantities.map((q) => [q.value, q.kind, q.role]);

describe('numbers written in words', () => {
  it.each([
    ['鼠患黑點數目於 2023 年底前減半', [[0.5, 'percent', 'change']]],
    ['投訴個案減少百分之二十', [[0.2, 'percent', 'change']]],
    [
      '網上訂單佔比由七成提升至八成半',
      [
        [0.7, 'percent', 'from'],
        [0.85, 'percent', 'to'],
      ],
    ],
    ['每季舉辦六次培訓', [[6, 'count', 'value']]],
    ['處理量增加一倍', [[1, 'percent', 'change']]],
    ['Increase revenue by ten percent', [[0.1, 'percent', 'change']]],
    ['Average handling time of twelve minutes', [[12, 'duration', 'target']]],
    ['Cut complaints by half', [[0.5, 'percent', 'change']]],
    ['Double the leads from the website', [[1, 'percent', 'change']]],
  ])('%s', (text, expected) => {
    expect(roles(text)).toEqual(expected);
  });

  it('reads 由六年降至約四年半 as a cut from 6 to 4.5 years, which is achievable', () => {
    const result = checkSmart({ text: '目标是在四年内(即2026-27年度)把公屋综合轮候时间由六年降至约四年半' });
    expect([result.baseline, result.target, result.polarity]).toEqual([6, 4.5, 'lower']);
    expect(result.criteria[2].pass).toBe(true);
  });
});

describe('fiscal years and year ranges are periods, never numbers', () => {
  it.each([
    '2019-20 年度投訴個案由 120 宗減至 100 宗',
    '在未來十年(2023-24 至 2032-33 年度)提供約 3,300 公頃土地',
    'FY2025/26 online store revenue of HK$5M',
    'Online orders in 2024-25 to reach 12,000',
  ])('%s', (text) => {
    const ex = extract(text);
    expect(ex.quantities.every((q) => !/^20\d\d$|^\d\d$/.test(String(q.value)))).toBe(true);
    expect(ex.times.length).toBeGreaterThan(0);
  });

  it('does not read a date such as 2026-06-30 as a fiscal year', () => {
    expect(extract('by 2026-06-30').times.map((t) => t.kind)).toEqual(['date']);
  });
});

describe('units of time are converted', () => {
  it.each([
    ['Reduce response time for Kowloon shops from 2 hours to 90 minutes by 2026', true],
    ['Reduce delivery time for online orders from 6 weeks to 30 days by 2026', true],
    ['Cut average handling time for phone support from 1:30 to 1:10 in Q1 2026', true],
    ['Cut average handling time for phone support from 1:30 to 0:20 in Q1 2026', false],
  ])('%s → achievable %p', (text, pass) => {
    expect(checkSmart({ text }).criteria[2].pass).toBe(pass);
  });
});

describe('baselines said in other ways', () => {
  it.each([
    ['總量比過去五年所收回的 120 公頃多', 120],
    ['建屋量將增至約 158 000 個單位,較上一個五年期的約 105 000 個單位提高約五成', 105000],
    ['Online orders reached 5,000, up from 4,000', 4000],
    ["Kowloon store sales of HK$2M compared with last year's HK$1.8M", 1800000],
    ['the current average wait of 12 minutes to 10 minutes', 12],
  ])('%s', (text, baseline) => {
    expect(extract(text).baseline?.value).toBe(baseline);
  });

  it('pairs a relative change given with amounts with the amounts, not with the change', () => {
    const ex = extract('Grow online revenue by 50%: from $2M to $3M in FY2026');
    expect([ex.from?.value, ex.to?.value]).toEqual([2e6, 3e6]);
  });
});

describe('Specific: what is measured, for whom or where (the guide: 量度甚麼、對象或地區)', () => {
  it.each([
    ['NPS from 32 to 45 by Q2 2026', 'S'],
    ['客戶續約率達 90%,2026 年內', 'S'],
    ['Improve employee engagement', 'S'],
    ['Raise NPS of corporate accounts from 32 to 45 by Q2 2026', ''],
    ['加盟店新客戶轉換率由 12% 提升至 15%,今年內', ''],
    ['運輸組車輛使用率達 88%,每月', ''],
    ['網上門市新客戶轉換率由 12% 提升至 18%,2026 年第一季', ''],
  ])('%s', (text, failsS) => {
    expect(verdicts(text, 'P').includes('S') ? 'S' : '').toBe(failsS);
  });

  it('names the word it judged, and reads a whole population as no scope', () => {
    const zh = checkSmart({ text: '將顧客滿意度提升至 4.8/5' }).criteria[0];
    expect([zh.key, zh.reason]).toEqual(['s.population', expect.stringContaining('「顧客」')]);
    const area = checkSmart({ text: '提升業績' }).criteria[0];
    expect(area.reason).toContain('「業績」');
    const vague = checkSmart({ text: 'Be the best' }).criteria[0];
    expect(vague.reason).toContain('"Be the best"');
  });

  it('does not take an area word inside a name or a compound as the area', () => {
    // 發展局 is a bureau: the definition measures land, not "development".
    const ex = extract('發展局在 2025 年內提供 3,300 公頃土地');
    expect(ex.metricTier).not.toBe('area');
  });

  it('reads a metric whose name begins with a number as one name (30-day, 7-day)', () => {
    expect(
      extract('Raise the 30-day repeat purchase rate for online members to 25% by Q4').quantities.map(
        (q) => q.value,
      ),
    ).toEqual([0.25]);
  });

  it('matches Chinese scope words on word boundaries only', () => {
    expect(onWordBoundaries('香港地區線上門市', 2, 4)).toBe(true);
    expect(onWordBoundaries('香港地區線上門市', 3, 4)).toBe(false);
  });
});

describe('Time-bound: a service standard is a response time, not a deadline', () => {
  it.each([
    ['Issue tender invitations within twelve working days upon receipt of specifications: 93%', 'T'],
    ['在接獲申請後十個工作天內發出通知 95%', 'T'],
    ['Answer 90% of hotline calls within 30 seconds', 'T'],
    ['90%的來港工作簽證申請能在四星期內完成處理', 'T'],
    ['Pledge in 2024: answer 90% of hotline calls within 30 seconds', ''],
    ['在接獲申請後十個工作天內發出通知 95%(每月量度)', ''],
    ['Launch the Kowloon online store within 6 months', ''],
    ['Achieve a satisfaction score of 90% for Kowloon shops within six months', ''],
    ['Reduce staff turnover in the call centre by 10% within the next 12 months', ''],
  ])('%s', (text, failsT) => {
    expect(verdicts(text).includes('T') ? 'T' : '').toBe(failsT);
  });

  it('counts the window of a service standard as its measurable target', () => {
    expect(checkSmart({ text: '一般性问题由承办单位在三个工作日内办理完毕' }).criteria[1].pass).toBe(true);
  });
});

describe('Simplified Chinese', () => {
  it('is folded one character for one, leaving characters that are Traditional too', () => {
    expect(foldSimplified('客户满意度')).toBe('客戶滿意度');
    expect(foldSimplified('批准率')).toBe('批准率');
    expect(foldSimplified('网上门市新客户转换率').length).toBe('网上门市新客户转换率'.length);
  });

  it('is read too, and answered in Traditional Chinese', () => {
    const result = checkSmart({ text: '将网上门市新客户转换率从12%提升至18%,2026年第一季' });
    expect(result.lang).toBe('zh-HK');
    expect(result.criteria.map((c) => c.pass)).toEqual([true, true, true, false, true]);
    expect(result.criteria[3].reason).toContain('未連結上層目標');
  });
});
