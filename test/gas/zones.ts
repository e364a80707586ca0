import { ZoneShift, type FormatDate } from '../../src/hosts/sheets/zone';

/** The zone node runs in: the script's zone in these tests (Apps Script's local time is the script zone). */
export const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Utilities.formatDate for the one pattern the add-on uses (`Z`, the offset as `+0800`), from node's ICU. */
export const formatDate: FormatDate = (date, timeZone, pattern) => {
  if (pattern !== 'Z') throw new Error(`The fake formatDate only knows the pattern Z, not ${pattern}.`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const minutes = Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

export const zoneFor = (sheetZone: string): ZoneShift => new ZoneShift(sheetZone, LOCAL_ZONE, formatDate);
