import type { Style } from 'exceljs';

/**
 * Cell formats and conditional-format looks of the sheets the file host writes itself, appended to the
 * styles.xml exceljs wrote for the rest of the workbook. Existing entries keep their indices (exceljs's
 * sheets point at them); new ones follow, and the `count` attributes are updated.
 */

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/;

/** Text as XML character data or attribute value (most text needs nothing: it is returned as it is). */
export const escapeXml = (text: string): string =>
  !NEEDS_ESCAPE.test(text)
    ? text
    : text
        // Characters XML 1.0 cannot hold are dropped (as exceljs does).
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        // A raw CR reaches every XML parser as a line feed (XML 1.0, 2.11 End-of-Line Handling): a header
        // read from Excel as "a\r\nb" would no longer equal its table column's `a_x000d__x000a_b`.
        .replace(/\r/g, '&#13;');

const argb = (color: { argb?: string } | undefined) =>
  color?.argb ? `<color rgb="${escapeXml(color.argb)}"/>` : '';

function fontXml(font: Partial<Style['font']>, full: boolean): string {
  let xml = '<font>';
  // "Not bold" is the default and is written as nothing (exceljs reads `<b val="0"/>` as bold).
  if (font.bold) xml += '<b/>';
  if (font.italic) xml += '<i/>';
  // A cell font is complete (size and face as the workbook's default); a dxf font changes only its colour.
  if (full) xml += '<sz val="11"/>';
  xml += font.color?.argb ? argb(font.color) : full ? '<color theme="1"/>' : '';
  if (full) xml += '<name val="Calibri"/><family val="2"/><scheme val="minor"/>';
  return `${xml}</font>`;
}

function fillXml(fill: Style['fill'] | undefined): string {
  if (!fill || fill.type !== 'pattern') return '<fill><patternFill patternType="none"/></fill>';
  const fg = fill.fgColor?.argb ? `<fgColor rgb="${escapeXml(fill.fgColor.argb)}"/>` : '';
  const bg = fill.bgColor?.argb ? `<bgColor rgb="${escapeXml(fill.bgColor.argb)}"/>` : '';
  return `<fill><patternFill patternType="${escapeXml(fill.pattern)}">${fg}${bg}</patternFill></fill>`;
}

/** Counts of the lists in a styles.xml, and the custom number formats it defines. */
function countOf(xml: string, list: string): number {
  const match = new RegExp(`<${list}\\b[^>]*?count="(\\d+)"`).exec(xml);
  if (match) return Number(match[1]);
  const body = new RegExp(`<${list}\\b[^>]*>([\\s\\S]*?)</${list}>`).exec(xml);
  const item = list === 'cellXfs' ? 'xf' : list.replace(/s$/, '');
  return body ? (body[1].match(new RegExp(`<${item}\\b`, 'g')) ?? []).length : 0;
}

export class StyleSheetAdditions {
  private readonly xfs: string[] = [];
  private readonly xfIndex = new Map<string, number>();
  private readonly byObject = new Map<object, number>();
  private readonly fonts: string[] = [];
  private readonly fontIndex = new Map<string, number>();
  private readonly fills: string[] = [];
  private readonly fillIndex = new Map<string, number>();
  private readonly numFmts = new Map<string, number>();
  private readonly newNumFmts: string[] = [];
  private readonly dxfs: string[] = [];
  private nextNumFmt = 164;
  private readonly base: { xfs: number; fonts: number; fills: number; dxfs: number };

  constructor(private readonly stylesXml: string) {
    this.base = {
      xfs: countOf(stylesXml, 'cellXfs'),
      fonts: countOf(stylesXml, 'fonts'),
      fills: countOf(stylesXml, 'fills'),
      dxfs: countOf(stylesXml, 'dxfs'),
    };
    for (const match of stylesXml.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/g)) {
      const id = Number(match[1]);
      this.numFmts.set(match[2], id);
      this.nextNumFmt = Math.max(this.nextNumFmt, id + 1);
    }
  }

  /** The cellXfs index for an exceljs cell style (0, the default, for an empty one). */
  xf(style: Partial<Style> | undefined): number {
    if (!style) return 0;
    const known = this.byObject.get(style);
    if (known !== undefined) return known;
    const index = this.xfFor(style);
    this.byObject.set(style, index);
    return index;
  }

  private xfFor(style: Partial<Style>): number {
    const numFmt = style.numFmt && style.numFmt !== 'General' ? this.numFmt(style.numFmt) : 0;
    const hasFont = !!style.font && Object.keys(style.font).length > 0;
    const fontId = hasFont ? this.font(style.font as Partial<Style['font']>) : 0;
    const fillId = style.fill ? this.fill(style.fill) : 0;
    const align = style.alignment;
    const alignXml = align
      ? `<alignment${align.horizontal ? ` horizontal="${escapeXml(align.horizontal)}"` : ''}${
          align.wrapText !== undefined ? ` wrapText="${align.wrapText ? 1 : 0}"` : ''
        }/>`
      : '';
    if (!numFmt && !fontId && !fillId && !alignXml) return 0;
    const applies =
      (numFmt ? ' applyNumberFormat="1"' : '') +
      (fontId ? ' applyFont="1"' : '') +
      (fillId ? ' applyFill="1"' : '') +
      (alignXml ? ' applyAlignment="1"' : '');
    const xml = `<xf numFmtId="${numFmt}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${applies}${
      alignXml ? `>${alignXml}</xf>` : '/>'
    }`;
    let index = this.xfIndex.get(xml);
    if (index === undefined) {
      index = this.base.xfs + this.xfs.length;
      this.xfs.push(xml);
      this.xfIndex.set(xml, index);
    }
    return index;
  }

  private numFmt(format: string): number {
    let id = this.numFmts.get(escapeXml(format));
    if (id === undefined) {
      id = this.nextNumFmt++;
      this.numFmts.set(escapeXml(format), id);
      this.newNumFmts.push(`<numFmt numFmtId="${id}" formatCode="${escapeXml(format)}"/>`);
    }
    return id;
  }

  private font(font: Partial<Style['font']>): number {
    const xml = fontXml(font, true);
    let index = this.fontIndex.get(xml);
    if (index === undefined) {
      index = this.base.fonts + this.fonts.length;
      this.fonts.push(xml);
      this.fontIndex.set(xml, index);
    }
    return index;
  }

  private fill(fill: Style['fill']): number {
    const xml = fillXml(fill);
    let index = this.fillIndex.get(xml);
    if (index === undefined) {
      index = this.base.fills + this.fills.length;
      this.fills.push(xml);
      this.fillIndex.set(xml, index);
    }
    return index;
  }

  /** A differential format (the look of a conditional-format rule). */
  dxf(style: Partial<Style> | undefined): number {
    const font = style?.font ? fontXml(style.font, false) : '';
    this.dxfs.push(`<dxf>${font}${style?.fill ? fillXml(style.fill) : ''}</dxf>`);
    return this.base.dxfs + this.dxfs.length - 1;
  }

  /** styles.xml with the new entries appended. */
  toXml(): string {
    let xml = this.stylesXml;
    xml = appendTo(xml, 'numFmts', this.newNumFmts, this.numFmts.size, 'fonts');
    xml = appendTo(xml, 'fonts', this.fonts, this.base.fonts + this.fonts.length);
    xml = appendTo(xml, 'fills', this.fills, this.base.fills + this.fills.length);
    xml = appendTo(xml, 'cellXfs', this.xfs, this.base.xfs + this.xfs.length);
    xml = appendTo(xml, 'dxfs', this.dxfs, this.base.dxfs + this.dxfs.length, 'tableStyles');
    return xml;
  }
}

/** Appends items to a list element (creating it before `before` when missing) and sets its count. */
function appendTo(xml: string, list: string, items: string[], count: number, before?: string): string {
  if (items.length === 0) return xml;
  const open = new RegExp(`<${list}\\b([^>]*?)(/?)>`).exec(xml);
  if (!open) {
    const at = before ? xml.indexOf(`<${before}`) : -1;
    const element = `<${list} count="${count}">${items.join('')}</${list}>`;
    if (at < 0) return xml.replace('</styleSheet>', `${element}</styleSheet>`);
    return xml.slice(0, at) + element + xml.slice(at);
  }
  const attrs = open[1].replace(/\s*count="\d+"/, '');
  const head = `<${list} count="${count}"${attrs}>`;
  if (open[2] === '/')
    return (
      xml.slice(0, open.index) + head + items.join('') + `</${list}>` + xml.slice(open.index + open[0].length)
    );
  const close = xml.indexOf(`</${list}>`, open.index);
  return (
    xml.slice(0, open.index) +
    head +
    xml.slice(open.index + open[0].length, close) +
    items.join('') +
    xml.slice(close)
  );
}
