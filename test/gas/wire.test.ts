import fc from 'fast-check';
import { KpiError } from '../../src/core/errors';
import { decode, encode, fromWire, toWire } from '../../src/gas/wire';

describe('the wire between the sidebar and Apps Script', () => {
  it('carries dates as their wall clock, whatever the time zones of either side', () => {
    const due = new Date(2026, 2, 31);
    const morning = new Date(2026, 0, 5, 9, 30, 15, 250);
    expect(toWire({ due, at: [morning] })).toEqual({
      due: { $date: '2026-03-31T00:00:00.000' },
      at: [{ $date: '2026-01-05T09:30:15.250' }],
    });
    expect(decode(encode({ due, at: [morning] }))).toEqual({ due, at: [morning] });
    const ancient = new Date(2026, 0, 1);
    ancient.setFullYear(99);
    expect(decode(encode(ancient))).toEqual(ancient);
  });

  it('keeps KpiErrors as errors with their code', () => {
    const back = decode(encode([new KpiError('#DIV/0!', 'Target equals baseline.')])) as KpiError[];
    expect(back[0]).toBeInstanceOf(KpiError);
    expect(back[0]).toEqual(new KpiError('#DIV/0!', 'Target equals baseline.'));
  });

  it('leaves out what google.script.run cannot carry: functions and undefined', () => {
    const onProgress = () => undefined;
    expect(toWire({ lang: 'en', sample: true, today: undefined, onProgress })).toEqual({
      lang: 'en',
      sample: true,
    });
    expect(toWire([1, undefined, onProgress, Number.NaN])).toEqual([1, null, null, null]);
  });

  it('round-trips any JSON-like value with dates in it', () => {
    const date = fc.date({ min: new Date(1900, 0, 1), max: new Date(2200, 0, 1), noInvalidDate: true });
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
        fc.boolean(),
        fc.constant(null),
        date,
        fc.array(tie('any'), { maxLength: 4 }),
        fc.dictionary(
          fc.string().filter((key) => !key.startsWith('$') && key !== '__proto__'),
          tie('any'),
          { maxKeys: 4 },
        ),
      ),
    })).any;
    fc.assert(
      fc.property(value, (input) =>
        expect(fromWire(JSON.parse(JSON.stringify(toWire(input))))).toEqual(input),
      ),
    );
  });
});
