#!/usr/bin/env node
// @ts-check
/**
 * Draws the add-in icon, a traffic-light gauge (red, amber and green bands with the needle in the
 * green) on a navy tile, and writes assets/icon-<size>.png for every size Office asks for.
 * Pure node (zlib for the PNG stream), so the icons can be regenerated anywhere: `node scripts/make-icons.js`.
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZES = [16, 32, 64, 80, 128];
const SUPERSAMPLE = 5; // samples per pixel side, for smooth edges at 16 px

/** @typedef {[number, number, number]} RGB */
/** @type {Record<string, RGB>} */
const COLOUR = {
  tile: [0x1f, 0x3a, 0x5f],
  red: [0xe5, 0x48, 0x4d],
  amber: [0xf5, 0xa5, 0x24],
  green: [0x2f, 0xb2, 0x66],
  needle: [0xff, 0xff, 0xff],
};

/**
 * The colour at one point of the unit square (y down), or undefined outside the tile.
 * Shapes are painted back to front: tile, gauge bands, needle, hub.
 * @param {number} x
 * @param {number} y
 * @returns {RGB | undefined}
 */
function paint(x, y) {
  if (!inRoundedSquare(x, y, 0.2)) return undefined;
  const cx = 0.5;
  const cy = 0.64;
  const dx = x - cx;
  const dy = cy - y; // up is positive
  const r = Math.hypot(dx, dy);
  const needleAngle = (38 * Math.PI) / 180;
  const ux = Math.cos(needleAngle);
  const uy = Math.sin(needleAngle);
  const along = dx * ux + dy * uy;
  const across = Math.abs(-dx * uy + dy * ux);
  if (r <= 0.075) return COLOUR.needle;
  if (along >= 0 && along <= 0.33 && across <= 0.04 * (1 - along / 0.45)) return COLOUR.needle;
  if (dy >= -0.01 && r >= 0.25 && r <= 0.39) {
    const angle = Math.atan2(Math.max(dy, 0), dx); // 0 (right) … π (left)
    if (angle > (2 * Math.PI) / 3) return COLOUR.red;
    if (angle > Math.PI / 3) return COLOUR.amber;
    return COLOUR.green;
  }
  return COLOUR.tile;
}

/** @param {number} x @param {number} y @param {number} radius */
function inRoundedSquare(x, y, radius) {
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - radius), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - radius), 0);
  return Math.hypot(qx, qy) <= radius;
}

/** RGBA pixels of one icon, each pixel the average of SUPERSAMPLE² samples. @param {number} size */
function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const colour = paint((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        pixels[i] = Math.round(r / a);
        pixels[i + 1] = Math.round(g / a);
        pixels[i + 2] = Math.round(b / a);
        pixels[i + 3] = Math.round((255 * a) / (n * n));
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** @param {Buffer} bytes */
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG (square unless a height is given). @param {number} size @param {Buffer} pixels @param {number} [height] */
function encodePng(size, pixels, height = size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = [];
  for (let y = 0; y < height; y++) {
    rows.push(Buffer.from([0]), pixels.subarray(y * size * 4, (y + 1) * size * 4)); // filter: none
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function main() {
  const dir = path.resolve(__dirname, '..', 'assets');
  fs.mkdirSync(dir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(dir, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, render(size)));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

if (require.main === module) main();

module.exports = { encodePng, render, SIZES };
