import { format, LANGS } from '../../src/core/i18n';
import { MESSAGES, type MessageKey } from '../../src/taskpane/messages';
import { formatValue, showCell } from '../../src/taskpane/standalone/cells';
import {
  achievability,
  emptyForm,
  readWeight,
  smartOf,
  stepErrors,
  suggestedCadence,
  toDraft,
  update,
  type DraftForm,
} from '../../src/taskpane/wizard/draft';
import { kpiDraftSchema } from '../../src/app/addKpi';
import type { SheetSnapshot } from '../../src/hosts/memory';

const TODAY = new Date(2026, 4, 15);

function filled(patch: Partial<DraftForm> = {}): DraftForm {
  return update(emptyForm(TODAY), {
    name: 'New-customer conversion rate of the Hong Kong online store',
    description: 'From 12% to 18% by 31 December 2026',
    unit: '%',
    form: 'ratio',
    baseline: '12%',
    target: '18%',
    owner: 'Tse Ka Wai',
    parentId: 'KPI-TOP',
    deadline: '2026-12-31',
    ...patch,
  });
}

describe('the wizard form', () => {
  it('suggests the review cadence from the type until the manager picks one', () => {
    expect(suggestedCadence('strategic')).toBe('quarterly');
    expect(suggestedCadence('operational')).toBe('monthly');
    let form = update(emptyForm(TODAY), { type: 'strategic' });
    expect(form.cadence).toBe('quarterly');
    form = update(form, { cadence: 'semiannual' });
    form = update(form, { type: 'operational' });
    expect(form.cadence).toBe('semiannual');
  });

  it('stops each step on what it cannot do without', () => {
    const empty = emptyForm(TODAY);
    expect(stepErrors('S', empty)).toEqual({ name: 'error.nameRequired' });
    expect(stepErrors('M', { ...empty, target: 'lots', baseline: '1,200' })).toEqual({
      target: 'error.notNumber',
    });
    expect(stepErrors('R', empty)).toEqual({
      owner: 'error.ownerRequired',
      parentId: 'error.parentRequired',
    });
    expect(stepErrors('R', { ...empty, level: 'company', owner: 'CEO' })).toEqual({});
    expect(stepErrors('T', { ...empty, start: '2026-06-01', deadline: '2026-01-01' })).toEqual({
      deadline: 'error.deadlineBeforeStart',
    });
    expect(stepErrors('summary', filled())).toEqual({});
  });

  it('turns the form into a draft the application accepts, numbers as people type them', () => {
    const draft = toDraft(filled({ weight: '40' }));
    expect(draft).toMatchObject({
      baseline: 0.12,
      target: 0.18,
      weight: 0.4,
      deadline: new Date(2026, 11, 31),
    });
    expect(kpiDraftSchema.safeParse(draft).success).toBe(true);
    expect(readWeight('40%')).toBe(0.4);
    expect(readWeight('')).toBeUndefined();
  });

  it('gives the live SMART verdict in the task pane language', () => {
    expect(smartOf(filled(), 'en').score).toBe(5);
    const vague = smartOf({ ...emptyForm(TODAY), name: '提升銷售' }, 'zh-HK');
    expect(vague.score).toBe(0);
    expect(vague.criteria.every((criterion) => /[\u4e00-\u9fff]/.test(criterion.reason ?? ''))).toBe(true);
  });

  it('holds the name to the Specific rule of the S step: what is measured, for whom or where', () => {
    // A measure with numbers is not yet specific (issue 11): whose NPS? The reason names the measure.
    const nps = smartOf(filled({ name: 'NPS', description: 'from 32 to 45 by Q4 2026' }), 'en');
    expect(nps.criteria[0]).toMatchObject({ pass: false, key: 's.noScope' });
    expect(nps.criteria[0].reason).toContain('NPS');
    const corporate = smartOf(filled({ name: 'NPS of corporate accounts' }), 'en');
    expect(corporate.criteria[0].pass).toBe(true);
    expect(MESSAGES.en['wizard.step.S']).toContain('for whom or where');
    expect(MESSAGES['zh-HK']['wizard.step.S']).toContain('對象或地區');
  });

  it('judges Achievable against recent actuals when there are three, else against the baseline', () => {
    expect(achievability(filled({ history: '0.11, 0.12, 0.125', target: '18%' }))).toMatchObject({
      basis: 'history',
      verdict: 'STRETCH',
    });
    expect(achievability(filled({ target: '40%' }))).toMatchObject({
      basis: 'baseline',
      verdict: 'UNREALISTIC',
    });
    expect(achievability(filled({ target: '12.3%' }))).toMatchObject({ verdict: 'EASY' });
    expect(achievability(filled({ baseline: '', history: '1, 2' }))).toMatchObject({
      problem: 'feas.fewHistory',
    });
    expect(achievability(filled({ baseline: '' }))).toMatchObject({ problem: 'feas.noBasis' });
  });
});

describe('the message catalog', () => {
  it('has every text in both languages, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(MESSAGES.en) as MessageKey[]) {
      for (const lang of LANGS)
        expect({ key, lang, empty: MESSAGES[lang][key].trim() === '' }).toMatchObject({ empty: false });
      expect({ key, zh: placeholders(MESSAGES['zh-HK'][key]) }).toEqual({
        key,
        zh: placeholders(MESSAGES.en[key]),
      });
    }
    expect(format(MESSAGES['zh-HK']['checkin.saved'], { count: 2 })).toContain('2');
  });
});

describe('the standalone preview', () => {
  const sheet: SheetSnapshot = {
    name: 'Register',
    rows: 2,
    cols: 3,
    cells: [
      [{ value: 1.05, numFmt: '0.0%' }, { value: 'RED' }, { value: 12500, numFmt: '"HK$"#,##0' }],
      [{ value: { date: '2026-03-31' }, numFmt: 'yyyy-mm-dd' }, { value: 'GREEN' }, null],
    ],
    columnWidths: [],
    frozen: { rows: 0, cols: 0 },
    groupedRows: [],
    validations: [],
    conditionalFormats: [
      {
        range: { sheet: 'Register', row: 1, col: 1, rows: 2, cols: 1 },
        format: { kind: 'trafficLights', amberAt: 0.9, greenAt: 1 },
      },
      {
        range: { sheet: 'Register', row: 1, col: 2, rows: 2, cols: 1 },
        format: { kind: 'textEquals', text: 'RED', fill: '#FFC7CE', fontColor: '#9C0006' },
      },
    ],
  };

  it('shows numbers by their format and the status fills and lights of the conditional formats', () => {
    expect(showCell(sheet, 1, 1)).toMatchObject({ text: '105.0%', light: 'green' });
    expect(showCell(sheet, 1, 2).style).toMatchObject({ fill: '#FFC7CE', fontColor: '#9C0006' });
    expect(showCell(sheet, 2, 2).style.fill).toBeUndefined();
    expect(showCell(sheet, 1, 3).text).toBe('HK$12,500');
    expect(showCell(sheet, 2, 1).text).toBe('2026-03-31');
    expect(formatValue(0.5, undefined)).toBe('0.5');
    expect(formatValue({ date: '2026-01-05T09:30:00' }, 'yyyy-mm-dd hh:mm')).toBe('2026-01-05 09:30');
  });
});
