/**
 * Every match of a global pattern, as `text.matchAll(re)` gives them (an empty match moves on by one
 * character), from an `exec` loop on the pattern itself. `matchAll` builds a copy of the pattern and an
 * iterator on each call, which costs more than the short texts it reads. Not re-entrant for one pattern.
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0] === '') re.lastIndex++;
    found.push(m);
  }
  return found;
}
