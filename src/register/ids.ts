/**
 * KPI ids that two people adding KPIs at the same time never share: not row numbers (rows move) and not
 * a counter read from the sheet (two editors read the same counter). An id is the prefix, the creation
 * time in milliseconds and 40 random bits, in Crockford base32 (no I, L, O, U: easy to read aloud):
 * `KPI-01JD3X5Q7Z4K8M2PQR`. The time part makes ids sort by creation; within one generator ids made in
 * the same millisecond increase the random part (like ULID's monotonic mode), so they cannot repeat.
 */

/** Fills the array with random bytes. Injectable: Apps Script has no crypto (see `uuidRandomSource`). */
export type RandomSource = (bytes: Uint8Array) => void;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10; // 50 bits: milliseconds until the year 37648
const RANDOM_CHARS = 8; // 40 bits
const RANDOM_BYTES = 5;

export const ID_PATTERN = /^[A-Z][A-Z0-9]*-[0-9A-HJKMNP-TV-Z]{18}$/;

/** The platform's cryptographic random source (node ≥ 20 and browsers have `crypto.getRandomValues`). */
export const cryptoRandomSource: RandomSource = (bytes) => {
  globalThis.crypto.getRandomValues(bytes);
};

/**
 * The best source this platform has: Web Crypto where it exists, else Apps Script's `Utilities.getUuid()`
 * (V8 Apps Script has no `crypto`). Looked up when the first id is made, not when the module loads.
 */
export function platformRandomSource(): RandomSource {
  if (typeof globalThis.crypto?.getRandomValues === 'function') return cryptoRandomSource;
  const appsScript = (globalThis as { Utilities?: { getUuid?: () => string } }).Utilities;
  if (typeof appsScript?.getUuid === 'function') return uuidRandomSource(() => appsScript.getUuid!());
  throw new Error('No cryptographic random source: pass one to idGenerator({ random }).');
}

/** A random source built on a UUID generator such as Apps Script's `Utilities.getUuid()`. */
export function uuidRandomSource(getUuid: () => string): RandomSource {
  return (bytes) => {
    let hex = '';
    while (hex.length < bytes.length * 2) {
      // The version and variant nibbles (positions 12 and 16 of the 32 hex digits) are not random: drop them.
      const digits = getUuid().replace(/-/g, '');
      hex += digits.slice(0, 12) + digits.slice(13, 16) + digits.slice(17);
    }
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  };
}

export interface IdGeneratorOptions {
  prefix?: string;
  random?: RandomSource;
  now?: () => number;
}

/** Makes an id generator; keep one per session so that ids made in the same millisecond stay ordered. */
export function idGenerator(options: IdGeneratorOptions = {}): () => string {
  const prefix = options.prefix ?? 'KPI';
  let random = options.random;
  const now = options.now ?? Date.now;
  let lastTime = -1;
  let lastRandom = 0n;
  const limit = 1n << BigInt(RANDOM_BYTES * 8);
  return () => {
    let time = Math.max(0, Math.floor(now()));
    let value: bigint;
    if (time <= lastTime) {
      // Same (or an earlier, if the clock stepped back) millisecond: continue from the last id.
      time = lastTime;
      value = lastRandom + 1n;
      if (value >= limit) {
        time += 1;
        random ??= platformRandomSource();
        value = freshRandom(random);
      }
    } else {
      random ??= platformRandomSource();
      value = freshRandom(random);
    }
    lastTime = time;
    lastRandom = value;
    return `${prefix}-${encode(BigInt(time), TIME_CHARS)}${encode(value, RANDOM_CHARS)}`;
  };
}

let shared: (() => string) | undefined;

/** A new KPI id from the shared generator (the platform's cryptographic randomness, the real clock). */
export function newKpiId(): string {
  shared ??= idGenerator();
  return shared();
}

function freshRandom(random: RandomSource): bigint {
  const bytes = new Uint8Array(RANDOM_BYTES);
  random(bytes);
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function encode(value: bigint, chars: number): string {
  let text = '';
  for (let i = 0; i < chars; i++) {
    text = ALPHABET[Number(value & 31n)] + text;
    value >>= 5n;
  }
  return text;
}
