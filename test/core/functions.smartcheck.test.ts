import { KpiError, isKpiError } from '../../src/core/errors';
import { SMARTCHECK } from '../../src/core/functions';

// SMART's own rules are tested with src/core/smart; this checks the worksheet entry point around them.
const GOOD = '2026 年第一季,香港地區線上門市的新客戶轉換率要從 12% 提升至 18%';

describe('SMARTCHECK through the worksheet entry', () => {
  it('worked examples', () => {
    expect(SMARTCHECK(GOOD, '', '', '', 'Grow online revenue')).toBe('5/5');
    const vague = SMARTCHECK('提升銷售') as string;
    expect(vague.startsWith('0/5 · S: ')).toBe(true);
    expect(vague.split(' · ').map((part) => part.slice(0, 2))).toEqual(['0/', 'S:', 'M:', 'A:', 'R:', 'T:']);
    expect(vague).toMatch(/[\u4e00-\u9fff]/); // reasons in Chinese
  });

  it('spills over a column of definitions with a column of parents', () => {
    const result = SMARTCHECK([[GOOD], ['提升銷售'], ['']], '', '', '', [
      ['Grow online revenue'],
      [''],
      [''],
    ]);
    const cells = (result as string[][]).map((row) => row[0]);
    expect(cells[0]).toBe('5/5');
    expect(cells[1].startsWith('0/5')).toBe(true);
    expect(cells[2]).toBe('');
  });

  it('a mismatched range is #VALUE!; an error cell stays in its cell', () => {
    expect(isKpiError(SMARTCHECK([[GOOD], [GOOD]], [[1], [2], [3]]))).toBe(true);
    const upstream = new KpiError('#N/A', 'x');
    const result = SMARTCHECK([[upstream], [GOOD]], '', '', '', 'Grow online revenue') as unknown[][];
    expect(result[0][0]).toBe(upstream);
    expect(result[1][0]).toBe('5/5');
  });
});
