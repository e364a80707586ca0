import { checkSmart, smartcheckCell, type SmartInput } from '../../src/core/smart';
import corpusJson from '../fixtures/smart-corpus.json';
import realJson from '../fixtures/smart-real-corpus.json';

/**
 * SMARTCHECK shows only the verdict text, so it asks the checker for verdicts alone
 * (`checkSmart(input, true)`), which finds *some* scope of the text rather than the first and so can
 * leave the word segmenter (the costliest step) out. The verdicts and reasons must not change.
 */
const texts = [
  ...(corpusJson as { text: string }[]).map((item) => item.text),
  ...(realJson as { text: string }[]).map((item) => item.text),
];
const inputs: SmartInput[] = texts.flatMap((text) => [
  { text },
  { text, parent: 'P', lang: 'en' },
  { text, target: 0.5, baseline: 0.4, lang: 'zh-HK' },
]);

describe('checkSmart for verdicts only', () => {
  it('gives the same verdicts and reasons as the full check on every corpus text', () => {
    for (const input of inputs) {
      const full = checkSmart(input);
      const fast = checkSmart(input, true);
      expect([fast.text, fast.score, fast.criteria, Boolean(fast.extraction.scope)]).toEqual([
        full.text,
        full.score,
        full.criteria,
        Boolean(full.extraction.scope),
      ]);
    }
  });

  it('leaves the word segmenter out when a scope word needs none (社交媒體 after 香港 in 香港地區)', () => {
    const text = '香港地區社交媒體的轉換率由 12% 提升至 18%(2026 年底前)';
    const segment = jest.spyOn(Intl.Segmenter.prototype, 'segment');
    try {
      const fast = checkSmart({ text }, true);
      expect(segment).not.toHaveBeenCalled();
      expect(fast.extraction.scope).toBe('社交媒體');
      // The full check reports the first scope word, which takes the segmenter to judge (香港 | 地區).
      const full = checkSmart({ text });
      expect(segment).toHaveBeenCalled();
      expect(full.extraction.scope).toBe('香港');
      expect(fast.text).toBe(full.text);
    } finally {
      segment.mockRestore();
    }
  });

  it('is what SMARTCHECK uses', () => {
    const text = '香港地區社交媒體的轉換率由 12% 提升至 18%(2026 年底前)';
    const segment = jest.spyOn(Intl.Segmenter.prototype, 'segment');
    try {
      expect(smartcheckCell(text, null, null, null, 'P', null)).toBe(checkSmart({ text, parent: 'P' }).text);
      expect(segment).toHaveBeenCalledTimes(1); // by the full check on the right only
    } finally {
      segment.mockRestore();
    }
  });
});
