import fc from 'fast-check';
import {
  DAY_MS,
  FIRST_SERIAL,
  LAST_SERIAL,
  dateToSerialNumber,
  formatDay,
  formatWallClock,
  isDateSerial,
  localDate,
  parseWallClock,
  serialToLocalDate,
  serialToWallClock,
  utcDate,
  wallClockOf,
  wallClockOfUtc,
  wallClockToSerial,
  type DateSystem,
  type WallClock,
} from '../../src/core/calendar';

const day = (text: string) => parseWallClock(text)!;

describe('serial numbers in both date systems', () => {
  // Values as Excel shows them (DATE(2026,12,31) is 46387 in the 1900 system; the 1904 system's serials
  // are 1462 smaller, 1904-01-01 being 0).
  it.each([
    ['2026-12-31', 1900, 46387],
    ['2026-12-31', 1904, 44925],
    ['1900-01-01', 1900, 1],
    ['1900-02-28', 1900, 59],
    ['1900-03-01', 1900, 61],
    ['1904-01-01', 1904, 0],
    ['1904-01-01', 1900, 1462],
    ['9999-12-31', 1900, 2958465],
    ['9999-12-31', 1904, 2957003],
  ] as const)('%s is %i-system serial %i', (text, system, serial) => {
    expect(wallClockToSerial(day(text), system)).toBe(serial);
    expect(formatDay(serialToWallClock(serial, system)!)).toBe(text);
  });

  it("reads serial 60 (Excel's 29 Feb 1900, a day that never was) as 1 March", () => {
    expect(formatDay(serialToWallClock(60, 1900)!)).toBe('1900-03-01');
  });

  it('keeps the time of day, to the millisecond', () => {
    const clock = serialToWallClock(46387.75, 1900)!;
    expect(formatWallClock(clock)).toBe('2026-12-31T18:00:00.000');
    expect(wallClockToSerial(clock, 1900)).toBe(46387.75);
    expect(formatWallClock(serialToWallClock(46387 + (DAY_MS - 0.6) / DAY_MS, 1900)!)).toBe(
      '2026-12-31T23:59:59.999',
    );
  });

  it.each([
    [0, 1900],
    [-1, 1900],
    [-0.5, 1904],
    [2958466, 1900],
    [2957004, 1904],
    [Number.NaN, 1900],
    [Number.POSITIVE_INFINITY, 1904],
  ] as const)('serial %d is no date in the %i system', (serial, system) => {
    expect(isDateSerial(serial, system)).toBe(false);
    expect(serialToWallClock(serial, system)).toBeUndefined();
    expect(serialToLocalDate(serial, system)).toBeUndefined();
  });

  it('a time that rounds up to midnight after 9999-12-31 is no date', () => {
    expect(serialToWallClock(LAST_SERIAL[1900] + 1 - 1e-10, 1900)).toBeUndefined();
  });
});

const systems = fc.constantFrom<DateSystem>(1900, 1904);
/** A serial with a time of day to the millisecond, anywhere a date cell can show it. */
const serialIn = (system: DateSystem) =>
  fc
    .tuple(
      fc.integer({ min: FIRST_SERIAL[system], max: LAST_SERIAL[system] }),
      fc.integer({ min: 0, max: DAY_MS - 1 }),
    )
    .filter(([whole]) => system === 1904 || whole !== 60)
    .map(([whole, ms]) => ({ whole, ms, serial: whole + ms / DAY_MS }));

describe('properties', () => {
  it('serial → wall clock → serial is exact in both systems, time of day included', () => {
    fc.assert(
      fc.property(
        systems.chain((system) => serialIn(system).map((s) => ({ system, ...s }))),
        ({ system, whole, ms, serial }) => {
          const clock = serialToWallClock(serial, system)!;
          expect(clock.time).toBe(ms);
          expect(wallClockToSerial(clock, system)).toBe(serial);
          expect(Math.floor(wallClockToSerial({ ...clock, time: 0 }, system))).toBe(whole);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the two systems name the same day 1462 serials apart', () => {
    fc.assert(
      fc.property(serialIn(1904), ({ serial }) => {
        expect(serialToWallClock(serial + 1462, 1900)).toEqual(serialToWallClock(serial, 1904));
      }),
    );
  });

  it('wall clock ↔ text and ↔ UTC-field Dates are exact', () => {
    fc.assert(
      fc.property(
        systems.chain((system) => serialIn(system).map((s) => ({ system, ...s }))),
        ({ system, serial }) => {
          const clock = serialToWallClock(serial, system)!;
          expect(parseWallClock(formatWallClock(clock))).toEqual(clock);
          expect(wallClockOfUtc(utcDate(clock))).toEqual(clock);
        },
      ),
    );
  });

  it("port Dates keep the day in the machine's zone, and the time wherever the zone has it", () => {
    fc.assert(
      fc.property(
        systems.chain((system) => serialIn(system).map((s) => ({ system, ...s }))),
        ({ system, serial }) => {
          const clock = serialToWallClock(serial, system)!;
          // A zone that skipped a whole day (Pacific/Kiritimati, 31 Dec 1994) cannot show it at all.
          fc.pre(wallClockOf(localDate({ ...clock, time: 0 })).day === clock.day);
          const date = localDate(clock);
          const back: WallClock = wallClockOf(date);
          expect(formatDay(back)).toBe(formatDay(clock));
          // A wall clock inside a daylight-saving gap of this zone does not exist here: it moves forward.
          if (back.time === clock.time) expect(dateToSerialNumber(date, system)).toBe(serial);
          else expect(back.time).toBeGreaterThan(clock.time);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('text', () => {
  it('pads years below 1000 and keeps years 0–99 as they are', () => {
    expect(formatDay({ year: 33, month: 4, day: 3, time: 0 })).toBe('0033-04-03');
    expect(localDate({ year: 33, month: 4, day: 3, time: 0 }).getFullYear()).toBe(33);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-1-01', '2026-01-01T24:00', 'TBC'])(
    '%s is not a wall clock',
    (text) => {
      expect(parseWallClock(text)).toBeUndefined();
    },
  );
});
