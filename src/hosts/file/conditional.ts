import type { ConditionalFormattingRule, Style } from 'exceljs';
import { columnLetter, type ConditionalFormat } from '../../register/workbook';
import { fromArgb, solidFill, toArgb } from './styles';

/** How the port's conditional formats are written to (and recognised in) an .xlsx file. */

function highlight(fill: string, fontColor?: string): Partial<Style> {
  const style: Partial<Style> = { fill: solidFill(fill) };
  if (fontColor) style.font = { color: { argb: toArgb(fontColor) } };
  return style;
}

const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** The rule for a range whose top-left cell is (row, col): formulas in rules are relative to it. */
export function toExcelRule(format: ConditionalFormat, row: number, col: number): ConditionalFormattingRule {
  switch (format.kind) {
    case 'trafficLights':
      // Icon thresholds are "at least": red below amberAt, amber from amberAt, green from greenAt.
      return {
        type: 'iconSet',
        iconSet: '3TrafficLights1',
        showValue: true,
        cfvo: [
          { type: 'percent', value: 0 }, // the lowest icon's threshold is not used; Excel writes this
          { type: 'num', value: format.amberAt },
          { type: 'num', value: format.greenAt },
        ],
      } as ConditionalFormattingRule;
    case 'textEquals':
      // EXACT, not "=": equality in a rule ignores case, and a status is matched exactly.
      return {
        type: 'expression',
        formulae: [`EXACT(${columnLetter(col)}${row},${quoted(format.text)})`],
        style: highlight(format.fill, format.fontColor),
      } as ConditionalFormattingRule;
    case 'number':
      return {
        type: 'cellIs',
        operator: format.operator,
        formulae: format.operator === 'between' ? [format.value, format.value2] : [format.value],
        style: highlight(format.fill, format.fontColor),
      } as ConditionalFormattingRule;
  }
}

interface LoadedRule {
  type?: string;
  operator?: string;
  iconSet?: string;
  reverse?: boolean;
  cfvo?: { type?: string; value?: number }[];
  formulae?: unknown[];
  style?: Partial<Style>;
}

const EXACT = /^EXACT\(\$?[A-Z]{1,3}\$?\d+,"((?:[^"]|"")*)"\)$/i;
const STRING_LITERAL = /^"((?:[^"]|"")*)"$/;

function colors(style: Partial<Style> | undefined): { fill: string; fontColor?: string } | undefined {
  const fill =
    style?.fill?.type === 'pattern'
      ? (fromArgb(style.fill.bgColor) ?? fromArgb(style.fill.fgColor))
      : undefined;
  if (!fill) return undefined;
  const fontColor = fromArgb(style?.font?.color);
  return fontColor ? { fill, fontColor } : { fill };
}

const toNumber = (raw: unknown): number | undefined => {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** The port's format for a rule found in a file, or undefined when the rule is something else. */
export function fromExcelRule(rule: LoadedRule): ConditionalFormat | undefined {
  if (rule.type === 'iconSet') {
    const cfvo = rule.cfvo ?? [];
    const isLights = rule.iconSet === '3TrafficLights1' || rule.iconSet === '3TrafficLights' || !rule.iconSet;
    if (!isLights || rule.reverse || cfvo.length !== 3 || cfvo[1].type !== 'num' || cfvo[2].type !== 'num')
      return;
    const [amberAt, greenAt] = [toNumber(cfvo[1].value), toNumber(cfvo[2].value)];
    return amberAt === undefined || greenAt === undefined
      ? undefined
      : { kind: 'trafficLights', amberAt, greenAt };
  }
  const look = colors(rule.style);
  if (!look) return;
  const formulae = (rule.formulae ?? []).map((f) => (typeof f === 'string' ? f.trim() : f));
  if (rule.type === 'expression') {
    const match = typeof formulae[0] === 'string' ? EXACT.exec(formulae[0]) : null;
    return match ? { kind: 'textEquals', text: match[1].replace(/""/g, '"'), ...look } : undefined;
  }
  if (rule.type === 'cellIs') {
    if (rule.operator === 'equal' && typeof formulae[0] === 'string') {
      const match = STRING_LITERAL.exec(formulae[0]);
      if (match) return { kind: 'textEquals', text: match[1].replace(/""/g, '"'), ...look };
    }
    const [value, value2] = [toNumber(formulae[0]), toNumber(formulae[1])];
    if (value === undefined) return;
    if (rule.operator === 'lessThan' || rule.operator === 'greaterThanOrEqual')
      return { kind: 'number', operator: rule.operator, value, ...look };
    if (rule.operator === 'between' && value2 !== undefined)
      return { kind: 'number', operator: 'between', value, value2, ...look };
  }
  return undefined;
}
