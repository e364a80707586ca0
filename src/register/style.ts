import { departmentKey } from '../core/fields';
import type { Status, Timing } from '../core/model';

/** Number formats and colours shared by the register's sheets. */

export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm';
export const SCORE_FORMAT = '0.0%';
export const WEIGHT_FORMAT = '0%';
export const PERCENT_FORMAT = '0.0%';
export const HKD_FORMAT = '"HK$"#,##0';
export const NUMBER_FORMAT = '#,##0.##';
export const COUNT_FORMAT = '0';

const HKD_UNITS = new Set(['hkd', 'hk$', '港元', '港幣', '港币', 'hk dollars']);

/** The format of a KPI's baseline, target and actual, by its unit (18% is stored as 0.18). */
export function valueFormat(unit: string | undefined): string {
  const folded = (unit ?? '').trim().toLowerCase();
  if (folded === '%') return PERCENT_FORMAT;
  if (HKD_UNITS.has(folded)) return HKD_FORMAT;
  return NUMBER_FORMAT;
}

interface Fill {
  fill: string;
  fontColor: string;
}

export const COLORS: {
  header: string;
  headerText: string;
  computed: string;
  section: string;
  status: Readonly<Record<Status, Fill>>;
  timing: Readonly<Record<Timing, Fill>>;
} = {
  header: '#1F4E78',
  headerText: '#FFFFFF',
  /** Computed columns: a light grey that says "formula, do not type here". */
  computed: '#F2F2F2',
  section: '#DDEBF7',
  status: {
    GREEN: { fill: '#C6EFCE', fontColor: '#006100' },
    AMBER: { fill: '#FFEB9C', fontColor: '#9C5700' },
    RED: { fill: '#FFC7CE', fontColor: '#9C0006' },
  },
  timing: {
    leading: { fill: '#DDEBF7', fontColor: '#1F4E78' },
    lagging: { fill: '#EDE7F6', fontColor: '#4A148C' },
  },
};

/** Width of a text in Excel's character units: East Asian (wide) characters count twice. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
  return width;
}

/**
 * The group a department cell belongs to (`departmentKey`, so `Sales` and `sales · 銷售` are one), with
 * each distinct spelling worked out once: a register repeats a few department names thousands of times.
 */
export function departmentGrouper(): (text: string | undefined) => string {
  const seen = new Map<string, string>();
  return (text) => {
    const key = text ?? '';
    let group = seen.get(key);
    if (group === undefined) {
      group = departmentKey(text) ?? '';
      seen.set(key, group);
    }
    return group;
  };
}
