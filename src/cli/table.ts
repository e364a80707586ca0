/**
 * Plain-text layout for a terminal: Chinese characters take two columns, so padding and wrapping count
 * display columns, not string length.
 */

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Breaks text into lines of at most `width` columns: at spaces in English, anywhere between CJK characters. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  // Tokens: a run of non-space non-CJK characters, a single CJK character, or spaces.
  for (const token of text.match(new RegExp(`${WIDE.source}|[^\\s]+?(?=${WIDE.source}|\\s|$)|\\s+`, 'g')) ??
    []) {
    const tokenWidth = displayWidth(token);
    if (/^\s+$/.test(token)) {
      if (line !== '') {
        line += ' ';
        lineWidth += 1;
      }
      continue;
    }
    if (lineWidth + tokenWidth > width && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = '';
      lineWidth = 0;
    }
    line += token;
    lineWidth += tokenWidth;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines.length > 0 ? lines : [''];
}

/** Rows as `1–5, 8, 10–12`, shortened after `max` groups (a 20,000-row sheet must not print 20,000 numbers). */
export function rowRanges(rows: readonly number[], more: (count: number) => string, max = 6): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const groups: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    groups.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  if (groups.length <= max) return groups.join(', ');
  return `${groups.slice(0, max).join(', ')} ${more(groups.length - max)}`;
}
