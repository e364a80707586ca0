import fc from 'fast-check';
import { KpiError, isKpiError } from '../../src/core/errors';
import { hasChinese, LANGS } from '../../src/core/i18n';
import { SMART_MESSAGES, checkSmart, smartcheckCell } from '../../src/core/smart';
import type { Cell } from '../../src/core/values';
import corpusJson from '../fixtures/smart-corpus.json';

interface CorpusItem {
  text: string;
  target?: number;
  unit?: string;
  deadline?: string | number;
  parent?: string;
  baseline?: number;
  /** The letters of the criteria expected to fail ("" for 5/5). */
  expect: string;
}
const corpus: CorpusItem[] = corpusJson;

/** SMARTCHECK as a worksheet calls it: omitted arguments are blank cells. */
const smart = (
  text: Cell,
  target: Cell = null,
  unit: Cell = null,
  deadline: Cell = null,
  parent: Cell = null,
  baseline: Cell = null,
) => smartcheckCell(text, target, unit, deadline, parent, baseline);

/** The letters of the failing criteria, in order ("SMART" for 0/5, "" for 5/5). */
const failing = (result: unknown) => [...String(result).matchAll(/ · ([SMART]):/g)].map((m) => m[1]).join('');

const PARENT = 'Grow online revenue';
const GOOD_EN = 'Increase new customers in Hong Kong retail from 80 to 120 per month by Q1 2026';
const GOOD_ZH = '2026 年第一季,香港地區線上門市的新客戶轉換率要從 12% 提升至 18%';

describe('SMARTCHECK worked examples', () => {
  it('fails a bare verb phrase on all five criteria, with Chinese reasons', () => {
    const result = smart('提升銷售');
    expect(result).toMatch(/^0\/5 · S: .+ · M: .+ · A: .+ · R: .+ · T: .+$/);
    for (const part of String(result).split(' · ').slice(1)) expect(hasChinese(part)).toBe(true);
  });

  it('passes the guide example with a parent objective', () => {
    expect(smart(GOOD_ZH, null, null, null, 'Grow online revenue')).toBe('5/5');
  });

  it('passes a new-customer KPI from 80 to 120 and fails it from 80 to 500 on Achievable', () => {
    expect(smart(GOOD_EN, null, null, null, PARENT)).toBe('5/5');
    const unrealistic = smart(GOOD_EN.replace('120', '500'), null, null, null, PARENT);
    expect(failing(unrealistic)).toBe('A');
    expect(unrealistic).toContain('80 → 500');
    expect(unrealistic).toContain('unrealistic');
  });

  it('passes M and T for the satisfaction-score example but fails A for want of a baseline', () => {
    const result = checkSmart({ text: '每月客戶滿意度調查分數達 4.5 分(滿分 5 分)以上' });
    // 客戶 is every customer: a measure with a number but no segment is not specific (spec, issue 11).
    expect(result.criteria.map((c) => c.pass)).toEqual([false, true, false, false, true]);
    expect(result.criteria[0].reason).toContain('「客戶」');
    expect(result.criteria[2].key).toBe('a.noBaseline');
    expect(result.criteria[2].reason).toContain('基線');
  });

  it('infers lower-is-better from a handling time going down', () => {
    const result = checkSmart({
      text: 'Reduce average handling time for phone support from 360 s to 300 s by 30 June 2026',
      parent: PARENT,
    });
    expect(result.text).toBe('5/5');
    expect([result.baseline, result.target, result.polarity, result.feasibility]).toEqual([
      360,
      300,
      'lower',
      'STRETCH',
    ]);
    // Halving handling time is as hard as doubling sales: 360 → 150 is unrealistic.
    expect(
      failing(
        smart(
          'Reduce average handling time for phone support from 360 s to 150 s by Q2 2026',
          '',
          '',
          '',
          PARENT,
        ),
      ),
    ).toBe('A');
  });
});

describe('each criterion passes and fails on its own', () => {
  it.each([
    // [text, parent, failing letters, reason key of the failure]
    [GOOD_EN, PARENT, '', undefined],
    ['Increase customers from 80 to 120 per month by Q1 2026', PARENT, 'S', 's.population'],
    [
      'Increase new customers in Hong Kong retail from 80 to 500 per month by Q1 2026',
      PARENT,
      'A',
      'a.tooHigh',
    ],
    [GOOD_EN, '', 'R', 'r.noParent'],
    [GOOD_EN, '   ', 'R', 'r.noParent'],
    ['Increase new customers in Hong Kong retail from 80 to 120', PARENT, 'T', 't.noTime'],
    [
      'Reduce invoice processing time in finance from 5 days to 2 days by March 2026',
      PARENT,
      'A',
      'a.tooLow',
    ],
    ['Hit 95% on-time delivery for Kowloon warehouse orders every week', PARENT, 'A', 'a.noBaseline'],
    ['Grow new customers in Hong Kong retail, baseline 80, by Q1 2026', PARENT, 'MA', 'a.noTarget'],
    ['Reduce safety incidents at the Tsuen Wan plant from 12 to 0 by December 2026', PARENT, 'A', 'a.zero'],
    ['Grow online sales in Hong Kong by 150% in FY2026', PARENT, 'A', 'a.riseTooHigh'],
    ['Cut costs for the Kowloon fleet by 60% next year', PARENT, 'A', 'a.cutTooDeep'],
    ['Improve sales', PARENT, 'SMAT', 's.area'],
    ['Be the best', PARENT, 'SMAT', 's.vague'],
    ['Increase new customers in Hong Kong retail from 80 to 120 ASAP', PARENT, 'T', 't.vague'],
    [GOOD_ZH, PARENT, '', undefined],
    ['2026 年第一季,營業額要從 100 萬港元提升至 120 萬港元', PARENT, 'S', 's.noScope'],
    ['香港地區線上門市的新客戶轉換率要從 12% 提升至 18%', PARENT, 'T', 't.noTime'],
    ['2026 年第一季,香港地區線上門市的新客戶轉換率要從 12% 提升至 30%', PARENT, 'A', 'a.tooHigh'],
    [GOOD_ZH, '', 'R', 'r.noParent'],
    ['香港區線上門市的新客戶轉換率達 18%,2026 年第一季', PARENT, 'A', 'a.noBaseline'],
    ['改善服務', PARENT, 'SMAT', 's.area'],
    ['做得更好', PARENT, 'SMAT', 's.vague'],
    ['香港區線上門市的新客戶轉換率要從 12% 提升至 18%,盡快完成', PARENT, 'T', 't.vague'],
  ])('%s (parent "%s") fails %s', (text, parent, letters, key) => {
    const result = checkSmart({ text, parent });
    expect(failing(result.text)).toBe(letters);
    expect(result.score).toBe(5 - letters.length);
    if (key) expect(result.criteria.find((c) => !c.pass && c.key === key)).toBeDefined();
  });

  it('judges a relative change by its size ("by 50%" is a stretch, "by 150%" is not)', () => {
    expect(failing(smart('Grow online sales in Hong Kong by 50% in FY2026', '', '', '', PARENT))).toBe('');
    expect(failing(smart('Grow online sales in Hong Kong by 150% in FY2026', '', '', '', PARENT))).toBe('A');
  });

  it('treats a change in percentage points as having no baseline', () => {
    const result = checkSmart({
      text: 'Reduce staff turnover in retail stores by 5 percentage points this year',
    });
    expect(result.criteria[2].key).toBe('a.noBaseline');
  });
});

describe('arguments take precedence over the text', () => {
  const text = 'Increase online conversion rate in Hong Kong from 12% to 18% by Q1 2026';
  it('target argument', () => {
    expect(smart(text, 0.2, '', '', PARENT)).toBe('5/5');
    expect(failing(smart(text, 0.4, '', '', PARENT))).toBe('A');
  });
  it('baseline argument', () => {
    expect(failing(smart(text, null, null, null, PARENT, 0.05))).toBe('A');
    expect(smart(text.replace('12%', '4%'), null, null, null, PARENT, 0.12)).toBe('5/5');
  });
  it('target and baseline arguments make a text without numbers measurable and achievable', () => {
    const plain = 'Grow new customers in Hong Kong retail';
    expect(failing(smart(plain, null, null, '2026-06-30', PARENT))).toBe('MA');
    expect(smart(plain, 120, 'customers', '2026-06-30', PARENT, 80)).toBe('5/5');
    expect(smart(plain, '120', 'customers', '2026-06-30', PARENT, '80')).toBe('5/5');
    expect(failing(smart(plain, 500, 'customers', '2026-06-30', PARENT, 80))).toBe('A');
  });
  it('deadline argument as ISO text, serial number or Date', () => {
    const timeless = 'Increase new customers in Hong Kong retail from 80 to 120';
    expect(failing(smart(timeless, null, null, null, PARENT))).toBe('T');
    expect(smart(timeless, null, null, '2026-03-31', PARENT)).toBe('5/5');
    expect(smart(timeless, null, null, 46112, PARENT)).toBe('5/5');
    expect(smart(timeless, null, null, new Date(2026, 2, 31), PARENT)).toBe('5/5');
  });
  it('parent argument as a name or a numeric id', () => {
    expect(smart(GOOD_EN, null, null, null, 'KPI-001')).toBe('5/5');
    expect(smart(GOOD_EN, null, null, null, 7)).toBe('5/5');
  });
  it('shows argument numbers in reasons with the unit, and as percentages beside a text percentage', () => {
    expect(
      smart('Grow new customers in Hong Kong retail', 500, 'customers', '2026-06-30', PARENT, 80),
    ).toContain('80 customers → 500 customers');
    expect(smart(text, 0.4, '', '', PARENT)).toContain('12% → 40%');
    expect(smart('香港區網店的轉換率', 0.4, '%', '2026-06-30', PARENT, 0.12)).toContain('由 12% 到 40%');
  });
});

describe('language, blanks and argument errors', () => {
  it('answers in the language of the text, or in the language asked for', () => {
    const en = checkSmart({ text: 'Improve sales' });
    const zh = checkSmart({ text: '提升銷售' });
    expect(en.lang).toBe('en');
    expect(zh.lang).toBe('zh-HK');
    expect(hasChinese(en.text)).toBe(false);
    expect(zh.criteria.every((c) => hasChinese(c.reason ?? ''))).toBe(true);
    expect(hasChinese(checkSmart({ text: 'Improve sales', lang: 'zh-HK' }).text)).toBe(true);
  });

  it('treats a text with any Chinese as Chinese (mixed text)', () => {
    expect(hasChinese(String(smart('Increase App 下載量')))).toBe(true);
  });

  it.each([[''], ['   '], [null], [undefined]])('blank text %p gives a blank result', (text) => {
    expect(smart(text, 5, 'x', '2026-01-01', 'P', 1)).toBe('');
  });

  it('gives a blank text in the structured result too, with the criteria still judged', () => {
    const result = checkSmart({ text: ' ', parent: PARENT });
    expect(result.text).toBe('');
    expect(result.criteria.find((c) => c.letter === 'R')?.pass).toBe(true);
  });

  it.each([
    ['text is a number', [42]],
    ['text is TRUE', [true]],
    ['text is a date', [new Date(2026, 0, 1)]],
    ['target is text', [GOOD_EN, 'lots']],
    ['target is TRUE', [GOOD_EN, true]],
    ['unit is a number', [GOOD_EN, null, 5]],
    ['deadline is not a date', [GOOD_EN, null, null, 'next week']],
    ['deadline is TRUE', [GOOD_EN, null, null, true]],
    ['parent is TRUE', [GOOD_EN, null, null, null, true]],
    ['parent is a date', [GOOD_EN, null, null, null, new Date(2026, 0, 1)]],
    ['baseline is text', [GOOD_EN, null, null, null, PARENT, 'about 80']],
  ] as Array<[string, Cell[]]>)('%s gives #VALUE!', (_name, args) => {
    const result = smart(...(args as [Cell, Cell?, Cell?, Cell?, Cell?, Cell?]));
    expect(isKpiError(result)).toBe(true);
    expect((result as KpiError).code).toBe('#VALUE!');
  });

  it('passes an error value through and reports the first bad argument', () => {
    const error = new KpiError('#N/A', 'no data');
    expect(smart(error)).toBe(error);
    expect((smart(GOOD_EN, 'x', null, 'y') as KpiError).message).toMatch(/^target/);
    expect(smart(GOOD_EN, null, null, 3_000_000)).toMatchObject({ code: '#NUM!' });
  });

  it('folds full-width digits and punctuation in Chinese text', () => {
    expect(
      smart('２０２６年第一季,香港地區線上門市的新客戶轉換率要從１２%提升至１８%', '', '', '', PARENT),
    ).toBe('5/5');
    expect(failing(smart('每月客戶滿意度調查分數達4.5分(滿分5分)以上'))).toBe('SAR');
  });
});

describe('the structured result for the task pane', () => {
  it('lists the criteria in S, M, A, R, T order with what was extracted', () => {
    const result = checkSmart({ text: GOOD_ZH, parent: PARENT });
    expect(result.criteria.map((c) => c.letter)).toEqual(['S', 'M', 'A', 'R', 'T']);
    expect(result.criteria.every((c) => c.pass && c.reason === undefined)).toBe(true);
    const { extraction } = result;
    expect([extraction.from?.value, extraction.to?.value]).toEqual([0.12, 0.18]);
    expect(extraction.times.map((t) => t.kind)).toEqual(['quarter']);
    expect(extraction.times[0].date).toEqual(new Date(2026, 2, 31));
    expect(extraction.metric).toBe('新客戶轉換率');
    expect(extraction.scope).toBe('香港');
    expect([result.baseline, result.target, result.polarity, result.feasibility]).toEqual([
      0.12,
      0.18,
      'higher',
      'STRETCH',
    ]);
  });

  it('gives every failing criterion a catalog key and its reason', () => {
    const result = checkSmart({ text: 'Improve sales' });
    for (const c of result.criteria) {
      expect(c.pass).toBe(false);
      expect(c.reason).toBe(
        result.text
          .split(' · ')
          .find((p) => p.startsWith(`${c.letter}: `))
          ?.slice(3),
      );
    }
  });
});

describe('the reason catalog', () => {
  it('has the same keys in every language, none left empty', () => {
    const keys = Object.keys(SMART_MESSAGES.en).sort();
    for (const lang of LANGS) {
      expect(Object.keys(SMART_MESSAGES[lang]).sort()).toEqual(keys);
      for (const key of keys)
        expect(SMART_MESSAGES[lang][key as keyof (typeof SMART_MESSAGES)['en']].trim()).not.toBe('');
    }
  });
  it('writes Chinese reasons in Chinese and English reasons without Chinese, with the same placeholders', () => {
    for (const key of Object.keys(SMART_MESSAGES.en) as Array<keyof (typeof SMART_MESSAGES)['en']>) {
      const en = SMART_MESSAGES.en[key];
      const zh = SMART_MESSAGES['zh-HK'][key];
      expect(hasChinese(en)).toBe(false);
      expect(hasChinese(zh)).toBe(true);
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(zh)).toEqual(placeholders(en));
    }
  });
  it('never puts the separator inside a reason', () => {
    for (const lang of LANGS)
      for (const text of Object.values(SMART_MESSAGES[lang])) expect(text).not.toContain('·');
  });
});

describe('the benchmark corpus', () => {
  it('is a realistic mixed list of at least 200 definitions, good and bad, in both languages', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    const chinese = corpus.filter((item) => hasChinese(item.text)).length;
    expect(chinese).toBeGreaterThanOrEqual(80);
    expect(corpus.length - chinese).toBeGreaterThanOrEqual(80);
    expect(corpus.filter((item) => item.expect === '').length).toBeGreaterThanOrEqual(50);
    expect(corpus.filter((item) => item.expect === 'SMART').length).toBeGreaterThanOrEqual(20);
  });

  it.each(corpus.map((item, index) => [index, item.text, item]))('#%i %s', (_index, _text, item) => {
    const result = smart(item.text, item.target, item.unit, item.deadline, item.parent, item.baseline);
    expect(failing(result)).toBe(item.expect);
  });
});

describe('properties', () => {
  const shape = /^([0-5])\/5((?: · [SMART]: [^·]+)*)$/;
  it('always answers "n/5" with one reason per failing criterion, in order, in the text language', () => {
    const pieces = fc.constantFrom(
      '提升',
      'increase',
      '客戶',
      'customers',
      ' from ',
      '從',
      '由',
      '至',
      ' to ',
      '12%',
      '18%',
      'HK$1.2M',
      '80',
      '120',
      '萬港元',
      'Q1 2026',
      '2026 年第一季',
      '每月',
      'monthly',
      'by 30 June 2026',
      ',',
      ' ',
      '(',
      ')',
      'in Hong Kong',
      '香港',
      '線上門市',
      'rate',
      '率',
      '0',
      '-',
      '→',
      '滿分',
      '5 分',
      'within 90 days',
      '90 日內',
    );
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(
        text,
        fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })),
        fc.option(fc.string()),
        fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })),
        (t, target, parent, baseline) => {
          const result = smart(t, target, null, null, parent, baseline);
          if (t.trim() === '') return expect(result).toBe('');
          expect(typeof result).toBe('string');
          const match = shape.exec(result as string);
          expect(match).not.toBeNull();
          const letters = failing(result);
          expect(Number(match![1])).toBe(5 - letters.length);
          expect(letters).toBe([...'SMART'].filter((l) => letters.includes(l)).join(''));
          if (letters) expect(hasChinese(match![2])).toBe(hasChinese(t));
        },
      ),
      { numRuns: 400 },
    );
  });
});
