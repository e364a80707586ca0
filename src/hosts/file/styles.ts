import type { Cell, Fill, Style } from 'exceljs';
import type { CellStyle } from '../../register/workbook';

/** `#RRGGBB` → exceljs `FFRRGGBB` (opaque). */
export const toArgb = (color: string): string => `FF${color.slice(1).toUpperCase()}`;

/** `AARRGGBB` (or `RRGGBB`) → `#RRGGBB`; theme and indexed colours have no fixed RGB and give undefined. */
export function fromArgb(color: { argb?: string } | undefined): string | undefined {
  const argb = color?.argb;
  if (typeof argb !== 'string' || !/^([0-9A-Fa-f]{2})?[0-9A-Fa-f]{6}$/.test(argb)) return undefined;
  return `#${argb.slice(-6).toUpperCase()}`;
}

export function solidFill(color: string): Fill {
  // Cells show fgColor; conditional-format (dxf) fills show bgColor. Setting both suits either use.
  return {
    type: 'pattern',
    pattern: 'solid',
    fgColor: { argb: toArgb(color) },
    bgColor: { argb: toArgb(color) },
  };
}

/** The exceljs style parts a port style changes, merged over what the cell already has. */
export function mergeStyle(current: Partial<Style>, style: CellStyle): Partial<Style> {
  const next: Partial<Style> = { ...current };
  if (style.bold !== undefined || style.italic !== undefined || style.fontColor !== undefined) {
    const font = { ...current.font };
    if (style.bold !== undefined) font.bold = style.bold;
    if (style.italic !== undefined) font.italic = style.italic;
    if (style.fontColor !== undefined) font.color = { argb: toArgb(style.fontColor) };
    next.font = font;
  }
  if (style.fill !== undefined) next.fill = solidFill(style.fill);
  if (style.wrap !== undefined || style.horizontal !== undefined) {
    const alignment = { ...current.alignment };
    if (style.wrap !== undefined) alignment.wrapText = style.wrap;
    if (style.horizontal !== undefined) alignment.horizontal = style.horizontal;
    next.alignment = alignment;
  }
  return next;
}

/** The port's view of an exceljs style (only what the port can express). */
export function readStyle(style: Partial<Style> | undefined): CellStyle | undefined {
  if (!style) return undefined;
  const out: CellStyle = {};
  if (style.font?.bold !== undefined) out.bold = !!style.font.bold;
  if (style.font?.italic !== undefined) out.italic = !!style.font.italic;
  const fontColor = fromArgb(style.font?.color);
  if (fontColor) out.fontColor = fontColor;
  const fill = style.fill;
  if (fill?.type === 'pattern' && fill.pattern === 'solid') {
    const color = fromArgb(fill.fgColor) ?? fromArgb(fill.bgColor);
    if (color) out.fill = color;
  }
  if (style.alignment?.wrapText !== undefined) out.wrap = !!style.alignment.wrapText;
  const horizontal = style.alignment?.horizontal;
  if (horizontal === 'left' || horizontal === 'center' || horizontal === 'right') out.horizontal = horizontal;
  return Object.keys(out).length ? out : undefined;
}

/**
 * Restyles many cells without touching any other cell. exceljs shares one style object between all
 * cells loaded with the same style, so a style is replaced, never mutated; cells that shared a style
 * before share the new one after (one object per distinct old style keeps memory flat).
 */
export class StylePatcher {
  private readonly replaced = new Map<object, Partial<Style>>();

  constructor(private readonly change: (style: Partial<Style>) => Partial<Style>) {}

  apply(cell: Cell): void {
    const current = (cell.style ?? {}) as Partial<Style>;
    let next = this.replaced.get(current);
    if (!next) {
      next = this.change(current);
      this.replaced.set(current, next);
    }
    cell.style = next as Style;
  }
}

/**
 * exceljs gives every new cell its own empty style object, and looks styles up per object when it saves.
 * Unstyled new cells share one frozen empty style instead: a large register saves several times faster
 * and holds a few hundred MB less. It is frozen because styles here are replaced, never mutated.
 */
const EMPTY_STYLE = Object.freeze({}) as Style;

export function adoptSharedStyle(cell: Cell): Cell {
  if (cell.style && Object.keys(cell.style).length === 0) cell.style = EMPTY_STYLE;
  return cell;
}
