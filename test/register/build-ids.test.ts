import fc from 'fast-check';
import {
  ID_PATTERN,
  idGenerator,
  newKpiId,
  platformRandomSource,
  uuidRandomSource,
} from '../../src/register/ids';

describe('KPI ids', () => {
  it('100k ids from the real source are unique and well-formed', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 100_000; i++) ids.add(newKpiId());
    expect(ids.size).toBe(100_000);
    expect([...ids].filter((id) => !ID_PATTERN.test(id))).toEqual([]);
  });

  it('two people adding KPIs in the same millisecond get different ids', () => {
    const clock = () => 1_767_225_600_000;
    const alice = idGenerator({ now: clock });
    const bob = idGenerator({ now: clock });
    const ids = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      ids.add(alice());
      ids.add(bob());
    }
    expect(ids.size).toBe(20_000);
  });

  it('one generator never repeats, even with a stuck clock and a constant random source', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 2000 }), (byte, count) => {
        const next = idGenerator({ now: () => 1000, random: (bytes) => bytes.fill(byte) });
        const ids = Array.from({ length: count }, next);
        expect(new Set(ids).size).toBe(count);
        // Same millisecond: later ids sort after earlier ones.
        expect([...ids].sort()).toEqual(ids);
      }),
      { numRuns: 50 },
    );
  });

  it('ids sort by creation time, and the clock stepping back does not break the order', () => {
    let time = 5_000;
    const next = idGenerator({ now: () => time });
    const first = next();
    time = 9_000;
    const second = next();
    time = 4_000;
    const third = next();
    expect([first, second, third].sort()).toEqual([first, second, third]);
  });

  it('works with a UUID source such as Apps Script Utilities.getUuid', () => {
    let n = 0;
    const getUuid = () => {
      n++;
      const hex = (n * 2654435761).toString(16).padStart(8, '0').slice(-8);
      return `${hex}-${hex.slice(0, 4)}-4${hex.slice(1, 4)}-a${hex.slice(5, 8)}-${hex}${hex.slice(0, 4)}`;
    };
    const next = idGenerator({ random: uuidRandomSource(getUuid), prefix: 'OKR' });
    const ids = Array.from({ length: 1000 }, next);
    expect(new Set(ids).size).toBe(1000);
    expect(ids[0]).toMatch(/^OKR-/);
    expect(ids[0]).toMatch(ID_PATTERN);
  });
});

describe('the platform random source', () => {
  const realCrypto = globalThis.crypto;
  afterEach(() => {
    Object.defineProperty(globalThis, 'crypto', { value: realCrypto, configurable: true, writable: true });
    delete (globalThis as { Utilities?: unknown }).Utilities;
  });

  it('falls back to Apps Script Utilities.getUuid where there is no Web Crypto', () => {
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true, writable: true });
    let calls = 0;
    (globalThis as { Utilities?: unknown }).Utilities = {
      getUuid: () => {
        calls++;
        return realCrypto.randomUUID();
      },
    };
    const ids = Array.from({ length: 100 }, idGenerator({ now: () => calls }));
    expect(new Set(ids).size).toBe(100);
    expect(calls).toBeGreaterThan(0);
  });

  it('says what to do when the platform has no random source at all', () => {
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true, writable: true });
    expect(() => platformRandomSource()).toThrow(/pass one to idGenerator/);
  });
});
